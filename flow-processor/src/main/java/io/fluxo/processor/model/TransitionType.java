package io.fluxo.processor.model;

/** How a step hands over; mirrors the runtime's {@code TransitionKind} constant by constant. */
public enum TransitionType {
  /** The {@code end} step. */
  END,
  /** {@code next(this::a)}. */
  LINEAR,
  /** {@code next(this::a, this::b, ...)}. */
  BRANCH,
  /** {@code foreach(items, this::a)}. */
  FOREACH
}
