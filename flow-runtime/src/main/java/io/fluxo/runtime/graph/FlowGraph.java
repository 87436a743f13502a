package io.fluxo.runtime.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flow's validated step graph, as the processor derived it: steps in source order (start first),
 * parameters and artifacts. Generated code builds it; the runtime never reads annotations.
 */
public record FlowGraph(
    String name,
    String className,
    String description,
    List<StepNode> steps,
    List<ParameterSpec> parameters,
    List<ArtifactSpec> artifacts) {
  /** Copies the lists and requires a start and an end step. */
  public FlowGraph {
    steps = List.copyOf(steps);
    parameters = List.copyOf(parameters);
    artifacts = List.copyOf(artifacts);
    if (steps.stream().noneMatch(s -> s.name().equals("start"))
        || steps.stream().noneMatch(s -> s.name().equals("end"))) {
      throw new IllegalArgumentException(
          "Invalid graph of " + name + ": it needs a start and an end step");
    }
  }

  /** The step named {@code name}. */
  public Optional<StepNode> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The step named {@code name}, which must exist. */
  public StepNode requireStep(String name) {
    return step(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown step "
                        + name
                        + " of flow "
                        + this.name
                        + "; steps are: "
                        + stepNames()));
  }

  /** Step names in source order. */
  public List<String> stepNames() {
    return steps.stream().map(StepNode::name).toList();
  }

  /** The steps that lead to {@code step}, in source order. */
  public List<StepNode> predecessors(String step) {
    List<StepNode> result = new ArrayList<>();
    for (StepNode s : steps) {
      if (s.next().contains(step)) {
        result.add(s);
      }
    }
    return result;
  }

  /** Steps keyed by name, in source order. */
  public Map<String, StepNode> stepsByName() {
    Map<String, StepNode> map = new LinkedHashMap<>();
    steps.forEach(s -> map.put(s.name(), s));
    return map;
  }
}
