package io.fluxo.runtime.spi;

import java.util.List;

/**
 * What a task process is asked to do: which task, fed by which tasks, which attempt.
 *
 * @param task the task to run
 * @param inputPaths {@code run/step/task} of each input task, in order
 * @param splitIndex the foreach index when the input took a foreach, else -1
 * @param retryCount the attempt number, from 0
 * @param maxNumSplits the most items a foreach may fan out to
 * @param user who runs the flow
 * @param tags the run's tags
 * @param originRunId the run being resumed, or null
 */
public record TaskSpec(
    TaskPath task,
    List<String> inputPaths,
    int splitIndex,
    int retryCount,
    int maxNumSplits,
    String user,
    List<String> tags,
    String originRunId) {
  /** Copies the lists and checks the numbers. */
  public TaskSpec {
    inputPaths = List.copyOf(inputPaths);
    tags = List.copyOf(tags);
    if (retryCount < 0 || maxNumSplits < 1 || splitIndex < -1) {
      throw new IllegalArgumentException(
          "Invalid task spec: retry "
              + retryCount
              + ", max splits "
              + maxNumSplits
              + ", split index "
              + splitIndex);
    }
  }
}
