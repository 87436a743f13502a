package io.fluxo.examples.flightdelay;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.month;

import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.spark.SavedModel;
import io.fluxo.spark.Spark;
import io.fluxo.spark.validation.DataChecks;
import io.fluxo.spark.validation.ValidationReport;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.RandomForestClassifier;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The flight-delay pipeline's Spark code, shared by {@link FlightDelayFlow} (one step per stage)
 * and {@link PlainSparkPipeline} (the same stages in one plain {@code main}, for the benchmark).
 */
public final class FlightDelayPipeline {
  /** Minutes past which a flight counts as delayed. */
  public static final int DELAYED_MINUTES = 15;

  /** The columns every record must have. */
  public static final List<String> KEY_COLUMNS =
      List.of("date", "delay", "distance", "origin", "destination");

  private FlightDelayPipeline() {}

  /**
   * The raw records at {@code rawPath} (Parquet; a local path, relative ones against the working
   * directory, or an {@code s3://}/{@code s3a://} URI), sampled to {@code sampleFraction} with
   * {@code seed}.
   *
   * @throws UserCodeException if a local {@code rawPath} does not exist or the fraction is not in
   *     (0, 1]
   */
  public static Dataset<Row> read(
      SparkSession spark, String rawPath, double sampleFraction, long seed) {
    if (!(sampleFraction > 0 && sampleFraction <= 1)) {
      throw new UserCodeException(
          "Invalid sample fraction: %s; it must be in (0, 1]", sampleFraction);
    }
    String uri = Spark.uri(rawPath);
    if (uri.startsWith("file:") && !Files.exists(Path.of(URI.create(uri)))) {
      throw new UserCodeException(
          "Cannot read the flight records: %s does not exist (working directory %s); run from the repository root or pass --raw-path",
          Path.of(URI.create(uri)), Path.of("").toAbsolutePath());
    }
    Dataset<Row> flights = spark.read().parquet(uri);
    return sampleFraction < 1 ? flights.sample(false, sampleFraction, seed) : flights;
  }

  /**
   * Checks the raw records with Deequ: errors for nulls in key columns, non-positive distances,
   * implausible delays (more than a day early or two days late) and a size outside 1,000 to 100
   * million rows; a warning when delays fall outside the usual -2 h to +24 h.
   */
  public static ValidationReport validate(Dataset<Row> flights) {
    return DataChecks.on(flights)
        .isComplete(KEY_COLUMNS.toArray(String[]::new))
        .satisfies("distance > 0", "distance is positive")
        .isContainedIn("delay", -1440, 2880)
        .hasSize(1_000, 100_000_000)
        .warning()
        .isContainedIn("delay", -120, 1440)
        .run();
  }

  /**
   * The model's inputs per flight: hour, day of week and month of the departure, distance, origin,
   * destination; {@code label} (1.0 when delayed more than {@link #DELAYED_MINUTES}) and {@code
   * delayMinutes} for regression.
   */
  public static Dataset<Row> features(Dataset<Row> flights) {
    return flights.select(
        hour(col("date")).cast("double").as("hour"),
        dayofweek(col("date")).cast("double").as("dayOfWeek"),
        month(col("date")).cast("double").as("month"),
        col("distance").cast("double").as("distance"),
        col("origin"),
        col("destination"),
        col("delay").gt(DELAYED_MINUTES).cast("double").as("label"),
        col("delay").cast("double").as("delayMinutes"));
  }

  /**
   * A train set (80 %) and a test set (20 %) split with {@code seed}. Each part sorts the whole
   * input whenever it is computed: cache a part that is read more than once.
   */
  public static List<Dataset<Row>> split(Dataset<Row> features, long seed) {
    return List.of(features.randomSplit(new double[] {0.8, 0.2}, seed));
  }

  /**
   * Fits the feature transformations on {@code train}: origin and destination indexed and one-hot
   * encoded ({@code originVec}, {@code destinationVec}; unseen airports get a bucket of their own),
   * the numeric columns assembled and standardized ({@code numericScaled}).
   */
  public static PipelineModel fitFeatures(Dataset<Row> train) {
    return new Pipeline()
        .setStages(
            new PipelineStage[] {
              new StringIndexer()
                  .setInputCols(new String[] {"origin", "destination"})
                  .setOutputCols(new String[] {"originIndex", "destinationIndex"})
                  .setHandleInvalid("keep"),
              new OneHotEncoder()
                  .setInputCols(new String[] {"originIndex", "destinationIndex"})
                  .setOutputCols(new String[] {"originVec", "destinationVec"})
                  .setHandleInvalid("keep"),
              new VectorAssembler()
                  .setInputCols(new String[] {"hour", "dayOfWeek", "month", "distance"})
                  .setOutputCol("numeric"),
              new StandardScaler()
                  .setInputCol("numeric")
                  .setOutputCol("numericScaled")
                  .setWithMean(true)
                  .setWithStd(true),
            })
        .fit(train);
  }

  /**
   * The model: the fitted features, a {@code VectorAssembler} and the estimator {@code type},
   * fitted on {@code train}.
   */
  public static PipelineModel train(
      Dataset<Row> train, PipelineModel features, ModelType type, long seed) {
    VectorAssembler assembler =
        new VectorAssembler()
            .setInputCols(new String[] {"numericScaled", "originVec", "destinationVec"})
            .setOutputCol("features");
    return new Pipeline()
        .setStages(new PipelineStage[] {features, assembler, estimator(type, seed)})
        .fit(train);
  }

  private static Estimator<?> estimator(ModelType type, long seed) {
    return switch (type) {
      case LOGISTIC_REGRESSION ->
          new LogisticRegression().setLabelCol("label").setMaxIter(20).setRegParam(0.0);
      case RANDOM_FOREST ->
          new RandomForestClassifier()
              .setLabelCol("label")
              .setNumTrees(20)
              .setMaxDepth(8)
              .setSeed(seed);
      case LINEAR_REGRESSION ->
          new LinearRegression().setLabelCol("delayMinutes").setMaxIter(20).setRegParam(0.0);
    };
  }

  /**
   * Saves {@code model} at {@code location} (a local path or an S3 URI), replacing what is there;
   * returns its URI. MLlib's {@code PipelineModel.load} reads it; {@link SavedModel#load} reads it
   * faster.
   */
  public static String save(PipelineModel model, String location) {
    try {
      return SavedModel.save(model, location);
    } catch (IOException e) {
      throw new UserCodeException(
          e, "Cannot save the model at %s: %s", Spark.uri(location), e.getMessage());
    }
  }

  /**
   * The model's metrics on {@code test}: AUC ROC and PR, accuracy and F1 for a classifier; RMSE,
   * MAE and R2 for a regression.
   */
  public static Map<String, Double> evaluate(
      PipelineModel model, Dataset<Row> test, ModelType type) {
    Dataset<Row> predictions = model.transform(test).cache();
    Map<String, Double> metrics = new LinkedHashMap<>();
    try {
      if (type.classifies()) {
        BinaryClassificationEvaluator binary =
            new BinaryClassificationEvaluator().setLabelCol("label");
        metrics.put("areaUnderROC", binary.setMetricName("areaUnderROC").evaluate(predictions));
        metrics.put("areaUnderPR", binary.setMetricName("areaUnderPR").evaluate(predictions));
        MulticlassClassificationEvaluator multi =
            new MulticlassClassificationEvaluator().setLabelCol("label");
        metrics.put("accuracy", multi.setMetricName("accuracy").evaluate(predictions));
        metrics.put("f1", multi.setMetricName("f1").evaluate(predictions));
      } else {
        RegressionEvaluator regression = new RegressionEvaluator().setLabelCol("delayMinutes");
        metrics.put("rmse", regression.setMetricName("rmse").evaluate(predictions));
        metrics.put("mae", regression.setMetricName("mae").evaluate(predictions));
        metrics.put("r2", regression.setMetricName("r2").evaluate(predictions));
      }
    } finally {
      predictions.unpersist();
    }
    return metrics;
  }

  /**
   * What a trivial model scores on {@code test}, learning only from {@code train}: a classifier
   * that always predicts the majority class (AUC 0.5), or a regression that always predicts the
   * mean delay.
   */
  public static Map<String, Double> baseline(
      Dataset<Row> train, Dataset<Row> test, ModelType type) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    if (type.classifies()) {
      double delayedShare = train.agg(avg("label")).first().getDouble(0);
      double majority = delayedShare > 0.5 ? 1.0 : 0.0;
      double accuracy =
          test.agg(avg(col("label").equalTo(majority).cast("double"))).first().getDouble(0);
      metrics.put("areaUnderROC", 0.5);
      metrics.put("areaUnderPR", delayedShare);
      metrics.put("accuracy", accuracy);
    } else {
      double mean = train.agg(avg("delayMinutes")).first().getDouble(0);
      Row errors =
          test.selectExpr(
                  "sqrt(avg(pow(delayMinutes - " + mean + ", 2)))",
                  "avg(abs(delayMinutes - " + mean + "))")
              .first();
      metrics.put("rmse", errors.getDouble(0));
      metrics.put("mae", errors.getDouble(1));
      metrics.put("r2", 0.0);
    }
    return metrics;
  }

  /** One line per metric: {@code areaUnderROC 0.6712 (baseline 0.5000)}. */
  public static String report(Map<String, Double> metrics, Map<String, Double> baseline) {
    StringBuilder text = new StringBuilder();
    metrics.forEach(
        (name, value) ->
            text.append(
                String.format(
                    "%-13s %.4f (baseline %s)%n",
                    name,
                    value,
                    baseline.containsKey(name) ? String.format("%.4f", baseline.get(name)) : "-")));
    return text.toString();
  }
}
