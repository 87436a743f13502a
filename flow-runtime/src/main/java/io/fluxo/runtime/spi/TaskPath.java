package io.fluxo.runtime.spi;

/**
 * Identifies a task: {@code Flow/run/step/task}, Metaflow's pathspec.
 *
 * @param flow the flow name
 * @param runId the run id
 * @param step the step name
 * @param taskId the task id, unique within the run
 */
public record TaskPath(String flow, String runId, String step, String taskId) {
  /** Requires non-empty parts without slashes. */
  public TaskPath {
    for (String part : new String[] {flow, runId, step, taskId}) {
      if (part == null || part.isEmpty() || part.contains("/")) {
        throw new IllegalArgumentException(
            "Invalid task path: " + flow + "/" + runId + "/" + step + "/" + taskId);
      }
    }
  }

  /** Parses {@code run/step/task} of {@code flow}. */
  public static TaskPath parse(String flow, String runStepTask) {
    String[] parts = runStepTask.split("/");
    if (parts.length != 3) {
      throw new IllegalArgumentException(
          "Invalid task path " + runStepTask + ": expected run/step/task");
    }
    return new TaskPath(flow, parts[0], parts[1], parts[2]);
  }

  /** {@code run/step/task}. */
  public String runStepTask() {
    return runId + "/" + step + "/" + taskId;
  }

  /** {@code Flow/run/step/task}. */
  public String pathspec() {
    return flow + "/" + runStepTask();
  }

  /** The storage prefix of the task's files. */
  public String prefix() {
    return pathspec();
  }
}
