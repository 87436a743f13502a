package io.fluxo.runtime.spi.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fluxo.runtime.spi.rest.Requests.Artifact;
import java.time.Instant;
import java.util.List;

/**
 * The JSON the metadata service answers with, snake_case on the wire. Instants are ISO-8601
 * strings; a derived {@code status} is a string, since it has values ({@code PENDING}) that no
 * recorded status has.
 */
public final class Resources {
  private Resources() {}

  /**
   * A flow.
   *
   * @param flow its name
   * @param user who registered it
   * @param createdAt when it was registered
   * @param runCount how many run numbers it has handed out
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record FlowResource(String flow, String user, Instant createdAt, long runCount) {}

  /**
   * A run. {@code status} is derived: the recorded status unless that is still RUNNING; then
   * SUCCEEDED once the end step has finished, FAILED once the run's heartbeat is older than the
   * service's threshold, else RUNNING. {@code recordedStatus} is what the runtime last wrote.
   *
   * @param flow the flow's name
   * @param runId the run's id, its number as a string
   * @param runNumber the run's number
   * @param user who started it
   * @param tags user tags
   * @param systemTags tags the runtime and the service set ({@code user:...}, {@code runtime:...})
   * @param originRunId the run it resumes, or null
   * @param status the derived status
   * @param recordedStatus the status the runtime last wrote
   * @param startedAt when it started
   * @param endedAt when it ended, or null
   * @param lastHeartbeatAt its last heartbeat
   * @param host the host of the process that runs it
   * @param pid the pid of that process
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record RunResource(
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
   * One page of runs, newest first.
   *
   * @param runs the runs
   * @param nextCursor what to pass back as {@code cursor} for the next page, or null on the last
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record RunPage(List<RunResource> runs, String nextCursor) {}

  /**
   * A step of a run.
   *
   * @param flow the flow's name
   * @param runId the run's id
   * @param step the step's name
   * @param createdAt when it was created
   * @param taskCount how many tasks it has
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record StepResource(
      String flow, String runId, String step, Instant createdAt, long taskCount) {}

  /**
   * A task. {@code status} is its latest attempt's: PENDING before any, RUNNING while one runs (or
   * FAILED once its heartbeat is older than the threshold), else how that attempt ended.
   *
   * @param flow the flow's name
   * @param runId the run's id
   * @param step the step's name
   * @param taskId the task's id
   * @param inputPaths the {@code run/step/task} paths of the tasks it reads
   * @param splitIndex its foreach index, or -1
   * @param originTask for a task cloned by resume, the origin's pathspec, or null
   * @param createdAt when it was registered
   * @param lastHeartbeatAt its last heartbeat, or null
   * @param status the derived status
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record TaskResource(
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

  /**
   * An attempt of a task, with the artifacts it produced.
   *
   * @param flow the flow's name
   * @param runId the run's id
   * @param step the step's name
   * @param taskId the task's id
   * @param attempt the attempt's number, from 0
   * @param status how it ended, or null while it runs
   * @param startedAt when it started
   * @param endedAt when it ended, or null
   * @param pid the process that ran it
   * @param error {@code Type: message} of a failure, or null
   * @param artifacts its artifacts in the order they were recorded
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record AttemptResource(
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

  /**
   * The artifacts of one attempt of a task.
   *
   * @param flow the flow's name
   * @param runId the run's id
   * @param step the step's name
   * @param taskId the task's id
   * @param attempt the attempt's number
   * @param artifacts its artifacts
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record ArtifactList(
      String flow,
      String runId,
      String step,
      String taskId,
      int attempt,
      List<Artifact> artifacts) {}

  /**
   * A stored metadata key/value.
   *
   * @param id its id, increasing in the order entries were stored
   * @param attempt the attempt it belongs to, or null for the task
   * @param field the key
   * @param value the value
   * @param type what kind of value it is
   * @param tags its tags
   * @param createdAt when it was stored
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record MetadataResource(
      long id,
      Integer attempt,
      String field,
      String value,
      String type,
      List<String> tags,
      Instant createdAt) {}

  /**
   * A heartbeat's acknowledgement.
   *
   * @param heartbeatAt the heartbeat's time as the service recorded it
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record HeartbeatAck(Instant heartbeatAt) {}

  /**
   * An error: {@code {"error": "...", "status": 400}}.
   *
   * @param error what went wrong, one line
   * @param status the HTTP status it came with
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record ErrorBody(String error, int status) {}
}
