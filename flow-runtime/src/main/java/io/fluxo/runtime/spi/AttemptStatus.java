package io.fluxo.runtime.spi;

/** How an attempt ended. */
public enum AttemptStatus {
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  /** Failed, but {@code @Catch} stored the error and the flow went on. */
  CAUGHT;

  /** Whether downstream steps may use the attempt's artifacts. */
  public boolean usable() {
    return this == SUCCEEDED || this == CAUGHT;
  }
}
