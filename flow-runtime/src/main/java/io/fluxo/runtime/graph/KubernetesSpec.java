package io.fluxo.runtime.graph;

import java.util.List;
import java.util.Map;

/**
 * The values of {@code @Kubernetes} on a step. Zero numbers and empty strings mean "not set": the
 * value then comes from {@code @Resources} or the configuration.
 */
public record KubernetesSpec(
    double cpu,
    long memoryMb,
    int gpu,
    String image,
    String namespace,
    List<String> secrets,
    Map<String, String> nodeSelector,
    List<String> tolerations,
    String serviceAccount,
    Map<String, String> labels,
    Map<String, String> annotations) {
  /** Copies the collections and rejects negative numbers. */
  public KubernetesSpec {
    if (cpu < 0 || memoryMb < 0 || gpu < 0) {
      throw new IllegalArgumentException(
          "Invalid Kubernetes resources: cpu " + cpu + ", memory " + memoryMb + " MiB, gpu " + gpu);
    }
    secrets = List.copyOf(secrets);
    nodeSelector = Map.copyOf(nodeSelector);
    tolerations = List.copyOf(tolerations);
    labels = Map.copyOf(labels);
    annotations = Map.copyOf(annotations);
  }
}
