package io.fluxo.runtime.graph;

import java.util.Map;

/** The variables of {@code @Environment} on a step. */
public record EnvironmentSpec(Map<String, String> vars) {
  /** Copies the map. */
  public EnvironmentSpec {
    vars = Map.copyOf(vars);
  }
}
