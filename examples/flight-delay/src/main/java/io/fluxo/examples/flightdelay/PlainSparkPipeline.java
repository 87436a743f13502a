package io.fluxo.examples.flightdelay;

import io.fluxo.spark.SavedModel;
import io.fluxo.spark.Spark;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@link FlightDelayFlow}'s work as one plain Spark program, without Fluxo: the same {@link
 * FlightDelayPipeline} calls, in one JVM, intermediate results kept by Spark rather than stored.
 * The benchmark ({@code bench/spark/run.sh}) compares the two.
 *
 * <p>{@code java -cp flight-delay.jar io.fluxo.examples.flightdelay.PlainSparkPipeline RAW_PATH
 * MODEL_PATH [MODEL_TYPE [SEED [SAMPLE_FRACTION]]]}
 */
public final class PlainSparkPipeline {
  private PlainSparkPipeline() {}

  /**
   * Runs the pipeline and prints the metrics, and the seconds each of the flow's steps' work took.
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println(
          "Usage: PlainSparkPipeline RAW_PATH MODEL_PATH [MODEL_TYPE [SEED [SAMPLE_FRACTION]]]");
      System.exit(2);
    }
    ModelType type = args.length > 2 ? ModelType.valueOf(args[2]) : ModelType.LOGISTIC_REGRESSION;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    double fraction = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
    long started = System.nanoTime();
    SparkSession spark = Spark.session();
    started = lap("session", started);

    Dataset<Row> flights = FlightDelayPipeline.read(spark, args[0], fraction, seed);
    System.out.println(FlightDelayPipeline.validate(flights).failIfErrors().format());
    started = lap("ingestAndValidateData", started);
    List<Dataset<Row>> parts =
        FlightDelayPipeline.split(FlightDelayPipeline.features(flights), seed);
    Dataset<Row> train = parts.get(0).cache();
    Dataset<Row> test = parts.get(1).cache();
    PipelineModel features = FlightDelayPipeline.fitFeatures(train);
    started = lap("preprocessData", started);
    PipelineModel model = FlightDelayPipeline.train(train, features, type, seed);
    String uri =
        FlightDelayPipeline.save(model, args[1] + "/" + type.name().toLowerCase() + "-seed" + seed);
    started = lap("trainSparkMlModel", started);
    Map<String, Double> metrics =
        FlightDelayPipeline.evaluate(SavedModel.load(uri, PipelineModel.class), test, type);
    Map<String, Double> baseline = FlightDelayPipeline.baseline(train, test, type);
    lap("evaluateModel", started);
    System.out.println("Model: " + uri);
    System.out.print(FlightDelayPipeline.report(metrics, baseline));
    spark.stop();
  }

  private static long lap(String stage, long since) {
    long now = System.nanoTime();
    System.out.printf("%-22s %6.1f s%n", stage, (now - since) / 1e9);
    return now;
  }
}
