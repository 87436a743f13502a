package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fluxo.kubernetes.KubernetesTestCluster;
import io.fluxo.kubernetes.PodSpecs;
import io.fluxo.runtime.client.DataArtifact;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.internal.datastore.s3.S3ProxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code java -jar flow.jar --flow X run --with kubernetes} of every graph shape, against the
 * fabric8 mock API server with the kubelet simulator running each pod, on an S3 datastore
 * (s3proxy): every task is a pod, the pods' logs reach the orchestrator's output, and the end
 * task's artifacts equal those of a local run of the same flow; Ctrl-C on the orchestrator deletes
 * the run's pods.
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
    cluster.createSecret(
        PodSpecs.DEFAULT_SECRET,
        Map.of(
            "FLUXO_S3_ACCESS_KEY",
            S3ProxyServer.ACCESS_KEY,
            "FLUXO_S3_SECRET_KEY",
            S3ProxyServer.SECRET_KEY));
  }

  @AfterAll
  static void stop() {
    cluster.close();
    s3.close();
  }

  /**
   * The environment of an orchestrator that sends steps to the test cluster and keeps its data on
   * s3proxy.
   */
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

  private static FlowRuns stored(String flow) {
    FluxoConfig config =
        FluxoConfig.load(
            new ConfigSources(environment(), dir.resolve("home"), dir),
            Map.of(ConfigKey.DATASTORE_ROOT, ROOT));
    return FlowRuns.of(flow, config);
  }

  @ParameterizedTest
  @CsvSource({
    "LinearFlow, 4, start > a > b > end",
    "BranchFlow, 5, hello: 15",
    "ForeachFlow, 8, sum of squares: 55",
    "NestedForeachFlow, 13, sums to 180"
  })
  void shape_runsAsPods_andEndsWithTheArtifactsOfALocalRun(
      String flow, int tasks, String printedByAStep) throws Exception {
    Map<String, Object> local = FlowJar.of(flow, workDir.resolve("local")).runToEnd();

    CommandResult run =
        onKubernetes(flow, workDir.resolve("k8s"))
            .start("run", "--with", "kubernetes", "--datastore", "s3", "--datastore-root", ROOT)
            .await(TIMEOUT);

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout())
        .contains("Done!", printedByAStep)
        .doesNotContain(S3ProxyServer.SECRET_KEY);
    String runId = run.requireRunId();
    Map<String, Object> remote = new LinkedHashMap<>();
    for (DataArtifact artifact : stored(flow).run(runId).endTask().artifacts()) {
      remote.put(artifact.name(), artifact.value());
    }
    assertThat(remote).isEqualTo(local);
    List<Pod> pods = podsOf(flow, runId);
    assertThat(pods)
        .hasSize(tasks)
        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));
  }

  @Test
  void ctrlC_deletesTheRunsPods_andPrintsTheResumeCommand() throws Exception {
    FlowJar flow = onKubernetes("ForeachFlow", workDir).withEnv("FLUXO_DATASTORE_ROOT", ROOT);
    cluster.kubelet().hold("square");
    try {
      FlowProcess orchestrator = flow.start("run", "--with", "kubernetes");
      orchestrator.awaitOutput("Workflow starting", TIMEOUT);
      String runId = FlowProcess.runId(orchestrator.stdoutSoFar()).orElseThrow();
      awaitRunning(runId, "square", 5);

      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(orchestrator.handle().pid()))
              .inheritIO()
              .start();
      assertThat(kill.waitFor()).isZero();
      CommandResult interrupted = orchestrator.await(Duration.ofMinutes(1));

      assertThat(interrupted.exitCode()).as(interrupted.describe()).isEqualTo(130);
      String resume =
          "java -jar "
              + FlowJar.JAR
              + " --flow ForeachFlow resume --origin-run-id "
              + runId
              + " --with kubernetes";
      assertThat(interrupted.stdout())
          .contains(
              "Run " + runId + " of ForeachFlow was interrupted", "To resume it, run:", resume);
      assertThat(interrupted.showsStackTrace()).as(interrupted.describe()).isFalse();
      assertThat(podsOf("ForeachFlow", runId))
          .extracting(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step"))
          .containsExactly("start");

      cluster.kubelet().release("square");
      CommandResult resumed = flow.runPrinted(resume);
      assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
      assertThat(resumed.stdout())
          .contains(
              "Cloning results of a previously run task " + runId + "/start/",
              "sum of squares: 55");
    } finally {
      cluster.kubelet().release("square");
    }
  }

  private static List<Pod> podsOf(String flow, String runId) {
    return cluster.pods("flow", flow).stream()
        .filter(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "run").equals(runId))
        .toList();
  }

  /** Waits until {@code count} pods of {@code step} in run {@code runId} are Running. */
  private static void awaitRunning(String runId, String step, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    List<Pod> running;
    do {
      Thread.sleep(100);
      running =
          podsOf("ForeachFlow", runId).stream()
              .filter(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step").equals(step))
              .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
              .toList();
    } while (running.size() < count && System.nanoTime() < deadline);
    assertThat(running).as("running %s pods of run %s", step, runId).hasSize(count);
  }
}
