package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fluxo.kubernetes.KubernetesTestCluster;
import io.fluxo.kubernetes.PodSpecs;
import io.fluxo.runtime.client.DataArtifact;
import io.fluxo.runtime.client.Flow;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.datastore.s3.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code java -jar flow.jar --flow X run --with kubernetes} of every graph shape, against the
 * fabric8 mock API server with the kubelet simulator running each pod, on an S3 datastore
 * (s3proxy): every task is a pod, the pods' logs reach the orchestrator's output, and the end
 * task's artifacts equal those of a local run of the same flow.
 */
class ShapesOnKubernetesIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final String ROOT = "s3://shapes/k8s";

  @TempDir static Path dir;
  private static S3ProxyServer s3;
  private static KubernetesTestCluster cluster;

  @TempDir Path workDir;

  @BeforeAll
  static void start() {
    s3 = S3ProxyServer.startPersistent();
    s3.createBucket("shapes");
    cluster = KubernetesTestCluster.start(PodSpecs.DEFAULT_NAMESPACE);
    cluster.createSecret(PodSpecs.DEFAULT_SECRET,
        Map.of("FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY, "FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY));
  }

  @AfterAll
  static void stop() {
    cluster.close();
    s3.close();
  }

  /** The environment of an orchestrator that sends steps to the test cluster and keeps its data on s3proxy. */
  private static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(cluster.clientEnvironment());
    env.put("FLUXO_HOME", dir.resolve("home").toString());
    env.put("FLUXO_METADATA_ROOT", dir.resolve("metadata").toString());
    env.put("FLUXO_S3_ENDPOINT", s3.endpoint());
    env.put("FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY);
    env.put("FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
    env.put("FLUXO_K8S_POLL_MS", "100");
    return env;
  }

  private static FlowJar onKubernetes(String flow, Path workDir) {
    FlowJar jar = FlowJar.of(flow, workDir);
    for (Map.Entry<String, String> e : environment().entrySet()) {
      jar = jar.withEnv(e.getKey(), e.getValue());
    }
    return jar;
  }

  private static Flow stored(String flow) {
    FluxoConfig config = FluxoConfig.load(new ConfigSources(environment(), dir.resolve("home"), dir),
        Map.of(ConfigKey.DATASTORE_ROOT, ROOT));
    return Flow.of(flow, config);
  }

  @ParameterizedTest
  @CsvSource({
    "LinearFlow, 4, start > a > b > end",
    "BranchFlow, 5, hello: 15",
    "ForeachFlow, 8, sum of squares: 55",
    "NestedForeachFlow, 13, sums to 180"
  })
  void shape_runsAsPods_andEndsWithTheArtifactsOfALocalRun(String flow, int tasks, String printedByAStep) throws Exception {
    Map<String, Object> local = FlowJar.of(flow, workDir.resolve("local")).runToEnd();

    CommandResult run = onKubernetes(flow, workDir.resolve("k8s"))
        .start("run", "--with", "kubernetes", "--datastore", "s3", "--datastore-root", ROOT).await(TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).contains("Done!", printedByAStep).doesNotContain(S3ProxyServer.SECRET_KEY);
    String runId = run.requireRunId();
    Map<String, Object> remote = new LinkedHashMap<>();
    for (DataArtifact artifact : stored(flow).run(runId).endTask().artifacts()) {
      remote.put(artifact.name(), artifact.value());
    }
    assertThat(remote).isEqualTo(local);
    List<Pod> pods = cluster.pods("flow", flow).stream()
        .filter(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "run").equals(runId)).toList();
    assertThat(pods).hasSize(tasks).allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));
  }
}
