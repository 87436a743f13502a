package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.spi.FluxoVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {
  @TempDir Path dir;
  private final Map<String, String> env = new HashMap<>();

  private record Result(int code, String out, String err) {}

  private Result flow(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FlowCommand.execute(
            new CountingFlowDefinition(),
            args,
            "flow",
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ConfigSources(env, dir.resolve("home"), dir.resolve("work")));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void help_listsTheExitCodes_signalsIncluded() {
    Result help = flow("--help");

    assertThat(help.out())
        .containsPattern("0 +Success")
        .containsPattern("130 +Interrupted \\(Ctrl-C\\)")
        .containsPattern("143 +Terminated \\(SIGTERM");
  }

  @Test
  void aBadProcessSetting_isAUsageError_beforeAnythingRuns() {
    env.put("FLUXO_WARM_TASKS", "lots");

    Result run = flow("run");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err().strip().lines())
        .singleElement()
        .asString()
        .startsWith("Error: Invalid FLUXO_WARM_TASKS 'lots'");
  }

  @Test
  void configShow_listsTheProcessSettings_withTheirValues() {
    env.put("FLUXO_WARM_TASKS", "0");

    Result shown = flow("config", "show");

    assertThat(shown.code()).as(shown.err()).isZero();
    assertThat(shown.out())
        .contains("Process settings (environment only):")
        .containsPattern("FLUXO_WARM_TASKS +0 +task JVMs of each kind")
        .containsPattern("FLUXO_NO_CDS +- +1 or true");
  }

  @Test
  void version_isTheBuildsVersion() {
    Result version = flow("--version");

    assertThat(version.code()).isZero();
    assertThat(version.out().strip())
        .isEqualTo("Fluxo " + FluxoVersion.current())
        .matches("Fluxo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void configure_fromFlags_writesTheUserFile_thenShowMasksSecrets() throws Exception {
    Result configured =
        flow(
            "configure",
            "--datastore",
            "s3",
            "--datastore-root",
            "s3://lake/flows",
            "--s3-endpoint",
            "http://127.0.0.1:9000",
            "--s3-access-key",
            "minio-access-key",
            "--s3-secret-key",
            "minio-secret-key-123456");

    assertThat(configured.code()).as(configured.err()).isZero();
    Path file = dir.resolve("home/config.json");
    assertThat(configured.out())
        .contains(
            "Wrote datastore.type, datastore.root, datastore.endpoint, datastore.accessKey,"
                + " datastore.secretKey to "
                + file)
        .doesNotContain("minio-secret-key");
    assertThat(Files.readString(file)).contains("\"secretKey\" : \"minio-secret-key-123456\"");

    Result shown = flow("config", "show");

    assertThat(shown.code()).isZero();
    assertThat(shown.out())
        .doesNotContain("minio-secret-key-123456", "minio-access-key")
        .contains("Files read: " + file)
        .containsPattern("datastore\\.type +s3 +" + Pattern.quote(file.toString()))
        .containsPattern("datastore\\.root +s3://lake/flows")
        .containsPattern("datastore\\.secretKey +\\*\\*\\*\\*3456 ")
        .containsPattern("datastore\\.region +us-east-1 +default");
  }

  @Test
  void configure_project_withProfile_andShowWithCliOverride() {
    env.put("FLUXO_PROFILE", "ci");
    assertThat(
            flow(
                    "configure",
                    "--project",
                    "--profile",
                    "ci",
                    "--datastore-root",
                    "s3://ci-bucket/x")
                .code())
        .isZero();

    Result shown = flow("config", "show", "--datastore-root", "/tmp/elsewhere");

    assertThat(dir.resolve("work/fluxo.json")).exists();
    assertThat(shown.out())
        .contains("Profile: ci")
        .containsPattern("datastore\\.type +local +implied by datastore\\.root")
        .containsPattern("datastore\\.root +/tmp/elsewhere +option --datastore-root");
  }

  @Test
  void configure_withoutOptionsOrTerminal_isAUsageError() {
    Result result = flow("configure");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("Nothing to configure");
  }

  @Test
  void invalidDatastoreOption_isAUsageError() {
    Result result = flow("runs", "--datastore", "ftp");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().strip())
        .startsWith(
            "Error: Invalid datastore type 'ftp' (from option --datastore): expected local or s3");
  }

  private static final class Pattern {
    static String quote(String s) {
      return java.util.regex.Pattern.quote(s);
    }
  }
}
