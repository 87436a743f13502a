package io.fluxo.examples.flightdelay;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Parameter;
import io.fluxo.Resources;
import io.fluxo.Step;
import io.fluxo.Timeout;
import io.fluxo.spark.SavedModel;
import io.fluxo.spark.Spark;
import io.fluxo.spark.validation.ValidationReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Predicts flight delays: ingests raw flight records, validates them with Deequ, derives features,
 * trains a Spark MLlib model and evaluates it against a trivial baseline. Datasets and the fitted
 * feature transformations are artifacts (Parquet and MLlib's own format under the task's datastore
 * folder), so every step, {@code dump} and the client API can reopen them.
 */
@Flow(description = "Predict flight delays")
public class FlightDelayFlow extends FlowSpec {
  @Parameter(
      description =
          "Where the raw Parquet flight records live (a path, relative to the working directory, or an s3:// URI)")
  String rawPath = "examples/flight-delay/data/flights-sample.parquet";

  @Parameter(description = "Where the trained model is saved (a path or an s3:// URI)")
  String modelPath = ".fluxo/models/flight-delay";

  @Parameter(description = "The estimator to train")
  ModelType modelType = ModelType.LOGISTIC_REGRESSION;

  @Parameter(description = "Seed of the sample, the train/test split and the estimator")
  long seed = 42;

  @Parameter(description = "Fraction of the records to use, in (0, 1]")
  double sampleFraction = 1.0;

  /** The validated raw records. */
  Dataset<Row> flights;

  /** What the Deequ checks found. */
  ValidationReport validation;

  /** The training part of the features. */
  Dataset<Row> train;

  /** The held-out part of the features. */
  Dataset<Row> test;

  /**
   * The feature transformations, fitted on the training set: indexing, one-hot encoding, scaling.
   */
  PipelineModel featureModel;

  /** Where the trained model is saved. */
  String modelUri;

  /** How the model was trained: estimator, seed, rows, seconds. */
  Map<String, String> training;

  /** The model's metrics on the test set, by name. */
  Map<String, Double> metrics;

  /** A trivial model's metrics on the test set, for comparison. */
  Map<String, Double> baseline;

  /** Checks the parameters. */
  @Step
  public void start() {
    System.out.printf(
        "Training %s on %s (sample fraction %s, seed %d)%n",
        modelType, rawPath, sampleFraction, seed);
    next(this::ingestAndValidateData);
  }

  /** Reads the raw records and validates them; an error-level check that fails fails the step. */
  @Step
  @Resources(cpu = 2, memory = "4Gi")
  public void ingestAndValidateData() {
    System.out.println("Spark master: " + Spark.session().sparkContext().master());
    Dataset<Row> raw = FlightDelayPipeline.read(Spark.session(), rawPath, sampleFraction, seed);
    validation = FlightDelayPipeline.validate(raw);
    System.out.println(validation.format());
    validation.failIfErrors();
    flights = raw;
    next(this::preprocessData);
  }

  /**
   * Derives the features, splits them into train and test sets and fits the feature
   * transformations.
   */
  @Step
  @Resources(cpu = 2, memory = "4Gi")
  public void preprocessData() {
    List<Dataset<Row>> parts =
        FlightDelayPipeline.split(FlightDelayPipeline.features(flights), seed);
    train = parts.get(0).cache(); // read by the fit and by the store
    test = parts.get(1); // only stored
    featureModel = FlightDelayPipeline.fitFeatures(train);
    next(this::trainSparkMlModel);
  }

  /** Trains the chosen estimator on the training set and saves the model. */
  @Step
  @Timeout(hours = 1)
  @Resources(cpu = 2, memory = "8Gi")
  public void trainSparkMlModel() {
    long started = System.nanoTime();
    PipelineModel model = FlightDelayPipeline.train(train, featureModel, modelType, seed);
    modelUri =
        FlightDelayPipeline.save(
            model, modelPath + "/" + modelType.name().toLowerCase() + "-seed" + seed);
    training = new LinkedHashMap<>();
    training.put("modelType", modelType.name());
    training.put("seed", Long.toString(seed));
    training.put("trainRows", Long.toString(train.count()));
    training.put("seconds", String.format("%.1f", (System.nanoTime() - started) / 1e9));
    next(this::evaluateModel);
  }

  /** Loads the saved model, scores the test set and compares with a trivial baseline. */
  @Step
  @Resources(cpu = 2, memory = "4Gi")
  public void evaluateModel() {
    PipelineModel model = SavedModel.load(modelUri, PipelineModel.class);
    metrics = FlightDelayPipeline.evaluate(model, test, modelType);
    baseline = FlightDelayPipeline.baseline(train, test, modelType);
    next(this::end);
  }

  /** Prints where the model is and how it scored. */
  @Step
  public void end() {
    System.out.println("Model: " + modelUri);
    System.out.print(FlightDelayPipeline.report(metrics, baseline));
  }
}
