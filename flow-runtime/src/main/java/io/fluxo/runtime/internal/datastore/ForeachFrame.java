package io.fluxo.runtime.internal.datastore;

/**
 * One level of foreach that a task is inside.
 *
 * @param step the step that called {@code foreach}
 * @param index this task's item index at that level
 * @param numSplits the number of items at that level
 * @param item the content hash of this task's item at that level
 */
public record ForeachFrame(String step, int index, int numSplits, String item) {
  /** Requires 0 &lt;= index &lt; numSplits. */
  public ForeachFrame {
    if (index < 0 || index >= numSplits) {
      throw new IllegalArgumentException("Invalid foreach index " + index + " of " + numSplits);
    }
  }
}
