package io.fluxo.processor.graph;

import io.fluxo.processor.model.StepElement;
import io.fluxo.processor.model.TransitionType;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One step of a validated graph.
 *
 * @param step the step as written
 * @param type how it hands over
 * @param next its successors in call order
 * @param splitParents the splits it is inside, outermost first
 * @param matchingJoin for a split, the join that closes it
 * @param artifactsRequired the artifacts its input task must hold, since the step reads them
 */
public record GraphNode(
    StepElement step,
    TransitionType type,
    List<String> next,
    List<String> splitParents,
    Optional<String> matchingJoin,
    Set<String> artifactsRequired) {
  /** Copies the collections. */
  public GraphNode {
    next = List.copyOf(next);
    splitParents = List.copyOf(splitParents);
    artifactsRequired = new TreeSet<>(artifactsRequired);
  }

  /** The step name. */
  public String name() {
    return step.name();
  }

  /** Whether the step is a join (takes {@code Inputs}). */
  public boolean join() {
    return step.takesInputs();
  }
}
