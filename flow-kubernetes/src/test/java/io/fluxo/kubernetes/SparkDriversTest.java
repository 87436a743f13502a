package io.fluxo.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SparkDriversTest {
  @AfterEach
  void clearProperties() {
    System.clearProperty("spark.master");
    System.clearProperty("spark.jars");
    System.clearProperty("spark.driver.port");
  }

  @Test
  void service_isHeadless_selectsItsPod_andIsOwnedByIt() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("flow-1-train-2-0-abcd1234")
            .withNamespace("ml")
            .withUid("uid-42")
            .withLabels(
                Map.of("fluxo.io/run", "1", SparkDrivers.DRIVER_LABEL, "spark-0123456789abcdef"))
            .endMetadata()
            .build();

    Service service = SparkDrivers.service(pod);

    assertThat(service.getMetadata().getName()).isEqualTo("spark-0123456789abcdef");
    assertThat(service.getMetadata().getNamespace()).isEqualTo("ml");
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getSelector())
        .containsExactlyEntriesOf(Map.of(SparkDrivers.DRIVER_LABEL, "spark-0123456789abcdef"));
    assertThat(service.getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactly(7078, 7079);
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("Pod");
              assertThat(owner.getName()).isEqualTo("flow-1-train-2-0-abcd1234");
              assertThat(owner.getUid()).isEqualTo("uid-42");
            });
  }

  @Test
  void podEntrypoint_setsTheSparkProperties_andServesTheCodePackageToExecutors() throws Exception {
    System.setProperty("spark.driver.port", "9999");
    List<URL> jars = List.of(Path.of("/tmp/0-flow.jar").toUri().toURL());

    PodEntrypoint.applySparkProperties(
        SparkDrivers.text(
            Map.of("spark.master", "k8s://https://k8s:6443", "spark.driver.port", "7078")),
        jars);

    assertThat(System.getProperty("spark.master")).isEqualTo("k8s://https://k8s:6443");
    assertThat(System.getProperty("spark.driver.port")).as("set before: kept").isEqualTo("9999");
    assertThat(System.getProperty("spark.jars")).isEqualTo("file:/tmp/0-flow.jar");
  }
}
