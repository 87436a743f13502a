package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.examples.flightdelay.FlightDelayJar.Result;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.internal.datastore.s3.S3ProxyServer;
import io.fluxo.spark.SavedModel;
import io.fluxo.spark.Spark;
import io.minio.UploadObjectArgs;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship flow run locally, each task a process of this machine, against an S3 datastore on
 * s3proxy, with the raw data and the model on S3 too: the steps hand their Datasets over as Parquet
 * through s3a, and the client API reopens them from there.
 */
class FlightDelayOnS3IT {
  private static final String ROOT = "s3://lake/fluxo";

  @TempDir static Path dir;
  private static S3ProxyServer s3;
  private static Map<String, String> env;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3ProxyServer.startPersistent();
    s3.createBucket("lake");
    s3.client()
        .uploadObject(
            UploadObjectArgs.builder()
                .bucket("lake")
                .object("raw/flights-sample.parquet")
                .filename(FlightDelayJar.SAMPLE.toString())
                .build());
    env =
        Map.of(
            "FLUXO_HOME", dir.resolve("home").toString(),
            "FLUXO_METADATA_ROOT", dir.resolve("metadata").toString(),
            "FLUXO_S3_ENDPOINT", s3.endpoint(),
            "FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
            "FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void flow_onAnS3Datastore_handsItsDatasetsOverS3a_andTheClientReopensThem() throws Exception {
    Result run =
        FlightDelayJar.logsIn(dir)
            .withEnv(env)
            .run(
                "run",
                "--datastore",
                "s3",
                "--datastore-root",
                ROOT,
                "--raw-path",
                "s3://lake/raw/flights-sample.parquet",
                "--model-path",
                "s3://lake/models");

    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("Done!", "Model: s3a://lake/models/", "areaUnderROC")
        .doesNotContain(S3ProxyServer.SECRET_KEY);

    // as a notebook would: the client, then Spark; a session this JVM made earlier lacks the keys,
    // and a datastore opened earlier in this JVM on the same bucket had another endpoint
    Spark.stop();
    System.setProperty("spark.hadoop.fs.s3a.bucket.lake.endpoint", "http://127.0.0.1:1");
    FluxoConfig config =
        FluxoConfig.load(
            new ConfigSources(env, dir.resolve("home"), dir),
            Map.of(ConfigKey.DATASTORE_ROOT, ROOT));
    Run stored = FlowRuns.of("FlightDelayFlow", config).latestRun();
    assertThat(stored.successful()).isTrue();
    Task preprocess = stored.step("preprocessData").task();
    @SuppressWarnings("unchecked")
    Dataset<Row> train = (Dataset<Row>) preprocess.artifact("train");

    assertThat(Arrays.asList(train.inputFiles()))
        .isNotEmpty()
        .allMatch(
            file ->
                file.startsWith(
                    "s3a://lake/fluxo/FlightDelayFlow/" + stored.id() + "/preprocessData/"));
    assertThat(train.count()).isBetween(38_000L, 42_000L);
    PipelineModel model =
        SavedModel.load(stored.endTask().artifact("modelUri", String.class), PipelineModel.class);
    assertThat(model.transform(train.limit(5)).select("prediction").count()).isEqualTo(5);
  }
}
