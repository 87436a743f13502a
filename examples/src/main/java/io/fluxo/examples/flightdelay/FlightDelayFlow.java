package io.fluxo.examples.flightdelay;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Parameter;
import io.fluxo.Resources;
import io.fluxo.Retry;
import io.fluxo.Step;
import io.fluxo.Timeout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Predicts flight delays: ingests raw flight records, validates and preprocesses them, trains a
 * Spark MLlib model and evaluates it. This is the skeleton of the pipeline: each step records what
 * it will do as artifacts, so that the graph, parameters and decorators can be run and inspected
 * before Spark support lands.
 */
@Flow(description = "Predict flight delays")
public class FlightDelayFlow extends FlowSpec {
  @Parameter(description = "Where the raw Parquet flight records live")
  String rawPath = "examples/flight-delay/data/flights-sample.parquet";

  @Parameter(description = "Where the trained model is saved")
  String modelPath = ".fluxo/models/flight-delay";

  @Parameter(description = "The estimator to train")
  ModelType modelType = ModelType.LOGISTIC_REGRESSION;

  @Parameter(description = "Seed of the train/test split and of the estimator")
  long seed = 42;

  @Parameter(description = "Fraction of the records to use, in (0, 1]")
  double sampleFraction = 1.0;

  /** The plan of the run, as the start step resolved it. */
  Map<String, String> plan;

  /** What ingestion read and checked. */
  Map<String, String> ingestion;

  /** The features that preprocessing derives. */
  Map<String, String> features;

  /** Where the trained model is. */
  String modelUri;

  /** Evaluation metrics by name. */
  Map<String, String> metrics;

  /** Records the run's settings. */
  @Step
  public void start() {
    plan = new LinkedHashMap<>();
    plan.put("rawPath", rawPath);
    plan.put("modelType", modelType.name());
    plan.put("seed", Long.toString(seed));
    plan.put("sampleFraction", Double.toString(sampleFraction));
    next(this::ingestAndValidateData);
  }

  /** Reads the raw records and validates them. */
  @Step
  @Retry(times = 2)
  @Resources(cpu = 2, memory = "4Gi")
  public void ingestAndValidateData() {
    ingestion = new LinkedHashMap<>();
    ingestion.put("source", rawPath);
    ingestion.put("sample", sampleFraction < 1.0 ? "fraction " + sampleFraction : "all records");
    ingestion.put("checks", "non-null carrier, origin, dest; departure delay within [-120, 1440]");
    next(this::preprocessData);
  }

  /** Derives the model's features from the validated records. */
  @Step
  public void preprocessData() {
    features = new LinkedHashMap<>();
    features.put("categorical", "carrier, origin, dest (one-hot)");
    features.put("numeric", "distance, departure hour, day of week");
    features.put("label", modelType == ModelType.LINEAR_REGRESSION ? "arrDelay" : "arrDelay > 15");
    next(this::trainSparkMlModel);
  }

  /** Trains the chosen estimator. */
  @Step
  @Timeout(hours = 1)
  @Resources(cpu = 2, memory = "8Gi")
  public void trainSparkMlModel() {
    modelUri = modelPath + "/" + modelType.name().toLowerCase() + "-seed" + seed;
    next(this::evaluateModel);
  }

  /** Evaluates the model on the held-out records. */
  @Step
  public void evaluateModel() {
    metrics = new LinkedHashMap<>();
    metrics.put("model", modelUri);
    metrics.put("metric", modelType == ModelType.LINEAR_REGRESSION ? "rmse" : "areaUnderROC");
    next(this::end);
  }

  /** Prints where the model is. */
  @Step
  public void end() {
    System.out.println("Model: " + modelUri + ", evaluated by " + metrics.get("metric"));
  }
}
