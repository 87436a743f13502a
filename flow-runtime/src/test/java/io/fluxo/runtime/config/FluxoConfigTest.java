package io.fluxo.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluxoConfigTest {
  @TempDir Path dir;
  private Path home;
  private Path project;
  private final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void folders() throws IOException {
    home = Files.createDirectories(dir.resolve("home/.fluxo"));
    project = Files.createDirectories(dir.resolve("project/sub"));
  }

  private FluxoConfig load(Map<ConfigKey, String> cli) {
    return LoadedConfig.load(sources(), cli).config();
  }

  private ConfigSources sources() {
    return new ConfigSources(env, home, project);
  }

  private void userFile(String json) throws IOException {
    Files.writeString(home.resolve("config.json"), json);
  }

  private void projectFile(String json) throws IOException {
    Files.writeString(dir.resolve("project/fluxo.json"), json);
  }

  @Test
  void defaults_localDatastoreAtTheNearestFluxoFolder_localMetadataBesideIt() {
    FluxoConfig config = load(Map.of());

    assertThat(config.datastore().type()).isEqualTo(DatastoreType.LOCAL);
    assertThat(config.datastore().root()).isEqualTo(project.resolve(".fluxo").toString());
    assertThat(config.metadata().type()).isEqualTo(MetadataType.LOCAL);
    assertThat(config.metadata().root()).isEqualTo(project.resolve(".fluxo"));
    assertThat(config.datastore().region()).isEqualTo("us-east-1");
  }

  @Test
  void defaultLocalRoot_isTheNearestAncestorsFluxoFolder() throws IOException {
    Path above = Files.createDirectories(dir.resolve("project/.fluxo"));

    assertThat(sources().localRoot()).isEqualTo(above);
    assertThat(load(Map.of()).datastore().root()).isEqualTo(above.toString());
  }

  @Test
  void precedence_userFile_lessThanProjectFile_lessThanProfile_lessThanEnv_lessThanCli()
      throws IOException {
    userFile(
        """
        {"datastore": {"type": "s3", "root": "s3://user/p", "endpoint": "http://user:9000", "region": "eu-1",
                       "accessKey": "user-access", "secretKey": "user-secret"},
         "kubernetes": {"namespace": "user-ns", "image": "user-image"}}""");
    projectFile(
        """
        {"datastore": {"root": "s3://project/p", "endpoint": "http://project:9000"},
         "kubernetes": {"namespace": "project-ns"},
         "profiles": {"prod": {"datastore": {"endpoint": "http://prod:9000"}, "kubernetes": {"image": "prod-image"}}}}""");
    env.put("FLUXO_PROFILE", "prod");
    env.put("FLUXO_S3_REGION", "env-region");
    env.put("FLUXO_DATASTORE_ROOT", "s3://env/p");

    FluxoConfig config = load(Map.of(ConfigKey.DATASTORE_ROOT, "s3://cli/p"));

    assertThat(config.datastore().type()).isEqualTo(DatastoreType.S3);
    assertThat(config.datastore().accessKey().reveal()).isEqualTo("user-access");
    assertThat(config.kubernetes().namespace()).isEqualTo("project-ns");
    assertThat(config.datastore().endpoint()).isEqualTo("http://prod:9000");
    assertThat(config.kubernetes().image()).isEqualTo("prod-image");
    assertThat(config.datastore().region()).isEqualTo("env-region");
    assertThat(config.datastore().root()).isEqualTo("s3://cli/p");
  }

  @Test
  void sources_nameTheFileProfileVariableOrOptionOfEachValue() throws IOException {
    projectFile(
        """
        {"datastore": {"type": "s3", "root": "s3://project/p"},
         "profiles": {"prod": {"datastore": {"endpoint": "http://prod:9000"}}}}""");
    env.put("FLUXO_PROFILE", "prod");
    env.put("FLUXO_S3_SECRET_KEY", "secret-from-env-0123456789");

    LoadedConfig loaded =
        LoadedConfig.load(sources(), Map.of(ConfigKey.DATASTORE_ROOT, "s3://cli/p"));

    Map<String, LoadedConfig.Row> rows = new HashMap<>();
    loaded.rows().forEach(r -> rows.put(r.key(), r));
    Path file = dir.resolve("project/fluxo.json");
    assertThat(rows.get("datastore.type").source()).isEqualTo(file.toString());
    assertThat(rows.get("datastore.root"))
        .isEqualTo(new LoadedConfig.Row("datastore.root", "s3://cli/p", "option --datastore-root"));
    assertThat(rows.get("datastore.endpoint").source()).isEqualTo(file + " (profile prod)");
    assertThat(rows.get("datastore.secretKey"))
        .isEqualTo(
            new LoadedConfig.Row("datastore.secretKey", "****6789", "env FLUXO_S3_SECRET_KEY"));
    assertThat(rows.get("datastore.region"))
        .isEqualTo(new LoadedConfig.Row("datastore.region", "us-east-1", "default"));
    assertThat(rows.get("metadata.url")).isEqualTo(new LoadedConfig.Row("metadata.url", "", ""));
    assertThat(loaded.profile()).contains("prod");
    assertThat(loaded.files()).containsExactly(file.toString());
  }

  @Test
  void projectFile_isFoundUpward_andItsRelativePathsAreRelativeToIt() throws IOException {
    projectFile(
        """
        {"datastore": {"root": "data/store", "credentialsFile": "keys.json"}, "metadata": {"root": "meta"}}""");

    FluxoConfig config = load(Map.of());

    assertThat(config.datastore().root()).isEqualTo(dir.resolve("project/data/store").toString());
    assertThat(config.datastore().credentialsFile()).isEqualTo(dir.resolve("project/keys.json"));
    assertThat(config.metadata().root()).isEqualTo(dir.resolve("project/meta"));
  }

  @Test
  void envRoot_relativeToTheWorkingDirectory_keepsTheExistingMeaning() {
    env.put("FLUXO_DATASTORE_ROOT", "store");

    FluxoConfig config = load(Map.of());

    assertThat(config.datastore().type()).isEqualTo(DatastoreType.LOCAL);
    assertThat(config.datastore().localRoot()).isEqualTo(project.resolve("store"));
  }

  @Test
  void cliType_local_overridesAConfiguredS3Root_withTheDefaultFolder() throws IOException {
    userFile(
        """
        {"datastore": {"type": "s3", "root": "s3://bucket/p"}}""");

    FluxoConfig config = load(Map.of(ConfigKey.DATASTORE_TYPE, "local"));

    assertThat(config.datastore().type()).isEqualTo(DatastoreType.LOCAL);
    assertThat(config.datastore().root()).isEqualTo(project.resolve(".fluxo").toString());
  }

  @Test
  void cliRoot_s3_impliesTheS3Type_overAConfiguredLocalType() throws IOException {
    userFile(
        """
        {"datastore": {"type": "local"}}""");

    FluxoConfig config = load(Map.of(ConfigKey.DATASTORE_ROOT, "s3://bucket/prefix/"));

    assertThat(config.datastore().type()).isEqualTo(DatastoreType.S3);
    assertThat(config.datastore().s3Root().bucket()).isEqualTo("bucket");
    assertThat(config.datastore().root()).isEqualTo("s3://bucket/prefix");
    assertThat(config.metadata().root()).isEqualTo(project.resolve(".fluxo"));
  }

  @Test
  void s3Type_withALocalRootInTheSameLayer_isInvalid() throws IOException {
    projectFile(
        """
        {"datastore": {"type": "s3", "root": "/tmp/store"}}""");

    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("type s3 needs an s3://bucket/prefix root; found /tmp/store");
  }

  @Test
  void invalidValues_andUnknownKeys_areNamedWithTheirSource() throws IOException {
    env.put("FLUXO_DATASTORE", "ftp");
    assertThatThrownBy(() -> load(Map.of()))
        .hasMessage(
            "Invalid datastore type 'ftp' (from env FLUXO_DATASTORE): expected local or s3");
    env.clear();

    projectFile(
        """
        {"datastore": {"endpiont": "http://x"}}""");
    assertThatThrownBy(() -> load(Map.of()))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("unknown setting \"datastore.endpiont\"")
        .hasMessageContaining("endpoint");

    projectFile(
        """
        {"datastore": {"root": "s3://B/p"}}""");
    assertThatThrownBy(() -> load(Map.of())).hasMessageContaining("Invalid S3 bucket name 'B'");
  }

  @Test
  void unknownProfile_isAnError() throws IOException {
    projectFile(
        """
        {"profiles": {"dev": {}}}""");
    env.put("FLUXO_PROFILE", "prod");

    assertThatThrownBy(() -> load(Map.of()))
        .hasMessageStartingWith("Unknown profile 'prod' (from FLUXO_PROFILE)");
  }

  @Test
  void badFiles_areRefusedInOneLine_namingTheKey() throws IOException {
    Map<String, String> files =
        Map.of(
            "{\"datastore\": {\"root\": 5}}",
            "\"datastore.root\" must be a string, not a number (5)",
            "{\"datastore\": {\"root\": \"/data\"}} trailing",
            "invalid JSON at line 1",
            "{\"datastore\": {\"root\": \"/a\", \"root\": \"/b\"}}",
            "Duplicate field 'root'",
            "{\"datastore\": \"s3\"}",
            "\"datastore\" must be an object of settings",
            "{\"kubernetes\": {\"secrets\": [\"minio-creds\", 7]}}",
            "\"kubernetes.secrets\" must be an array of strings, not of a number (7)",
            "{\"spark\": {\"conf\": {\"spark.executor.instances\": {\"n\": 4}}}}",
            "\"spark.conf.spark.executor.instances\" must be a string, number or boolean");
    for (Map.Entry<String, String> file : files.entrySet()) {
      projectFile(file.getKey());

      assertThatThrownBy(() -> load(Map.of()))
          .as(file.getKey())
          .isInstanceOf(UsageException.class)
          .hasMessageContaining(file.getValue())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "[Source:"));
    }
  }

  @Test
  void credentials_fromKeys_orFromAMinioOrAwsCredentialsFile() throws IOException {
    Path minio =
        Files.writeString(
            dir.resolve("credentials.json"),
            """
        {"url": "http://minio:9000", "accessKey": "mk", "secretKey": "ms", "api": "s3v4", "path": "auto"}""");
    Path aws =
        Files.writeString(
            dir.resolve("credentials"),
            """
        [other]
        aws_access_key_id = no
        [default]
        aws_access_key_id = ak
        aws_secret_access_key = as
        """);
    env.put("FLUXO_DATASTORE_ROOT", "s3://bucket/p");

    env.put("FLUXO_S3_CREDENTIALS_FILE", minio.toString());
    assertThat(load(Map.of()).datastore().credentials())
        .isEqualTo(new S3Credentials(Secret.of("mk"), Secret.of("ms")));
    env.put("FLUXO_S3_CREDENTIALS_FILE", aws.toString());
    assertThat(load(Map.of()).datastore().credentials())
        .isEqualTo(new S3Credentials(Secret.of("ak"), Secret.of("as")));
    env.put("FLUXO_S3_ACCESS_KEY", "k");
    env.put("FLUXO_S3_SECRET_KEY", "s");
    assertThat(load(Map.of()).datastore().credentials())
        .isEqualTo(new S3Credentials(Secret.of("k"), Secret.of("s")));
  }

  @Test
  void noCredentials_saysHowToSetThem() {
    env.put("FLUXO_DATASTORE_ROOT", "s3://bucket/p");

    assertThatThrownBy(() -> load(Map.of()).datastore().credentials())
        .hasMessageContaining("no credentials")
        .hasMessageContaining("FLUXO_S3_ACCESS_KEY");
  }

  @Test
  void secrets_printMasked_inToStringAndJson_butReachTheTaskEnvironment() {
    env.put("FLUXO_DATASTORE_ROOT", "s3://bucket/p");
    env.put("FLUXO_S3_ACCESS_KEY", "AKIAEXAMPLEEXAMPLE01");
    env.put("FLUXO_S3_SECRET_KEY", "very-secret-value-0123456789");
    env.put("FLUXO_METADATA_TOKEN", "token-value-0123456789abcdef");

    FluxoConfig config = load(Map.of());

    String json = new String(Json.write(config));
    for (String text :
        new String[] {config.toString(), json, config.datastore().credentials().toString()}) {
      assertThat(text)
          .doesNotContain("very-secret-value", "token-value", "AKIAEXAMPLEEXAMPLE01")
          .contains("****");
    }
    assertThat(config.shown(ConfigKey.S3_SECRET_KEY)).isEqualTo("****6789");
    assertThat(config.taskEnvironment())
        .containsEntry("FLUXO_S3_SECRET_KEY", "very-secret-value-0123456789")
        .containsEntry("FLUXO_DATASTORE", "s3")
        .containsEntry("FLUXO_DATASTORE_ROOT", "s3://bucket/p");
  }

  @Test
  void kubernetesAndSpark_fromFilesAndEnv() throws IOException {
    projectFile(
        """
        {"kubernetes": {"secrets": ["minio-creds"], "imagePullSecret": "harbor-creds"},
         "spark": {"master": "local[2]", "conf": {"spark.sql.shuffle.partitions": "8"}}}""");
    env.put("FLUXO_K8S_SECRETS", "minio-creds, other");

    FluxoConfig config = load(Map.of());

    assertThat(config.kubernetes().secrets()).containsExactly("minio-creds", "other");
    assertThat(config.kubernetes().imagePullSecret()).isEqualTo("harbor-creds");
    assertThat(config.spark().master()).isEqualTo("local[2]");
    assertThat(config.spark().conf()).containsEntry("spark.sql.shuffle.partitions", "8");
  }

  @Test
  void configFiles_write_mergesIntoTheFile_ownerOnly_andLoadsBack() throws IOException {
    Path file = home.resolve("config.json");
    userFile(
        """
        {"kubernetes": {"namespace": "kept"}}""");

    ConfigFiles.write(
        file,
        java.util.Optional.empty(),
        Map.of(
            ConfigKey.DATASTORE_TYPE,
            "s3",
            ConfigKey.DATASTORE_ROOT,
            "s3://bucket/p",
            ConfigKey.S3_SECRET_KEY,
            "sk"));
    ConfigFiles.write(
        file, java.util.Optional.of("dev"), Map.of(ConfigKey.S3_ENDPOINT, "http://dev:9000"));

    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    env.put("FLUXO_PROFILE", "dev");
    FluxoConfig config = load(Map.of());
    assertThat(config.kubernetes().namespace()).isEqualTo("kept");
    assertThat(config.datastore().root()).isEqualTo("s3://bucket/p");
    assertThat(config.datastore().secretKey().reveal()).isEqualTo("sk");
    assertThat(config.datastore().endpoint()).isEqualTo("http://dev:9000");
  }
}
