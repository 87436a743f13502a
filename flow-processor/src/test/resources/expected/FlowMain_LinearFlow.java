package com.example;

import io.fluxo.Inputs;
import io.fluxo.runtime.FlowCli;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.graph.ParameterType;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * The generated {@code FlowDefinition} of {@link LinearFlow}.
 */
@Generated("io.fluxo.processor.FlowProcessor")
public final class FlowMain_LinearFlow implements FlowDefinition<LinearFlow> {
  /**
   * Creates the definition; {@code ServiceLoader} calls this.
   */
  public FlowMain_LinearFlow() {
  }

  /**
   * Runs the {@code flow} command line of LinearFlow.
   */
  public static void main(String[] args) {
    FlowCli.main(new FlowMain_LinearFlow(), args);
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
  public LinearFlow newInstance() {
    return new LinearFlow();
  }

  @Override
  public void runStep(LinearFlow flow, String step, Inputs<LinearFlow> inputs,
      Supplier<Object> item) {
    switch (step) {
      case "start":
        flow.start();
        break;
      case "a":
        flow.a();
        break;
      case "b":
        flow.b();
        break;
      case "end":
        flow.end();
        break;
      default:
        throw new IllegalArgumentException("Unknown step " + step + " of flow LinearFlow; steps are: start, a, b, end");
    }
  }

  @Override
  public Object getArtifact(LinearFlow flow, String artifact) {
    switch (artifact) {
      case "startAt":
        return flow.startAt;
      case "counter":
        return flow.counter;
      case "message":
        return flow.message;
      case "history":
        return flow.history;
      default:
        throw new IllegalArgumentException("Unknown artifact " + artifact + " of flow LinearFlow; artifacts are: startAt, counter, message, history");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public void setArtifact(LinearFlow flow, String artifact, Object value) {
    switch (artifact) {
      case "startAt":
        if (value != null) {
          flow.startAt = (int) value;
        }
        break;
      case "counter":
        if (value != null) {
          flow.counter = (int) value;
        }
        break;
      case "message":
        flow.message = (String) value;
        break;
      case "history":
        flow.history = (Map<String, List<Integer>>) value;
        break;
      default:
        throw new IllegalArgumentException("Unknown artifact " + artifact + " of flow LinearFlow; artifacts are: startAt, counter, message, history");
    }
  }

  /**
   * Holds the graph, built on first use: after the runtime checked the ABI version.
   */
  private static final class Graph {
    static final FlowGraph GRAPH = new FlowGraph(
        "LinearFlow",
        "com.example.LinearFlow",
        "Counts through three steps",
        List.of(
            StepNode.newBuilder("start", TransitionKind.LINEAR)
                .next(List.of("a"))
                .artifactsUsed(Set.of("counter", "startAt"))
                .artifactsAssigned(Set.of("counter"))
                .doc("Starts counting.")
                .build(),
            StepNode.newBuilder("a", TransitionKind.LINEAR)
                .next(List.of("b"))
                .artifactsUsed(Set.of("counter", "history"))
                .artifactsRequired(Set.of("counter"))
                .artifactsAssigned(Set.of("history"))
                .doc("Adds one, through a helper.")
                .build(),
            StepNode.newBuilder("b", TransitionKind.LINEAR)
                .next(List.of("end"))
                .artifactsUsed(Set.of("counter", "message"))
                .artifactsRequired(Set.of("counter"))
                .artifactsAssigned(Set.of("message"))
                .build(),
            StepNode.newBuilder("end", TransitionKind.END)
                .artifactsUsed(Set.of("message"))
                .artifactsRequired(Set.of("message"))
                .build()),
        List.of(
            new ParameterSpec("startAt", "start-at", ParameterType.INT, int.class, "int", "Where counting starts", false)),
        List.of(
            new ArtifactSpec("startAt", "int"),
            new ArtifactSpec("counter", "int"),
            new ArtifactSpec("message", "java.lang.String"),
            new ArtifactSpec("history", "java.util.Map<java.lang.String,java.util.List<java.lang.Integer>>")));
  }
}
