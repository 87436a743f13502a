package io.fluxo.processor.model;

import java.util.List;
import java.util.Set;

/**
 * What a step's body does with artifacts in the order it runs, for definite assignment over the
 * graph: the artifacts it reads before assigning them, those it certainly assigns, and its merge.
 *
 * @param reads the first read of each artifact not yet assigned at that point, in source order
 * @param assigned the artifacts assigned on every path through the body that completes normally
 * @param merges whether the body calls {@code mergeArtifacts} on every such path
 * @param mergeExcludes the artifacts that its {@code mergeArtifacts} calls exclude
 * @param excludesUnknown whether some exclusion is not a string literal, so none can be relied on
 */
public record ArtifactFlow(
    List<ArtifactRead> reads,
    Set<String> assigned,
    boolean merges,
    Set<String> mergeExcludes,
    boolean excludesUnknown) {
  /** Copies the collections. */
  public ArtifactFlow {
    reads = List.copyOf(reads);
    assigned = Set.copyOf(assigned);
    mergeExcludes = Set.copyOf(mergeExcludes);
  }
}
