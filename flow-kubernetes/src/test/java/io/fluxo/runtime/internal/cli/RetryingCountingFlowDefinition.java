package io.fluxo.runtime.internal.cli;

import io.fluxo.Inputs;
import io.fluxo.runtime.FlowCli;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link CountingFlow} with {@code @Retry(times = 2, minutesBetweenRetries = 0)} on its join,
 * written by hand for tests.
 */
public final class RetryingCountingFlowDefinition implements FlowDefinition<CountingFlow> {
  private static final CountingFlowDefinition BASE = new CountingFlowDefinition();
  private static final Decorators RETRY_TWICE =
      new Decorators(
          Optional.of(new RetrySpec(2, 0)),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  private final FlowGraph graph;

  /** With {@code @Retry(times = 2, minutesBetweenRetries = 0)} on its join. */
  public RetryingCountingFlowDefinition() {
    this(RETRY_TWICE);
  }

  /** With {@code join} as its join's decorators. */
  public RetryingCountingFlowDefinition(Decorators join) {
    this.graph = decorated(BASE.graph(), "join", join);
  }

  public static void main(String[] args) {
    FlowCli.main(new RetryingCountingFlowDefinition(), args);
  }

  /**
   * Runs {@code flow args...} of this flow in this JVM, reading configuration from {@code sources}.
   */
  public static CountingRuns.Result flow(ConfigSources sources, String... args) {
    return flow(RETRY_TWICE, sources, args);
  }

  /**
   * Runs {@code flow args...} of CountingFlow with {@code join} as its join's decorators, in this
   * JVM, reading configuration from {@code sources}.
   */
  public static CountingRuns.Result flow(Decorators join, ConfigSources sources, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FlowCommand.execute(
            new RetryingCountingFlowDefinition(join),
            args,
            "flow",
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            sources);
    return new CountingRuns.Result(code, out.toString(), err.toString());
  }

  private static FlowGraph decorated(FlowGraph graph, String step, Decorators decorators) {
    return new FlowGraph(
        graph.name(),
        graph.className(),
        graph.description(),
        graph.steps().stream()
            .map(
                s ->
                    !s.name().equals(step)
                        ? s
                        : new StepNode(
                            s.name(),
                            s.transition(),
                            s.next(),
                            s.join(),
                            s.splitParents(),
                            s.matchingJoin(),
                            s.artifactsUsed(),
                            s.usesAllArtifacts(),
                            decorators,
                            s.doc()))
            .toList(),
        graph.parameters(),
        graph.artifacts());
  }

  @Override
  public int abiVersion() {
    return ABI_VERSION;
  }

  @Override
  public FlowGraph graph() {
    return graph;
  }

  @Override
  public CountingFlow newInstance() {
    return BASE.newInstance();
  }

  @Override
  public void runStep(
      CountingFlow flow, String step, Inputs<CountingFlow> inputs, Supplier<Object> item) {
    BASE.runStep(flow, step, inputs, item);
  }

  @Override
  public Object getArtifact(CountingFlow flow, String artifact) {
    return BASE.getArtifact(flow, artifact);
  }

  @Override
  public void setArtifact(CountingFlow flow, String artifact, Object value) {
    BASE.setArtifact(flow, artifact, value);
  }
}
