package io.fluxo;

import java.util.List;

/**
 * What a join step receives: one {@link Input} per task that feeds it, in a stable order (branch
 * order for a static join, foreach index for a foreach join).
 */
public interface Inputs extends Iterable<Input> {
  /** The inputs in order. */
  List<Input> list();

  /** Number of inputs. */
  default int size() {
    return list().size();
  }

  /**
   * The input that came from {@code step}; for a static join, where each branch gives one input.
   *
   * @throws IllegalArgumentException if no input came from that step, or several did
   */
  Input get(String step);

  @Override
  default java.util.Iterator<Input> iterator() {
    return list().iterator();
  }
}
