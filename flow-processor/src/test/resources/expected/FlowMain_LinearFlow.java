package com.example;

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
import java.util.Map;
import java.util.Optional;
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
            new StepNode(
                "start",
                TransitionKind.LINEAR,
                List.of("a"),
                false,
                List.of(),
                Optional.empty(),
                Set.of("counter", "startAt"),
                false,
                Set.of(),
                Set.of("counter"),
                Set.of(),
                Decorators.NONE,
                "Starts counting."),
            new StepNode(
                "a",
                TransitionKind.LINEAR,
                List.of("b"),
                false,
                List.of(),
                Optional.empty(),
                Set.of("counter", "history"),
                false,
                Set.of("counter"),
                Set.of("history"),
                Set.of(),
                Decorators.NONE,
                "Adds one, through a helper."),
            new StepNode(
                "b",
                TransitionKind.LINEAR,
                List.of("end"),
                false,
                List.of(),
                Optional.empty(),
                Set.of("counter", "message"),
                false,
                Set.of("counter"),
                Set.of("message"),
                Set.of(),
                Decorators.NONE,
                ""),
            new StepNode(
                "end",
                TransitionKind.END,
                List.of(),
                false,
                List.of(),
                Optional.empty(),
                Set.of("message"),
                false,
                Set.of("message"),
                Set.of(),
                Set.of(),
                Decorators.NONE,
                "")),
        List.of(
            new ParameterSpec("startAt", "start-at", ParameterType.INT, int.class, "int", "Where counting starts", false)),
        List.of(
            new ArtifactSpec("startAt", "int"),
            new ArtifactSpec("counter", "int"),
            new ArtifactSpec("message", "java.lang.String"),
            new ArtifactSpec("history", "java.util.Map<java.lang.String,java.util.List<java.lang.Integer>>")));
  }
}
