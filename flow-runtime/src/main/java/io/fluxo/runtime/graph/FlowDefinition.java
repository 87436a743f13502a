package io.fluxo.runtime.graph;

import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.runtime.error.UsageException;
import java.util.function.Supplier;

/**
 * What the processor generates for each flow ({@code FlowMain_<Flow>}): the graph, and direct
 * (reflection-free) access to the flow's steps and artifact fields. Registered for {@link
 * java.util.ServiceLoader}, so {@code java -jar flow.jar} finds every flow in the jar.
 *
 * @param <F> the flow class
 */
public interface FlowDefinition<F extends FlowSpec> {
  /**
   * The version of the contract between generated code and this runtime: the methods of this
   * interface and the graph records that generated code calls. Code generated for another version
   * is refused with {@link #requireCompatible} before any of it runs.
   */
  int ABI_VERSION = 2;

  /**
   * The {@link #ABI_VERSION} of the processor that generated this definition. Generated code
   * overrides it; code generated before versioning did not, and is version 1.
   */
  default int abiVersion() {
    return 1;
  }

  /**
   * Fails when {@code definition} was generated for another {@link #ABI_VERSION} than this
   * runtime's, saying to rebuild the flow; calls nothing else on it.
   *
   * @throws UsageException if the versions differ
   */
  static void requireCompatible(FlowDefinition<?> definition) {
    int version = definition.abiVersion();
    if (version != ABI_VERSION) {
      String flow = definition.getClass().getName().replaceFirst("FlowMain_", "");
      throw new UsageException(
          "Cannot run %s: it was compiled by a Fluxo processor of ABI version %d, and this runtime"
              + " runs version %d. Rebuild the flow with flow-processor and flow-runtime of one"
              + " Fluxo release",
          flow, version, ABI_VERSION);
    }
  }

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
