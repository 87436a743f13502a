package io.fluxo.runtime.graph;

/** How a step hands over to the steps after it. */
public enum TransitionKind {
  /** The {@code end} step: no successor. */
  END,
  /** {@code next(this::a)}: one successor. */
  LINEAR,
  /** {@code next(this::a, this::b, ...)}: a static split into parallel branches. */
  BRANCH,
  /** {@code foreach(items, this::a)}: one task of the successor per item. */
  FOREACH
}
