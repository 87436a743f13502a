package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.datastore.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship flow with its artifacts on an S3 datastore (s3proxy on 127.0.0.1): Datasets are
 * written as Parquet over s3a under the run's prefix, with the credentials reaching tasks only
 * through their environment.
 */
class FlightDelayOnS3IT {
  private static final Path JAR = Path.of(System.getProperty("fluxo.flowJar", "target/flight-delay.jar")).toAbsolutePath();
  private static final Path SAMPLE = Path.of(System.getProperty("fluxo.sample", "data/flights-sample.parquet")).toAbsolutePath();
  private static final Path ROOT = SAMPLE.getParent().getParent().getParent().getParent();

  @TempDir static Path dir;
  private static S3ProxyServer server;

  @BeforeAll
  static void startServer() {
    // on disk: the code package (the 300 MB flight-delay.jar) does not fit the in-memory server's heap
    server = S3ProxyServer.startPersistent();
    server.createBucket("lake");
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void flow_onS3_completes_andKeepsItsDatasetsUnderTheRunPrefix() throws Exception {
    Result run = fluxo("run", "--datastore", "s3", "--datastore-root", "s3://lake/fluxo", "--model-path", dir.resolve("models").toString());

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("Done!", "areaUnderROC").doesNotContain(S3ProxyServer.SECRET_KEY);

    Result dump = fluxo("dump", "1/preprocessData", "--full", "--datastore", "s3", "--datastore-root", "s3://lake/fluxo");
    assertThat(dump.code()).as(dump.output()).isZero();
    assertThat(dump.output()).contains("Parquet dataset, ", "s3a://lake/fluxo/FlightDelayFlow/1/preprocessData/");
  }

  private static Result fluxo(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "fluxo", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FLUXO_"));
    builder.environment().put("FLUXO_HOME", dir.resolve("home").toString());
    builder.environment().put("FLUXO_METADATA_ROOT", dir.resolve("metadata").toString());
    builder.environment().put("FLUXO_S3_ENDPOINT", server.endpoint());
    builder.environment().put("FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY);
    builder.environment().put("FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
    builder.environment().put("FLUXO_WARM_TASKS", "0");
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("fluxo " + String.join(" ", args) + " ran longer than 10 minutes:\n" + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }

  private record Result(int code, String output) {}
}
