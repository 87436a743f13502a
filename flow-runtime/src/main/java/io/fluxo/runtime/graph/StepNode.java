package io.fluxo.runtime.graph;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One step of the graph.
 *
 * @param name the step (method) name
 * @param transition how the step hands over; {@link TransitionKind#END} only for {@code end}
 * @param next the successor steps in call order
 * @param join whether the step takes {@code Inputs}
 * @param splitParents the splits (branch or foreach steps) this step is inside, outermost first
 * @param matchingJoin for a branch or foreach step, the join that closes it
 * @param artifactsUsed the artifact fields that the step body reads or writes, directly or through
 *     helper methods of the flow; unused artifacts are handed down without being loaded
 * @param usesAllArtifacts true when that set cannot be known (e.g. {@code this} escapes), so every
 *     artifact is loaded
 * @param artifactsRequired the stored artifacts the step reads before assigning them, which the
 *     processor proved set on every path from start; a task whose input lacks one fails
 * @param artifactsAssigned the artifacts the step assigns on every path, stored even when null
 * @param inputArtifactsUsed for a join, the artifacts its code reads from input views ({@code
 *     in.square}), loaded into each view
 * @param decorators the step's decorators
 * @param doc the first sentence of the step's Javadoc, or empty
 */
public record StepNode(
    String name,
    TransitionKind transition,
    List<String> next,
    boolean join,
    List<String> splitParents,
    Optional<String> matchingJoin,
    Set<String> artifactsUsed,
    boolean usesAllArtifacts,
    Set<String> artifactsRequired,
    Set<String> artifactsAssigned,
    Set<String> inputArtifactsUsed,
    Decorators decorators,
    String doc) {
  /** Copies the collections. */
  public StepNode {
    next = List.copyOf(next);
    splitParents = List.copyOf(splitParents);
    artifactsUsed = Set.copyOf(artifactsUsed);
    artifactsRequired = Set.copyOf(artifactsRequired);
    artifactsAssigned = Set.copyOf(artifactsAssigned);
    inputArtifactsUsed = Set.copyOf(inputArtifactsUsed);
  }

  /** A step that requires and assigns no artifact in particular, for graphs written by hand. */
  public StepNode(
      String name,
      TransitionKind transition,
      List<String> next,
      boolean join,
      List<String> splitParents,
      Optional<String> matchingJoin,
      Set<String> artifactsUsed,
      boolean usesAllArtifacts,
      Decorators decorators,
      String doc) {
    this(
        name,
        transition,
        next,
        join,
        splitParents,
        matchingJoin,
        artifactsUsed,
        usesAllArtifacts,
        Set.of(),
        Set.of(),
        Set.of(),
        decorators,
        doc);
  }
}
