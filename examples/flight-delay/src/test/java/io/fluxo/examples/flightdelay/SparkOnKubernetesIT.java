package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fluxo.kubernetes.KubernetesTestCluster;
import io.fluxo.kubernetes.PodSpecs;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import io.fluxo.spark.Spark;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark's own Kubernetes scheduler driven by a step pod's settings ({@code
 * spark.master=k8s://...}): a Spark session configured as {@code PodSpecs} configures a step pod
 * starts its executors as pods of the mock API server, owned by the step pod, labelled with the
 * task's coordinates, in the executor image; the kubelet simulator runs them as Spark executor
 * processes, which register with the driver and run a job. This JVM stands for the step pod (the
 * driver): the simulator has no cluster DNS, so the driver advertises 127.0.0.1 instead of its
 * Service's name.
 */
class SparkOnKubernetesIT {
  @TempDir Path dir;

  @Test
  void stepPodSettings_makeSparkRunItsExecutorsAsPodsOwnedByTheStepPod() throws Exception {
    try (KubernetesTestCluster cluster = KubernetesTestCluster.start(PodSpecs.DEFAULT_NAMESPACE)) {
      KubernetesClient client = cluster.client();
      cluster.kubelet().hold("train"); // the step pod is this JVM: the kubelet must not run it
      FluxoConfig config =
          FluxoConfig.load(
              new ConfigSources(
                  Map.of(
                      "FLUXO_SPARK_MASTER",
                      "k8s://" + client.getMasterUrl(),
                      "FLUXO_DATASTORE_ROOT",
                      "s3://lake/fluxo"),
                  dir,
                  dir),
              Map.of());
      StepNode node =
          new StepNode(
              "train",
              TransitionKind.LINEAR,
              List.of("end"),
              false,
              List.of(),
              Optional.empty(),
              Set.of(),
              true,
              Decorators.NONE,
              "");
      TaskLaunch launch =
          new TaskLaunch(
              new TaskSpec(
                  new TaskPath("FlightDelayFlow", "12", "train", "7"),
                  List.of("12/start/1"),
                  -1,
                  0,
                  100,
                  "me",
                  List.of(),
                  null),
              node);
      Pod driver =
          client
              .pods()
              .inNamespace(PodSpecs.DEFAULT_NAMESPACE)
              .resource(
                  PodSpecs.pod(
                      launch,
                      config,
                      "Main",
                      List.of("step", "train"),
                      "FlightDelayFlow/code/x.json"))
              .create();
      Properties settings = new Properties();
      settings.load(
          new StringReader(
              driver.getSpec().getContainers().get(0).getEnv().stream()
                  .filter(e -> e.getName().equals("FLUXO_SPARK_PROPERTIES"))
                  .findFirst()
                  .orElseThrow()
                  .getValue()));

      SparkConf conf =
          new SparkConf(false)
              .setAppName("FlightDelayFlow/12/train/7")
              .set("spark.ui.enabled", "false")
              .set("spark.executor.instances", "2")
              .set("spark.executor.cores", "1")
              .set("spark.executor.memory", "512m")
              .set("spark.scheduler.minRegisteredResourcesRatio", "1.0")
              .set("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
      settings.stringPropertyNames().forEach(name -> conf.set(name, settings.getProperty(name)));
      conf.set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1")
          .set("spark.driver.port", "0")
          .set("spark.driver.blockManager.port", "0");
      Spark.stop();
      SparkSession session = SparkSession.builder().config(conf).getOrCreate();
      long sum;
      int executorsRegistered;
      List<Pod> executors;
      try {
        sum = session.range(0, 1000).selectExpr("sum(id)").first().getLong(0);
        executorsRegistered =
            session.sparkContext().statusTracker().getExecutorInfos().length - 1; // less the driver
        executors =
            client
                .pods()
                .inNamespace(PodSpecs.DEFAULT_NAMESPACE)
                .withLabel("spark-role", "executor")
                .list()
                .getItems();
      } finally {
        session.stop();
      }

      assertThat(sum).isEqualTo(499_500L);
      assertThat(executorsRegistered).isEqualTo(2);
      assertThat(executors)
          .hasSize(2)
          .allSatisfy(
              executor -> {
                assertThat(executor.getMetadata().getName())
                    .startsWith(
                        settings.getProperty("spark.kubernetes.executor.podNamePrefix") + "-exec-");
                assertThat(executor.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(
                        owner ->
                            assertThat(owner.getUid()).isEqualTo(driver.getMetadata().getUid()));
                assertThat(executor.getMetadata().getLabels())
                    .containsEntry("fluxo.io/run", "12")
                    .containsEntry("fluxo.io/step", "train")
                    .containsEntry("fluxo.io/store", PodSpecs.storeId(config));
                assertThat(executor.getSpec().getContainers().get(0).getImage())
                    .isEqualTo("apache/spark:3.5.6-java17");
                assertThat(executor.getStatus().getPhase()).isEqualTo("Running");
              });
    }
  }
}
