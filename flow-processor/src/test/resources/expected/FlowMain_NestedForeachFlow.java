package com.example;

import io.fluxo.Inputs;
import io.fluxo.runtime.FlowCli;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import java.util.List;
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
            StepNode.newBuilder("start", TransitionKind.FOREACH)
                .next(List.of("outer"))
                .matchingJoin("outerJoin")
                .build(),
            StepNode.newBuilder("outer", TransitionKind.FOREACH)
                .next(List.of("inner"))
                .splitParents(List.of("start"))
                .matchingJoin("innerJoin")
                .artifactsUsed(Set.of("row"))
                .artifactsAssigned(Set.of("row"))
                .build(),
            StepNode.newBuilder("inner", TransitionKind.LINEAR)
                .next(List.of("innerJoin"))
                .splitParents(List.of("start", "outer"))
                .artifactsUsed(Set.of("cell", "row"))
                .artifactsRequired(Set.of("row"))
                .artifactsAssigned(Set.of("cell"))
                .build(),
            StepNode.newBuilder("innerJoin", TransitionKind.LINEAR)
                .next(List.of("outerJoin"))
                .join(true)
                .splitParents(List.of("start"))
                .artifactsUsed(Set.of("rowSum"))
                .artifactsAssigned(Set.of("rowSum"))
                .build(),
            StepNode.newBuilder("outerJoin", TransitionKind.LINEAR)
                .next(List.of("end"))
                .join(true)
                .artifactsUsed(Set.of("total"))
                .artifactsAssigned(Set.of("total"))
                .inputArtifactsUsed(Set.of("rowSum"))
                .build(),
            StepNode.newBuilder("end", TransitionKind.END)
                .build()),
        List.of(),
        List.of(
            new ArtifactSpec("row", "int"),
            new ArtifactSpec("cell", "int"),
            new ArtifactSpec("rowSum", "int"),
            new ArtifactSpec("total", "int")));
  }
}
