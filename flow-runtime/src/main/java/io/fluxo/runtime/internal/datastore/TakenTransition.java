package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.graph.TransitionKind;
import java.util.List;

/**
 * The transition a task took.
 *
 * @param kind linear, branch, foreach or end
 * @param next the successor steps
 * @param foreachItems for a foreach, the content hash of each item, in order; else empty
 */
public record TakenTransition(TransitionKind kind, List<String> next, List<String> foreachItems) {
  /** Copies the lists. */
  public TakenTransition {
    next = List.copyOf(next);
    foreachItems = foreachItems == null ? List.of() : List.copyOf(foreachItems);
  }
}
