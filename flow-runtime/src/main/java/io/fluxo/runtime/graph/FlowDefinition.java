package io.fluxo.runtime.graph;

import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import java.util.function.Supplier;

/**
 * What the processor generates for each flow ({@code FlowMain_<Flow>}): the graph, and direct
 * (reflection-free) access to the flow's steps and artifact fields. Registered for {@link
 * java.util.ServiceLoader}, so {@code java -jar flow.jar} finds every flow in the jar.
 *
 * @param <F> the flow class
 */
public interface FlowDefinition<F extends FlowSpec> {
  /** The validated graph. */
  FlowGraph graph();

  /** A new flow object; call after installing the task's step context. */
  F newInstance();

  /**
   * Runs {@code step} on {@code flow}; {@code inputs} is passed to a join step, and {@code item}'s
   * value to a step that takes its foreach item. Exceptions thrown by the step propagate unchanged.
   */
  void runStep(F flow, String step, Inputs<F> inputs, Supplier<Object> item);

  /** The value of an artifact field (boxed). */
  Object getArtifact(F flow, String artifact);

  /** Sets an artifact field; a null value leaves a primitive field unchanged. */
  void setArtifact(F flow, String artifact, Object value);
}
