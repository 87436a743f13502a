package io.fluxo.runtime.graph;

/**
 * The values of {@code @Catch} on a step; {@code var} is empty when the exception is only logged.
 */
public record CatchSpec(String var) {
  /** Normalizes a missing name to empty. */
  public CatchSpec {
    var = var == null ? "" : var;
  }
}
