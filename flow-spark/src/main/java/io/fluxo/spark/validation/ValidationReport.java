package io.fluxo.spark.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of {@link DataChecks#run()}: one {@link Outcome} per declared check, in declaration
 * order. A plain record, so a step can keep it as an artifact.
 *
 * @param outcomes the checks' outcomes
 */
public record ValidationReport(List<Outcome> outcomes) {
  /** Copies {@code outcomes} into a list Kryo stores compactly. */
  public ValidationReport {
    outcomes = new ArrayList<>(outcomes);
  }

  /**
   * One check's outcome.
   *
   * @param level whether a failure is an error or a warning
   * @param check what was checked, e.g. {@code origin has no nulls}
   * @param passed whether the data satisfied it
   * @param message Deequ's explanation of a failure, or empty
   * @param metric the measured value (a fraction of rows, a minimum, a row count), or empty when it
   *     could not be measured (a missing column, a predicate that is not valid SQL: the message
   *     says why)
   */
  public record Outcome(
      CheckLevel level, String check, boolean passed, String message, String metric) {}

  /** The failed checks of {@code level}. */
  public List<Outcome> failures(CheckLevel level) {
    return outcomes.stream().filter(o -> !o.passed() && o.level() == level).toList();
  }

  /** Whether every error-level check passed (warnings may have failed). */
  public boolean passed() {
    return failures(CheckLevel.ERROR).isEmpty();
  }

  /**
   * Throws a {@link DataValidationException} whose message is {@link #format()} when an error-level
   * check failed; returns this report otherwise.
   */
  public ValidationReport failIfErrors() {
    if (!passed()) {
      throw new DataValidationException(this);
    }
    return this;
  }

  /**
   * The report, one line per check, e.g.
   *
   * <pre>
   * Data validation: 2 of 6 checks failed (1 error, 1 warning)
   *   FAILED  error    origin has no nulls              metric 0.998  Value: 0.998 does not meet the constraint requirement!
   *   ok      error    distance is positive (distance > 0)  metric 1.0
   * </pre>
   */
  public String format() {
    int errors = failures(CheckLevel.ERROR).size();
    int warnings = failures(CheckLevel.WARNING).size();
    StringBuilder text =
        new StringBuilder(
            String.format(
                "Data validation: %d of %d checks failed (%d %s, %d %s)",
                errors + warnings,
                outcomes.size(),
                errors,
                errors == 1 ? "error" : "errors",
                warnings,
                warnings == 1 ? "warning" : "warnings"));
    int width = outcomes.stream().mapToInt(o -> o.check().length()).max().orElse(0);
    for (Outcome outcome : outcomes) {
      String status =
          outcome.passed() ? "ok" : outcome.level() == CheckLevel.ERROR ? "FAILED" : "WARNING";
      text.append(
          String.format(
              "%n  %-7s %-7s  %-" + width + "s",
              status,
              outcome.level().name().toLowerCase(),
              outcome.check()));
      if (!outcome.metric().isEmpty()) {
        text.append("  metric ").append(outcome.metric());
      }
      if (!outcome.passed() && !outcome.message().isEmpty()) {
        text.append("  ").append(outcome.message());
      }
    }
    return text.toString();
  }

  /** {@link #format()}. */
  @Override
  public String toString() {
    return format();
  }
}
