package io.fluxo.spark.validation;

/** How much a failed check matters. */
public enum CheckLevel {
  /** A failure fails the step ({@link ValidationReport#failIfErrors()}). */
  ERROR,
  /** A failure is reported; the step goes on. */
  WARNING
}
