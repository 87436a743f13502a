package io.fluxo.service;

import io.fluxo.service.Requests.Artifact;
import java.time.Instant;
import java.util.List;

/** The JSON the API answers with (snake_case on the wire). */
final class Resources {
  private Resources() {}

  /** A flow. */
  record FlowResource(String flow, String user, Instant createdAt, long runCount) {}

  /**
   * A run. {@code status} is derived: the recorded status unless that is still RUNNING; then
   * SUCCEEDED once the end step has finished, FAILED once the run's heartbeat is older than the
   * service's threshold, else RUNNING. {@code recordedStatus} is what the runtime last wrote.
   */
  record RunResource(
      String flow,
      String runId,
      long runNumber,
      String user,
      List<String> tags,
      List<String> systemTags,
      String originRunId,
      String status,
      String recordedStatus,
      Instant startedAt,
      Instant endedAt,
      Instant lastHeartbeatAt,
      String host,
      long pid) {}

  /**
   * One page of runs, newest first; pass {@code nextCursor} back as {@code cursor} for the next.
   */
  record RunPage(List<RunResource> runs, String nextCursor) {}

  /** A step of a run. */
  record StepResource(String flow, String runId, String step, Instant createdAt, long taskCount) {}

  /**
   * A task. {@code status} is its latest attempt's: PENDING before any, RUNNING while one runs (or
   * FAILED once its heartbeat is older than the threshold), else how that attempt ended.
   */
  record TaskResource(
      String flow,
      String runId,
      String step,
      String taskId,
      List<String> inputPaths,
      int splitIndex,
      String originTask,
      Instant createdAt,
      Instant lastHeartbeatAt,
      String status) {}

  /** An attempt of a task, with the artifacts it produced. */
  record AttemptResource(
      String flow,
      String runId,
      String step,
      String taskId,
      int attempt,
      String status,
      Instant startedAt,
      Instant endedAt,
      long pid,
      String error,
      List<Artifact> artifacts) {}

  /** The artifacts of one attempt of a task. */
  record ArtifactList(
      String flow,
      String runId,
      String step,
      String taskId,
      int attempt,
      List<Artifact> artifacts) {}

  /** A stored metadata key/value. */
  record MetadataResource(
      long id,
      Integer attempt,
      String field,
      String value,
      String type,
      List<String> tags,
      Instant createdAt) {}

  /** A heartbeat's acknowledgement. */
  record Heartbeat(Instant heartbeatAt) {}

  /** An error: {@code {"error": "...", "status": 400}}. */
  record ErrorBody(String error, int status) {}
}
