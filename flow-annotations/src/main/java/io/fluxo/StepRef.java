package io.fluxo;

import java.io.Serializable;

/**
 * A reference to a step that takes no arguments, written {@code this::train}. Only used as the
 * argument of {@link FlowSpec#next} and {@link FlowSpec#foreach}.
 */
@FunctionalInterface
public interface StepRef extends Serializable {
  /** Runs the step; the runtime never calls this, it only reads which step is named. */
  void run();
}
