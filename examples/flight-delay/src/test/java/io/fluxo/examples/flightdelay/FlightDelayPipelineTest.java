package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.spark.Spark;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pipeline's Spark code in this JVM, on the shipped sample: every model type beats its
 * baseline.
 */
class FlightDelayPipelineTest {
  private static final String SAMPLE =
      Path.of("data/flights-sample.parquet").toAbsolutePath().toString();
  private static Dataset<Row> train;
  private static Dataset<Row> test;
  private static PipelineModel features;

  @BeforeAll
  static void prepare() {
    Dataset<Row> flights = FlightDelayPipeline.read(Spark.session(), SAMPLE, 1.0, 7);
    List<Dataset<Row>> parts = FlightDelayPipeline.split(FlightDelayPipeline.features(flights), 7);
    train = parts.get(0);
    test = parts.get(1);
    features = FlightDelayPipeline.fitFeatures(train);
  }

  @ParameterizedTest
  @EnumSource(ModelType.class)
  void everyModel_beatsItsBaseline(ModelType type) {
    Map<String, Double> metrics =
        FlightDelayPipeline.evaluate(
            FlightDelayPipeline.train(train, features, type, 7), test, type);
    Map<String, Double> baseline = FlightDelayPipeline.baseline(train, test, type);

    if (type.classifies()) {
      assertThat(metrics.get("areaUnderROC")).isGreaterThan(0.55);
      assertThat(metrics.get("areaUnderPR")).isGreaterThan(baseline.get("areaUnderPR"));
    } else {
      assertThat(metrics.get("rmse")).isLessThan(baseline.get("rmse"));
      assertThat(metrics.get("r2")).isPositive();
    }
  }

  @Test
  void sameSeed_givesTheSameMetrics() {
    ModelType type = ModelType.LOGISTIC_REGRESSION;

    assertThat(
            FlightDelayPipeline.evaluate(
                FlightDelayPipeline.train(train, features, type, 7), test, type))
        .isEqualTo(
            FlightDelayPipeline.evaluate(
                FlightDelayPipeline.train(train, features, type, 7), test, type));
  }

  @Test
  void read_missingLocalFile_namesItAndTheWorkingDirectory() {
    assertThatThrownBy(() -> FlightDelayPipeline.read(Spark.session(), "no/such.parquet", 1.0, 1))
        .isInstanceOf(UserCodeException.class)
        .hasMessageContaining("no/such.parquet does not exist (working directory ")
        .hasMessageContaining("pass --raw-path");
    assertThatThrownBy(() -> FlightDelayPipeline.read(Spark.session(), SAMPLE, 0, 1))
        .hasMessage("Invalid sample fraction: 0.0; it must be in (0, 1]");
  }
}
