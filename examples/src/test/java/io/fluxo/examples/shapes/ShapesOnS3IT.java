package io.fluxo.examples.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.internal.datastore.s3.S3ProxyServer;
import io.fluxo.runtime.spi.CodePackage;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.MetadataBackend;
import io.fluxo.runtime.spi.RunRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every graph-shape example run from {@code target/flow.jar} with {@code --datastore s3} against
 * s3proxy, as a user would: {@code java -jar flow.jar --flow X run}, credentials in the
 * environment.
 */
class ShapesOnS3IT {
  private static S3ProxyServer server;

  @TempDir static Path dir;

  @BeforeAll
  static void startServer() {
    // on disk: six code packages (flow.jar with the runtime and the Kubernetes launcher) would not
    // fit the in-memory server's heap
    server = S3ProxyServer.startPersistent();
    server.createBucket("shapes");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("FLUXO_HOME", dir.resolve("home").toString());
    env.put("FLUXO_METADATA_ROOT", dir.resolve("metadata").toString());
    env.put("FLUXO_S3_ENDPOINT", server.endpoint());
    env.put("FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY);
    env.put("FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
    return env;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "LinearFlow",
        "BranchFlow",
        "ForeachFlow",
        "NestedForeachFlow",
        "RetryFlow",
        "CatchFlow"
      })
  void shape_runsToTheEnd_onS3(String flow) throws Exception {
    String jar = System.getProperty("fluxo.flowJar", "target/flow.jar");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar,
                "--flow",
                flow,
                "run",
                "--datastore",
                "s3",
                "--datastore-root",
                "s3://shapes/it"));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().putAll(env());
    Path log = dir.resolve(flow + ".log");
    Process process = builder.redirectOutput(log.toFile()).start();
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(log, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("Done!").doesNotContain(S3ProxyServer.SECRET_KEY);
    if (flow.equals("RetryFlow")) {
      assertThat(output).contains("Task is starting (retry 1).");
    }
    if (flow.equals("CatchFlow")) {
      assertThat(output).contains("@Catch caught the failure of step divide");
    }

    FluxoConfig config =
        FluxoConfig.load(
            new ConfigSources(env(), dir.resolve("home"), dir),
            Map.of(ConfigKey.DATASTORE_ROOT, "s3://shapes/it"));
    RunRecord run = MetadataBackend.connect(config.metadata()).runs(flow).get(0);
    CodePackage code =
        CodePackage.read(DatastoreBackend.connect(config.datastore()), run.codePackage());
    assertThat(code.entries())
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("flow.jar"));
    assertThat(FlowRuns.of(flow, config).latestSuccessfulRun().endTask().finished()).isTrue();
  }
}
