package io.fluxo;

import java.util.List;
import java.util.Optional;

/**
 * Where the running task is: flow, run, step, task and attempt. Returned by {@link
 * FlowSpec#current()}.
 *
 * @param flowName the flow's name (its class's simple name)
 * @param runId the run's id
 * @param stepName the step being run
 * @param taskId the task's id, unique within the run
 * @param retryCount 0 on the first attempt, then 1, 2, ...
 * @param originRunId the run this run resumes, if it is a resumed run
 * @param username who started the run
 * @param tags the run's user tags
 */
public record Current(
    String flowName,
    String runId,
    String stepName,
    String taskId,
    int retryCount,
    Optional<String> originRunId,
    String username,
    List<String> tags) {
  /** Validates that the identifying parts are present. */
  public Current {
    if (flowName == null || runId == null || stepName == null || taskId == null) {
      throw new IllegalArgumentException(
          "Invalid current task: flow, run, step and task are required");
    }
    if (retryCount < 0) {
      throw new IllegalArgumentException("Invalid retry count: " + retryCount);
    }
    originRunId = originRunId == null ? Optional.empty() : originRunId;
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The task's path, {@code Flow/run/step/task}. */
  public String pathspec() {
    return flowName + "/" + runId + "/" + stepName + "/" + taskId;
  }
}
