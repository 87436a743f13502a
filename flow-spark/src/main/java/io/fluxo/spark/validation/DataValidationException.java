package io.fluxo.spark.validation;

import io.fluxo.runtime.error.UserCodeException;

/** Thrown by {@link ValidationReport#failIfErrors()}; its message is the whole report. */
public final class DataValidationException extends UserCodeException {
  private static final long serialVersionUID = 1L;

  private final transient ValidationReport report;

  DataValidationException(ValidationReport report) {
    super("%s", report.format());
    this.report = report;
  }

  /** The report whose error-level checks failed. */
  public ValidationReport report() {
    return report;
  }
}
