package io.fluxo;

import java.io.Serializable;

/**
 * A reference to a join step, written {@code this::join}. Only used by {@link FlowSpec#next}.
 *
 * @param <F> the flow, as the join's {@code Inputs<F>} names it
 */
@FunctionalInterface
public interface JoinRef<F extends FlowSpec> extends Serializable {
  /** Runs the join; the runtime never calls this, it only reads which step is named. */
  void run(Inputs<F> inputs);
}
