package io.fluxo.runtime.internal.cli;

import io.fluxo.Inputs;
import io.fluxo.runtime.FlowCli;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.graph.ParameterType;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the processor would generate for {@link CountingFlow}, written by hand for runtime tests.
 */
public final class CountingFlowDefinition implements FlowDefinition<CountingFlow> {
  private static final FlowGraph GRAPH =
      new FlowGraph(
          "CountingFlow",
          CountingFlow.class.getName(),
          "squares and sums",
          List.of(
              new StepNode(
                  "start",
                  TransitionKind.FOREACH,
                  List.of("square"),
                  false,
                  List.of(),
                  Optional.of("join"),
                  Set.of("count", "items"),
                  false,
                  Decorators.NONE,
                  ""),
              new StepNode(
                  "square",
                  TransitionKind.LINEAR,
                  List.of("join"),
                  false,
                  List.of("start"),
                  Optional.empty(),
                  Set.of("squared", "failAt"),
                  false,
                  Decorators.NONE,
                  ""),
              new StepNode(
                  "join",
                  TransitionKind.LINEAR,
                  List.of("end"),
                  true,
                  List.of(),
                  Optional.empty(),
                  Set.of("total"),
                  false,
                  Decorators.NONE,
                  ""),
              new StepNode(
                  "end",
                  TransitionKind.END,
                  List.of(),
                  false,
                  List.of(),
                  Optional.empty(),
                  Set.of("total"),
                  false,
                  Decorators.NONE,
                  "")),
          List.of(
              new ParameterSpec(
                  "count", "count", ParameterType.INT, int.class, "int", "how many items", false),
              new ParameterSpec(
                  "failAt",
                  "fail-at",
                  ParameterType.STRING,
                  String.class,
                  "String",
                  "step to fail",
                  false)),
          List.of(
              new ArtifactSpec("count", "int"),
              new ArtifactSpec("items", "java.util.List<java.lang.Integer>"),
              new ArtifactSpec("squared", "int"),
              new ArtifactSpec("total", "int"),
              new ArtifactSpec("failAt", "java.lang.String")));

  public static void main(String[] args) {
    FlowCli.main(new CountingFlowDefinition(), args);
  }

  @Override
  public int abiVersion() {
    return ABI_VERSION;
  }

  @Override
  public FlowGraph graph() {
    return GRAPH;
  }

  @Override
  public CountingFlow newInstance() {
    return new CountingFlow();
  }

  @Override
  public void runStep(
      CountingFlow flow, String step, Inputs<CountingFlow> inputs, Supplier<Object> item) {
    switch (step) {
      case "start" -> flow.start();
      case "square" -> flow.square();
      case "join" -> flow.join(inputs);
      case "end" -> flow.end();
      default -> throw new IllegalArgumentException(step);
    }
  }

  @Override
  public Object getArtifact(CountingFlow flow, String artifact) {
    return switch (artifact) {
      case "count" -> flow.count;
      case "items" -> flow.items;
      case "squared" -> flow.squared;
      case "total" -> flow.total;
      case "failAt" -> flow.failAt;
      default -> throw new IllegalArgumentException(artifact);
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public void setArtifact(CountingFlow flow, String artifact, Object value) {
    switch (artifact) {
      case "count" -> {
        if (value != null) flow.count = (int) value;
      }
      case "items" -> flow.items = (List<Integer>) value;
      case "squared" -> {
        if (value != null) flow.squared = (int) value;
      }
      case "total" -> {
        if (value != null) flow.total = (int) value;
      }
      case "failAt" -> flow.failAt = (String) value;
      default -> throw new IllegalArgumentException(artifact);
    }
  }
}
