package io.fluxo.runtime.spi;

import java.time.Instant;
import java.util.List;

/**
 * A task as metadata knows it, registered before it is launched.
 *
 * @param path the task
 * @param inputPaths the {@code run/step/task} paths of the tasks it reads
 * @param splitIndex its foreach index, or -1 outside a foreach split
 * @param originTask for a task cloned by resume, the origin's pathspec, or null
 * @param createdAt when it was registered
 */
public record TaskRecord(
    TaskPath path, List<String> inputPaths, int splitIndex, String originTask, Instant createdAt) {
  /** Copies the input list. */
  public TaskRecord {
    inputPaths = List.copyOf(inputPaths);
  }
}
