package io.fluxo.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.spi.TaskEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SparkTest {
  @AfterEach
  void clearProperties() {
    System.clearProperty(TaskEnvironment.CPU_PROPERTY);
    System.clearProperty(TaskEnvironment.PATHSPEC_PROPERTY);
    System.clearProperty("spark.master");
  }

  @Test
  void aJvmWithoutTheOpens_isRefusedSpark_withTheOptionsToAdd() throws Exception {
    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SessionProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(probe.waitFor()).as(out).isEqualTo(2);
    assertThat(out)
        .startsWith("Spark needs JDK packages this JVM does not open to it (java.lang, ")
        .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
        .doesNotContain("IllegalAccessError");
    assertThat(TaskEnvironment.notOpenedTo(Spark.class.getModule()))
        .as("this JVM, started with the opens")
        .isEmpty();
  }

  /** Starts a session in a JVM of its own; exit 2 with the message when it is refused. */
  static final class SessionProbe {
    public static void main(String[] args) {
      try {
        Spark.session();
        Spark.stop();
      } catch (UsageException e) {
        System.out.println(e.getMessage());
        System.exit(2);
      }
    }
  }

  @Test
  void conf_outsideATask_isLocalOnEveryCoreWithoutUi() {
    SparkConf conf = Spark.conf();

    assertThat(conf.get("spark.master")).isEqualTo("local[*]");
    assertThat(conf.get("spark.app.name")).isEqualTo("fluxo");
    assertThat(conf.get("spark.ui.enabled")).isEqualTo("false");
    assertThat(conf.get("spark.driver.bindAddress")).isEqualTo("127.0.0.1");
    assertThat(conf.get("spark.sql.shuffle.partitions"))
        .isEqualTo(Integer.toString(2 * Runtime.getRuntime().availableProcessors()));
  }

  @Test
  void conf_inATask_isNamedForItAndSizedToItsCpu() {
    System.setProperty(TaskEnvironment.PATHSPEC_PROPERTY, "FlightDelayFlow/3/train/7");
    System.setProperty(TaskEnvironment.CPU_PROPERTY, "1.5");

    SparkConf conf = Spark.conf();

    assertThat(conf.get("spark.master")).isEqualTo("local[2]");
    assertThat(conf.get("spark.app.name")).isEqualTo("FlightDelayFlow/3/train/7");
    assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("4");
  }

  @Test
  void conf_inAPod_isSizedToThePodsCpu_overTheStepsResources() {
    System.setProperty(TaskEnvironment.CPU_PROPERTY, "8");

    SparkConf conf = Spark.conf("2.5");

    assertThat(conf.get("spark.master")).isEqualTo("local[3]");
    assertThat(conf.get("spark.sql.shuffle.partitions")).isEqualTo("6");
  }

  @Test
  void conf_withAClusterMaster_keepsItAndLeavesTheDriverAddressToSpark() {
    System.setProperty("spark.master", "spark://cluster:7077");
    System.setProperty(TaskEnvironment.CPU_PROPERTY, "4");

    SparkConf conf = Spark.conf();

    assertThat(conf.get("spark.master")).isEqualTo("spark://cluster:7077");
    assertThat(conf.contains("spark.driver.host")).isFalse();
    assertThat(conf.contains("spark.sql.shuffle.partitions")).isFalse();
  }

  @Test
  void uri_mapsS3ToS3aAndLocalPathsToAbsoluteFileUris() {
    assertThat(Spark.uri("s3://lake/FlightDelayFlow/1/start/1/0.values/train"))
        .isEqualTo("s3a://lake/FlightDelayFlow/1/start/1/0.values/train");
    assertThat(Spark.uri("s3a://lake/x")).isEqualTo("s3a://lake/x");
    assertThat(Spark.uri("file:/tmp/x")).isEqualTo("file:/tmp/x");
    assertThat(Spark.uri("data/x.parquet"))
        .isEqualTo(Path.of("data/x.parquet").toAbsolutePath().toUri().toString());
  }
}
