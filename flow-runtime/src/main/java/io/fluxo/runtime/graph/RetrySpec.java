package io.fluxo.runtime.graph;

/** The values of {@code @Retry} on a step. */
public record RetrySpec(int times, int minutesBetweenRetries) {
  /** Checks the ranges that the processor enforces. */
  public RetrySpec {
    if (times < 0 || minutesBetweenRetries < 0) {
      throw new IllegalArgumentException(
          "Invalid retry: " + times + " times, " + minutesBetweenRetries + " minutes");
    }
  }
}
