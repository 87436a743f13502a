package com.example;

import io.fluxo.Inputs;
import io.fluxo.runtime.FlowCli;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.CatchSpec;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.EnvironmentSpec;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.KubernetesSpec;
import io.fluxo.runtime.graph.ResourcesSpec;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TimeoutSpec;
import io.fluxo.runtime.graph.TransitionKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * The generated {@code FlowDefinition} of {@link DecoratedFlow}.
 */
@Generated("io.fluxo.processor.FlowProcessor")
public final class FlowMain_DecoratedFlow implements FlowDefinition<DecoratedFlow> {
  /**
   * Creates the definition; {@code ServiceLoader} calls this.
   */
  public FlowMain_DecoratedFlow() {
  }

  /**
   * Runs the {@code flow} command line of DecoratedFlow.
   */
  public static void main(String[] args) {
    FlowCli.main(new FlowMain_DecoratedFlow(), args);
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
  public DecoratedFlow newInstance() {
    return new DecoratedFlow();
  }

  @Override
  public void runStep(DecoratedFlow flow, String step, Inputs<DecoratedFlow> inputs,
      Supplier<Object> item) {
    switch (step) {
      case "start":
        try {
          flow.start();
        } catch (Throwable e) {
          throw sneakyThrow(e);
        }
        break;
      case "train":
        flow.train();
        break;
      case "end":
        flow.end();
        break;
      default:
        throw new IllegalArgumentException("Unknown step " + step + " of flow DecoratedFlow; steps are: start, train, end");
    }
  }

  @Override
  public Object getArtifact(DecoratedFlow flow, String artifact) {
    switch (artifact) {
      case "result":
        return flow.result;
      default:
        throw new IllegalArgumentException("Unknown artifact " + artifact + " of flow DecoratedFlow; artifacts are: result");
    }
  }

  @Override
  public void setArtifact(DecoratedFlow flow, String artifact, Object value) {
    switch (artifact) {
      case "result":
        flow.result = (String) value;
        break;
      default:
        throw new IllegalArgumentException("Unknown artifact " + artifact + " of flow DecoratedFlow; artifacts are: result");
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> RuntimeException sneakyThrow(Throwable exception) throws E {
    throw (E) exception;
  }

  /**
   * Holds the graph, built on first use: after the runtime checked the ABI version.
   */
  private static final class Graph {
    static final FlowGraph GRAPH = new FlowGraph(
        "DecoratedFlow",
        "com.example.DecoratedFlow",
        "Every decorator with every attribute",
        List.of(
            StepNode.newBuilder("start", TransitionKind.LINEAR)
                .next(List.of("train"))
                .artifactsUsed(Set.of("result"))
                .artifactsAssigned(Set.of("result"))
                .decorators(new Decorators(
                    Optional.of(new RetrySpec(4, 0)),
                    Optional.of(new CatchSpec("failure")),
                    Optional.of(new TimeoutSpec(3750L)),
                    Optional.of(new ResourcesSpec(0.5, 1536L, 1)),
                    Optional.of(new KubernetesSpec(
                        2.0,
                        954L,
                        0,
                        "harbor.local/fluxo/runtime:1",
                        "ml",
                        List.of("minio-creds", "db"),
                        Map.of("pool", "gpu", "zone", "a"),
                        List.of("gpu=true:NoSchedule", "spot:PreferNoSchedule", "team=ml"),
                        "fluxo",
                        Map.of("team", "ml", "empty", ""),
                        Map.of("owner", "data"))),
                    Optional.of(new EnvironmentSpec(Map.of("SPARK_HOME", "/opt/spark", "EMPTY", "")))))
                .build(),
            StepNode.newBuilder("train", TransitionKind.LINEAR)
                .next(List.of("end"))
                .decorators(new Decorators(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(new ResourcesSpec(1.0, 512L, 0)),
                    Optional.of(new KubernetesSpec(
                        0.0,
                        0L,
                        0,
                        "",
                        "",
                        List.of(),
                        Map.of(),
                        List.of(),
                        "",
                        Map.of(),
                        Map.of())),
                    Optional.empty()))
                .build(),
            StepNode.newBuilder("end", TransitionKind.END)
                .decorators(new Decorators(
                    Optional.of(new RetrySpec(3, 2)),
                    Optional.empty(),
                    Optional.of(new TimeoutSpec(300L)),
                    Optional.of(new ResourcesSpec(4.0, 4096L, 0)),
                    Optional.empty(),
                    Optional.empty()))
                .build()),
        List.of(),
        List.of(
            new ArtifactSpec("result", "java.lang.String")));
  }
}
