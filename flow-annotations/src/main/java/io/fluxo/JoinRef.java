package io.fluxo;

import java.io.Serializable;

/** A reference to a join step, written {@code this::join}. Only used by {@link FlowSpec#next}. */
@FunctionalInterface
public interface JoinRef extends Serializable {
  /** Runs the join; the runtime never calls this, it only reads which step is named. */
  void run(Inputs inputs);
}
