package io.fluxo.examples.flightdelay;

/** The Spark MLlib estimators that {@link FlightDelayFlow} can train. */
public enum ModelType {
  /** Classifies flights as delayed or on time. */
  LOGISTIC_REGRESSION,
  /** Classifies flights as delayed or on time with an ensemble of trees. */
  RANDOM_FOREST,
  /** Predicts the delay in minutes. */
  LINEAR_REGRESSION;

  /** Whether the model predicts delayed or not (rather than the delay in minutes). */
  public boolean classifies() {
    return this != LINEAR_REGRESSION;
  }
}
