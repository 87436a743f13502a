package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.examples.flightdelay.FlightDelayJar.Result;
import io.fluxo.runtime.datastore.s3.S3ProxyServer;
import java.nio.file.Path;
import java.util.Map;
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
  @TempDir static Path dir;
  private static S3ProxyServer server;
  private static FlightDelayJar jar;

  @BeforeAll
  static void startServer() {
    // on disk: the code package (the 300 MB flight-delay.jar) does not fit the in-memory server's heap
    server = S3ProxyServer.startPersistent();
    server.createBucket("lake");
    jar = FlightDelayJar.logsIn(dir).withEnv(Map.of(
        "FLUXO_HOME", dir.resolve("home").toString(),
        "FLUXO_METADATA_ROOT", dir.resolve("metadata").toString(),
        "FLUXO_S3_ENDPOINT", server.endpoint(),
        "FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
        "FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void flow_onS3_completes_andKeepsItsDatasetsUnderTheRunPrefix() throws Exception {
    Result run = jar.run("run", "--datastore", "s3", "--datastore-root", "s3://lake/fluxo", "--model-path", dir.resolve("models").toString());

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("Done!", "areaUnderROC").doesNotContain(S3ProxyServer.SECRET_KEY);

    Result dump = jar.run("dump", "1/preprocessData", "--full", "--datastore", "s3", "--datastore-root", "s3://lake/fluxo");
    assertThat(dump.code()).as(dump.output()).isZero();
    assertThat(dump.output()).contains("Parquet dataset, ", "s3a://lake/fluxo/FlightDelayFlow/1/preprocessData/");
  }
}
