package io.fluxo;

import java.io.Serializable;

/**
 * A reference to a foreach step that takes its item as its one argument, written {@code
 * this::square} for {@code @Step public void square(int n)}. Only used as the argument of {@link
 * FlowSpec#foreach(java.util.Collection, ItemRef)}, where javac checks that the items fit the
 * step's argument.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface ItemRef<T> extends Serializable {
  /** Runs the step; the runtime never calls this, it only reads which step is named. */
  void run(T item);
}
