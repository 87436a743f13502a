package io.fluxo.runtime.graph;

/** The values of {@code @Resources} on a step, memory in mebibytes. */
public record ResourcesSpec(double cpu, long memoryMb, int gpu) {
  /** Requires positive cpu and memory and no negative gpu count. */
  public ResourcesSpec {
    if (cpu <= 0 || memoryMb <= 0 || gpu < 0) {
      throw new IllegalArgumentException(
          "Invalid resources: cpu " + cpu + ", memory " + memoryMb + " MiB, gpu " + gpu);
    }
  }
}
