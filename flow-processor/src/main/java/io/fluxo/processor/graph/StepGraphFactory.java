package io.fluxo.processor.graph;

import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.StepElement;
import io.fluxo.processor.validation.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the step graph of a flow whose elements are valid, checking it on the way: first the edges
 * ({@link GraphValidator}), then the split/join balance ({@link SplitScopes}), then that every
 * artifact a step reads is set on every path to it ({@link ArtifactAvailability}).
 */
public final class StepGraphFactory {
  private StepGraphFactory() {}

  /**
   * The graph of {@code flow}, or empty when a graph error was added to {@code report}. Requires
   * that {@code flow} passed element validation.
   */
  public static Optional<StepGraph> create(FlowElement flow, ValidationReport report) {
    if (!GraphValidator.validate(flow, report)) {
      return Optional.empty();
    }
    Optional<SplitScopes> scopes = SplitScopes.compute(flow, report);
    if (scopes.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Set<String>> required = ArtifactAvailability.check(flow, report);
    if (!report.isClean()) {
      return Optional.empty();
    }
    List<GraphNode> nodes = new ArrayList<>();
    for (StepElement step : flow.steps()) {
      nodes.add(
          new GraphNode(
              step,
              step.transitionType(),
              step.transition().map(t -> t.targetNames()).orElse(List.of()),
              scopes.get().splitParents(step.name()),
              scopes.get().matchingJoin(step.name()),
              required.get(step.name())));
    }
    return Optional.of(new StepGraph(flow, nodes));
  }
}
