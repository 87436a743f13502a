package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fluxo.kubernetes.PodSpecs;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.datastore.TaskPath;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.launcher.TaskLaunch;
import io.fluxo.runtime.task.TaskSpec;
import io.fluxo.spark.Spark;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import okhttp3.mockwebserver.MockWebServer;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's own Kubernetes scheduler driven by a step pod's settings ({@code spark.master=k8s://...}):
 * a Spark session configured as {@code PodSpecs} configures a step pod starts its executors as pods
 * of the (mock) API server, owned by the step pod and labelled with the task's coordinates, in the
 * executor image. The executors themselves are not run: only the driver's side is real here.
 */
class SparkOnKubernetesIT {
  @TempDir Path dir;

  @Test
  void stepPodSettings_makeSparkStartItsExecutorsAsPodsOwnedByTheStepPod() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    server.init();
    try (KubernetesClient client = server.createClient()) {
      FluxoConfig config = FluxoConfig.load(new ConfigSources(Map.of(
          "FLUXO_SPARK_MASTER", "k8s://" + client.getMasterUrl(), "FLUXO_DATASTORE_ROOT", "s3://lake/fluxo"), dir, dir), Map.of());
      StepNode node = new StepNode("train", TransitionKind.LINEAR, List.of("end"), false, List.of(), Optional.empty(), Set.of(), true,
          Decorators.NONE, "");
      TaskLaunch launch = new TaskLaunch(
          new TaskSpec(new TaskPath("FlightDelayFlow", "12", "train", "7"), List.of("12/start/1"), -1, 0, 100, "me", List.of(), null), node);
      Pod driver = client.pods().inNamespace(PodSpecs.DEFAULT_NAMESPACE)
          .resource(PodSpecs.pod(launch, config, "Main", List.of("step", "train"), "FlightDelayFlow/code/x.json")).create();
      Properties settings = new Properties();
      settings.load(new StringReader(driver.getSpec().getContainers().get(0).getEnv().stream()
          .filter(e -> e.getName().equals("FLUXO_SPARK_PROPERTIES")).findFirst().orElseThrow().getValue()));

      SparkConf conf = new SparkConf(false).setAppName("FlightDelayFlow/12/train/7")
          .set("spark.ui.enabled", "false")
          .set("spark.executor.instances", "2")
          .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "2s");
      settings.stringPropertyNames().forEach(name -> conf.set(name, settings.getProperty(name)));
      // this JVM stands for the pod: it listens on 127.0.0.1, not behind the pod's Service
      conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.driver.port", "0").set("spark.driver.blockManager.port", "0");
      Spark.stop();
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      List<Pod> executors;
      try {
        // the executors are requested as the session starts; their pods appear soon after
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
          Thread.sleep(200);
          executors = client.pods().inNamespace(PodSpecs.DEFAULT_NAMESPACE).withLabel("spark-role", "executor").list().getItems();
        } while (executors.size() < 2 && System.nanoTime() < deadline);
      } finally {
        session.stop();
      }

      assertThat(executors).hasSize(2).allSatisfy(executor -> {
        assertThat(executor.getMetadata().getName()).startsWith(settings.getProperty("spark.kubernetes.executor.podNamePrefix") + "-exec-");
        assertThat(executor.getMetadata().getOwnerReferences()).singleElement()
            .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(driver.getMetadata().getUid()));
        assertThat(executor.getMetadata().getLabels()).containsEntry("fluxo.io/run", "12").containsEntry("fluxo.io/step", "train")
            .containsEntry("fluxo.io/store", PodSpecs.storeId(config));
        var container = executor.getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("apache/spark:3.5.6-java17");
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("SPARK_DRIVER_URL") && e.getValue().contains("127.0.0.1"));
      });
    } finally {
      server.destroy();
    }
  }
}
