package io.fluxo.runtime.spi;

/** How an attempt ended. */
public enum AttemptStatus {
  /** The step ran to its end and its artifacts were stored. */
  SUCCEEDED,
  /** The step threw, or its process ended without recording an end. */
  FAILED,
  /** The step ran longer than its {@code @Timeout} and was stopped. */
  TIMED_OUT,
  /** Failed, but {@code @Catch} stored the error and the flow went on. */
  CAUGHT;

  /** Whether downstream steps may use the attempt's artifacts. */
  public boolean usable() {
    return this == SUCCEEDED || this == CAUGHT;
  }
}
