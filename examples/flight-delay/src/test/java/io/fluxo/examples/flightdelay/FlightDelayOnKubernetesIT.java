package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fluxo.examples.flightdelay.FlightDelayJar.Result;
import io.fluxo.kubernetes.KubernetesTestCluster;
import io.fluxo.kubernetes.PodSpecs;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.internal.datastore.s3.S3ProxyServer;
import io.minio.UploadObjectArgs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flagship flow with every step in a pod ({@code run --with kubernetes}): the fabric8 mock API
 * server with the kubelet simulator running each pod, the datastore, the raw data and the model on
 * s3proxy, as pods would find them on a cluster. Each pod fetches the code package (the shaded jar)
 * from the datastore and runs Spark as {@code local[n]}, {@code n} being the pod's cpu.
 */
class FlightDelayOnKubernetesIT {
  private static final String ROOT = "s3://lake/fluxo";

  @TempDir static Path dir;
  private static S3ProxyServer s3;
  private static KubernetesTestCluster cluster;
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
    cluster = KubernetesTestCluster.start(PodSpecs.DEFAULT_NAMESPACE);
    cluster.createSecret(
        PodSpecs.DEFAULT_SECRET,
        Map.of(
            "FLUXO_S3_ACCESS_KEY",
            S3ProxyServer.ACCESS_KEY,
            "FLUXO_S3_SECRET_KEY",
            S3ProxyServer.SECRET_KEY));
    env = new HashMap<>(cluster.clientEnvironment());
    env.putAll(
        Map.of(
            "FLUXO_HOME",
            dir.resolve("home").toString(),
            "FLUXO_METADATA_ROOT",
            dir.resolve("metadata").toString(),
            "FLUXO_S3_ENDPOINT",
            s3.endpoint(),
            "FLUXO_S3_ACCESS_KEY",
            S3ProxyServer.ACCESS_KEY,
            "FLUXO_S3_SECRET_KEY",
            S3ProxyServer.SECRET_KEY,
            "FLUXO_K8S_POLL_MS",
            "200"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
    s3.close();
  }

  @Test
  void flow_withKubernetes_completesWithEveryStepInAPod() throws Exception {
    Result run =
        FlightDelayJar.logsIn(dir)
            .withEnv(env)
            .run(
                "run",
                "--with",
                "kubernetes",
                "--datastore",
                "s3",
                "--datastore-root",
                ROOT,
                "--raw-path",
                "s3://lake/raw/flights-sample.parquet",
                "--model-path",
                "s3://lake/models");

    assertThat(run.code()).as(run.output()).isZero();
    // lines the steps print, streamed back from the pods' logs
    assertThat(run.output())
        .contains("Done!", "Spark master: local[2]", "Model: s3a://lake/models/", "areaUnderROC")
        .doesNotContain(S3ProxyServer.SECRET_KEY);
    FluxoConfig config =
        FluxoConfig.load(
            new ConfigSources(env, dir.resolve("home"), dir),
            Map.of(ConfigKey.DATASTORE_ROOT, ROOT));
    Run stored = FlowRuns.of("FlightDelayFlow", config).latestRun();
    assertThat(stored.successful()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Double> metrics = stored.endTask().artifact("metrics", Map.class);
    assertThat(metrics.get("areaUnderROC")).isGreaterThan(0.55).isLessThan(1.0);

    List<Pod> pods = cluster.pods("run", stored.id());
    assertThat(pods)
        .hasSize(6)
        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));
    Pod train =
        pods.stream()
            .filter(
                p ->
                    p.getMetadata()
                        .getLabels()
                        .get(PodSpecs.LABEL + "step")
                        .equals("trainSparkMlModel"))
            .findFirst()
            .orElseThrow();
    var resources = train.getSpec().getContainers().get(0).getResources();
    assertThat(resources.getLimits())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("8192Mi"));

    // Datasets handed between steps are Parquet under the run's own prefix of the datastore
    Result dump =
        FlightDelayJar.logsIn(dir)
            .withEnv(env)
            .run(
                "dump",
                stored.id() + "/preprocessData",
                "--full",
                "--datastore",
                "s3",
                "--datastore-root",
                ROOT);
    assertThat(dump.code()).as(dump.output()).isZero();
    assertThat(dump.output())
        .contains(
            "Parquet dataset, ",
            "s3a://lake/fluxo/FlightDelayFlow/" + stored.id() + "/preprocessData/");
  }
}
