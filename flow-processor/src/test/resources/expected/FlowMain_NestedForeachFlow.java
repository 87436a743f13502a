package com.example;

import io.fluxo.Inputs;
import io.fluxo.runtime.FlowCli;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * The generated {@code FlowDefinition} of {@link NestedForeachFlow}.
 */
@Generated("io.fluxo.processor.FlowProcessor")
public final class FlowMain_NestedForeachFlow implements FlowDefinition<NestedForeachFlow> {
  /**
   * Creates the definition; {@code ServiceLoader} calls this.
   */
  public FlowMain_NestedForeachFlow() {
  }

  /**
   * Runs the {@code flow} command line of NestedForeachFlow.
   */
  public static void main(String[] args) {
    FlowCli.main(new FlowMain_NestedForeachFlow(), args);
  }

  @Override
  public int abiVersion() {
    return 2;
  }

  @Override
  public FlowGraph graph() {
    return Graph.GRAPH;
  }

  @Override
  public NestedForeachFlow newInstance() {
    return new NestedForeachFlow();
  }

  @Override
  public void runStep(NestedForeachFlow flow, String step, Inputs<NestedForeachFlow> inputs,
      Supplier<Object> item) {
    switch (step) {
      case "start":
        flow.start();
        break;
      case "outer":
        flow.outer((Integer) item.get());
        break;
      case "inner":
        flow.inner();
        break;
      case "innerJoin":
        flow.innerJoin(inputs);
        break;
      case "outerJoin":
        flow.outerJoin(inputs);
        break;
      case "end":
        flow.end();
        break;
      default:
        throw new IllegalArgumentException("Unknown step " + step + " of flow NestedForeachFlow; steps are: start, outer, inner, innerJoin, outerJoin, end");
    }
  }

  @Override
  public Object getArtifact(NestedForeachFlow flow, String artifact) {
    switch (artifact) {
      case "row":
        return flow.row;
      case "cell":
        return flow.cell;
      case "rowSum":
        return flow.rowSum;
      case "total":
        return flow.total;
      default:
        throw new IllegalArgumentException("Unknown artifact " + artifact + " of flow NestedForeachFlow; artifacts are: row, cell, rowSum, total");
    }
  }

  @Override
  public void setArtifact(NestedForeachFlow flow, String artifact, Object value) {
    switch (artifact) {
      case "row":
        if (value != null) {
          flow.row = (int) value;
        }
        break;
      case "cell":
        if (value != null) {
          flow.cell = (int) value;
        }
        break;
      case "rowSum":
        if (value != null) {
          flow.rowSum = (int) value;
        }
        break;
      case "total":
        if (value != null) {
          flow.total = (int) value;
        }
        break;
      default:
        throw new IllegalArgumentException("Unknown artifact " + artifact + " of flow NestedForeachFlow; artifacts are: row, cell, rowSum, total");
    }
  }

  /**
   * Holds the graph, built on first use: after the runtime checked the ABI version.
   */
  private static final class Graph {
    static final FlowGraph GRAPH = new FlowGraph(
        "NestedForeachFlow",
        "com.example.NestedForeachFlow",
        "",
        List.of(
            new StepNode(
                "start",
                TransitionKind.FOREACH,
                List.of("outer"),
                false,
                List.of(),
                Optional.of("outerJoin"),
                Set.of(),
                false,
                Set.of(),
                Set.of(),
                Set.of(),
                Decorators.NONE,
                ""),
            new StepNode(
                "outer",
                TransitionKind.FOREACH,
                List.of("inner"),
                false,
                List.of("start"),
                Optional.of("innerJoin"),
                Set.of("row"),
                false,
                Set.of(),
                Set.of("row"),
                Set.of(),
                Decorators.NONE,
                ""),
            new StepNode(
                "inner",
                TransitionKind.LINEAR,
                List.of("innerJoin"),
                false,
                List.of("start", "outer"),
                Optional.empty(),
                Set.of("cell", "row"),
                false,
                Set.of("row"),
                Set.of("cell"),
                Set.of(),
                Decorators.NONE,
                ""),
            new StepNode(
                "innerJoin",
                TransitionKind.LINEAR,
                List.of("outerJoin"),
                true,
                List.of("start"),
                Optional.empty(),
                Set.of("rowSum"),
                false,
                Set.of(),
                Set.of("rowSum"),
                Set.of(),
                Decorators.NONE,
                ""),
            new StepNode(
                "outerJoin",
                TransitionKind.LINEAR,
                List.of("end"),
                true,
                List.of(),
                Optional.empty(),
                Set.of("total"),
                false,
                Set.of(),
                Set.of("total"),
                Set.of("rowSum"),
                Decorators.NONE,
                ""),
            new StepNode(
                "end",
                TransitionKind.END,
                List.of(),
                false,
                List.of(),
                Optional.empty(),
                Set.of(),
                false,
                Set.of(),
                Set.of(),
                Set.of(),
                Decorators.NONE,
                "")),
        List.of(),
        List.of(
            new ArtifactSpec("row", "int"),
            new ArtifactSpec("cell", "int"),
            new ArtifactSpec("rowSum", "int"),
            new ArtifactSpec("total", "int")));
  }
}
