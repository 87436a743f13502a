package io.fluxo.runtime.graph;

/** The values of {@code @Timeout} on a step, summed to seconds. */
public record TimeoutSpec(long seconds) {
  /** Requires a positive timeout. */
  public TimeoutSpec {
    if (seconds <= 0) {
      throw new IllegalArgumentException("Invalid timeout: " + seconds + " s");
    }
  }
}
