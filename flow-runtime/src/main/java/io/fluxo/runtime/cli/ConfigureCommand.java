package io.fluxo.runtime.cli;

import io.fluxo.runtime.config.ConfigFiles;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flow configure}: writes settings into {@code ~/.fluxo/config.json} (or the project's
 * {@code ./fluxo.json} with {@code --project}), from options, or by asking when none is given and a
 * terminal is attached. Secret options given without a value are asked for without echo.
 */
@Command(
    name = "configure",
    mixinStandardHelpOptions = true,
    description = "Write settings to ~/.fluxo/config.json (or ./fluxo.json with --project); asks for them when no option is given.")
final class ConfigureCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--project", description = "Write ./fluxo.json in the working directory instead of ~/.fluxo/config.json.")
  boolean project;

  @Option(names = "--profile", paramLabel = "NAME", description = "Write the settings under profiles.NAME (selected with FLUXO_PROFILE).")
  String profile;

  @Option(names = "--datastore", paramLabel = "TYPE", description = "local or s3.")
  String datastore;

  @Option(names = "--datastore-root", paramLabel = "ROOT", description = "Local folder or s3://bucket/prefix.")
  String datastoreRoot;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3 endpoint, e.g. http://minio.local:9000.")
  String s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region.")
  String s3Region;

  @Option(names = "--s3-access-key", paramLabel = "KEY", arity = "0..1", interactive = true, description = "S3 access key (asked for if no value).")
  String s3AccessKey;

  @Option(names = "--s3-secret-key", paramLabel = "KEY", arity = "0..1", interactive = true, description = "S3 secret key (asked for if no value).")
  String s3SecretKey;

  @Option(names = "--s3-credentials-file", paramLabel = "FILE", description = "File with the S3 keys (MinIO credentials.json or AWS credentials).")
  String s3CredentialsFile;

  @Option(names = "--metadata", paramLabel = "TYPE", description = "local or service.")
  String metadata;

  @Option(names = "--metadata-url", paramLabel = "URL", description = "URL of the metadata service.")
  String metadataUrl;

  @Option(names = "--metadata-token", paramLabel = "TOKEN", arity = "0..1", interactive = true, description = "Token of the metadata service (asked for if no value).")
  String metadataToken;

  @Option(names = "--k8s-namespace", paramLabel = "NS", description = "Namespace of step pods.")
  String k8sNamespace;

  @Option(names = "--k8s-image", paramLabel = "IMAGE", description = "Image of step pods.")
  String k8sImage;

  @Option(names = "--k8s-image-pull-secret", paramLabel = "NAME", description = "Secret for pulling the image.")
  String k8sImagePullSecret;

  @Option(names = "--k8s-secrets", paramLabel = "NAMES", description = "Comma-separated secrets whose keys step pods get as environment.")
  String k8sSecrets;

  @Option(names = "--k8s-service-account", paramLabel = "NAME", description = "Service account of step pods.")
  String k8sServiceAccount;

  @Spec CommandSpec spec;

  ConfigureCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ConfigSources sources = context.configSources();
    Path file = project ? sources.workingDir().resolve(ConfigSources.PROJECT_FILE) : sources.userFile();
    Map<ConfigKey, String> values = given();
    PrintWriter out = spec.commandLine().getOut();
    if (values.isEmpty()) {
      Console console = System.console();
      if (console == null) {
        throw new UsageException("Nothing to configure: give settings as options (see --help), or run in a terminal to be asked");
      }
      values = ask(console, FluxoConfig.load(sources, Map.of()));
    }
    ConfigFiles.write(file, Optional.ofNullable(profile), values);
    out.println("Wrote " + String.join(", ", values.keySet().stream().map(ConfigKey::key).toList())
        + " to " + file + (profile == null ? "" : " (profile " + profile + ")") + "; see the result with: "
        + context.selfCommand() + " config show");
    out.flush();
    return 0;
  }

  private Map<ConfigKey, String> given() {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    put(values, ConfigKey.DATASTORE_TYPE, datastore);
    put(values, ConfigKey.DATASTORE_ROOT, datastoreRoot);
    put(values, ConfigKey.S3_ENDPOINT, s3Endpoint);
    put(values, ConfigKey.S3_REGION, s3Region);
    put(values, ConfigKey.S3_ACCESS_KEY, s3AccessKey);
    put(values, ConfigKey.S3_SECRET_KEY, s3SecretKey);
    put(values, ConfigKey.S3_CREDENTIALS_FILE, s3CredentialsFile);
    put(values, ConfigKey.METADATA_TYPE, metadata);
    put(values, ConfigKey.METADATA_URL, metadataUrl);
    put(values, ConfigKey.METADATA_TOKEN, metadataToken);
    put(values, ConfigKey.K8S_NAMESPACE, k8sNamespace);
    put(values, ConfigKey.K8S_IMAGE, k8sImage);
    put(values, ConfigKey.K8S_IMAGE_PULL_SECRET, k8sImagePullSecret);
    put(values, ConfigKey.K8S_SECRETS, k8sSecrets);
    put(values, ConfigKey.K8S_SERVICE_ACCOUNT, k8sServiceAccount);
    return values;
  }

  private static void put(Map<ConfigKey, String> values, ConfigKey key, String value) {
    if (value != null && !value.isBlank()) {
      values.put(key, value.strip());
    }
  }

  private static Map<ConfigKey, String> ask(Console console, FluxoConfig current) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    String type = console.readLine("Datastore (local or s3) [%s]: ", current.datastore().type().id()).strip();
    DatastoreType chosen = type.isEmpty() ? current.datastore().type() : DatastoreType.parse(type, "the answer");
    values.put(ConfigKey.DATASTORE_TYPE, chosen.id());
    for (ConfigKey key : ConfigFiles.promptedKeys(chosen)) {
      String shown = current.shown(key);
      String answer;
      if (key.kind() == ConfigKey.Kind.SECRET) {
        char[] secret = console.readPassword("%s%s: ", key.description(), shown == null ? "" : " [keep " + shown + "]");
        answer = secret == null ? "" : new String(secret);
      } else {
        answer = console.readLine("%s%s: ", key.description(), shown == null ? "" : " [" + shown + "]");
      }
      if (answer != null && !answer.isBlank()) {
        values.put(key, answer.strip());
      }
    }
    return values;
  }
}
