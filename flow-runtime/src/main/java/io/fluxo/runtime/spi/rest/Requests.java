package io.fluxo.runtime.spi.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the metadata service accepts, snake_case on the wire. Each record checks its
 * values as it is made (with {@link Fields}), so a body that parses is a body the service's
 * database accepts, and a client cannot build one the service would refuse for its form; a value
 * that fails a check throws {@link IllegalArgumentException}.
 */
public final class Requests {
  private Requests() {}

  /**
   * {@code POST /v1/flows/{flow}}: registers a flow.
   *
   * @param user who registers it; {@code unknown} if null
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record NewFlow(String user) {
    /** Checks the user. */
    public NewFlow {
      user = user == null ? "unknown" : Fields.text("user", user, 255);
    }
  }

  /**
   * {@code POST /v1/flows/{flow}/runs}: starts a run; the service assigns its number.
   *
   * @param user who starts it
   * @param tags user tags, distinct; null reads as none
   * @param systemTags tags the runtime sets, distinct; null reads as none
   * @param originRunId the run it resumes, or null
   * @param host the host of the process that runs it; empty if null
   * @param pid the pid of that process; 0 if null
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record NewRun(
      String user,
      List<String> tags,
      List<String> systemTags,
      String originRunId,
      String host,
      Long pid) {
    /** Checks the values and fills in the defaults. */
    public NewRun {
      user = Fields.text("user", user, 255);
      tags = Fields.tags("tags", tags);
      systemTags = Fields.tags("system_tags", systemTags);
      originRunId = Fields.optionalRunId("origin_run_id", originRunId);
      host = host == null ? "" : Fields.optionalText("host", host, 255);
      pid = pid == null ? 0L : pid;
      if (pid < 0) {
        throw new IllegalArgumentException("Invalid pid: " + pid);
      }
    }
  }

  /**
   * {@code PATCH /v1/flows/{flow}/runs/{run}}: the recorded status and end time.
   *
   * @param status the run's state
   * @param endedAt when it ended; the service's time if null and the run ended
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record RunChange(RunStatus status, Instant endedAt) {
    /** Requires a status. */
    public RunChange {
      if (status == null) {
        throw new IllegalArgumentException("Missing status: expected RUNNING, SUCCEEDED or FAILED");
      }
    }
  }

  /**
   * {@code POST /v1/flows/{flow}/runs/{run}/tags}: tags to add, then tags to remove, as one change.
   *
   * @param add tags to add; null reads as none
   * @param remove tags to remove; null reads as none
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record TagChange(List<String> add, List<String> remove) {
    /** Checks the tags. */
    public TagChange {
      add = Fields.tags("add", add);
      remove = Fields.tags("remove", remove);
    }
  }

  /**
   * {@code PUT .../steps/{step}/tasks/{task}} (or {@code POST .../steps/{step}/tasks} with {@code
   * task_id}): registers a task.
   *
   * @param taskId the task's id; required by POST, and equal to the path's by PUT if given
   * @param inputPaths the {@code run/step/task} paths of the tasks it reads; null reads as none
   * @param splitIndex its foreach index, or -1 (also if null) outside a foreach split
   * @param originTask for a task cloned by resume, the origin's pathspec, or null
   * @param createdAt when it was registered; the service's time if null
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record TaskRegistration(
      String taskId,
      List<String> inputPaths,
      Integer splitIndex,
      String originTask,
      Instant createdAt) {
    /** Checks the values and fills in the defaults. */
    public TaskRegistration {
      taskId = taskId == null ? null : Fields.name("task_id", taskId);
      inputPaths = Fields.texts("input_paths", inputPaths, Fields.MAX_INPUT_PATHS, 1024);
      splitIndex = splitIndex == null ? -1 : splitIndex;
      if (splitIndex < -1) {
        throw new IllegalArgumentException(
            "Invalid split_index: " + splitIndex + "; expected -1 or more");
      }
      originTask = Fields.optionalText("origin_task", originTask, 1024);
    }
  }

  /**
   * {@code PUT .../tasks/{task}/attempts/{attempt}}: an attempt's start (no status) or end.
   *
   * @param status how it ended, or null while it runs
   * @param startedAt when it started
   * @param endedAt when it ended, or null
   * @param pid the process that ran it; 0 if null
   * @param error {@code Type: message} of a failure, or null
   * @param artifacts the artifacts it produced, replacing those recorded; null keeps them
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record AttemptReport(
      AttemptStatus status,
      Instant startedAt,
      Instant endedAt,
      Long pid,
      String error,
      List<Artifact> artifacts) {
    /** Checks the values and fills in the defaults. */
    public AttemptReport {
      if (startedAt == null) {
        throw new IllegalArgumentException("Missing started_at");
      }
      pid = pid == null ? 0L : pid;
      error = Fields.optionalText("error", error, Fields.MAX_TEXT);
      artifacts = artifacts == null ? null : Fields.entries("artifacts", artifacts);
    }
  }

  /**
   * One artifact of an attempt: where its value is stored.
   *
   * @param name the artifact's name
   * @param sha the SHA-256 of the stored blob, 64 lowercase hex digits
   * @param type the value's class name, or null for a null value
   * @param size the stored bytes
   * @param location where the blob is, e.g. its datastore key
   * @param details for a value stored in its own format (a Dataset as Parquet, a model), what the
   *     format says of it: its location, schema, rows, bytes; empty otherwise
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record Artifact(
      String name,
      String sha,
      String type,
      long size,
      String location,
      Map<String, String> details) {
    /** Checks the values; a null location reads as empty, null details as none. */
    public Artifact {
      name = Fields.name("artifact name", name);
      if (sha == null || !io.fluxo.runtime.spi.ArtifactRef.SHA256_HEX.matcher(sha).matches()) {
        throw new IllegalArgumentException(
            "Invalid sha of artifact "
                + name
                + ": "
                + Fields.quoted(sha)
                + "; expected 64 lowercase hex digits");
      }
      type = Fields.optionalText("type", type, 1024);
      if (size < 0) {
        throw new IllegalArgumentException("Invalid size of artifact " + name + ": " + size);
      }
      location = location == null ? "" : Fields.optionalText("location", location, 4096);
      details = details == null ? new LinkedHashMap<>() : new LinkedHashMap<>(details);
      for (var detail : details.entrySet()) {
        Fields.text("detail name", detail.getKey(), 255);
        Fields.optionalText("detail " + detail.getKey(), detail.getValue(), Fields.MAX_TEXT);
      }
    }
  }

  /**
   * {@code POST .../tasks/{task}/attempts/{attempt}/artifacts}: artifacts to add to an attempt.
   *
   * @param artifacts the artifacts, replacing any of the same name
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record ArtifactBatch(List<Artifact> artifacts) {
    /** Requires the list, without null entries. */
    public ArtifactBatch {
      artifacts = Fields.entries("artifacts", artifacts);
    }
  }

  /**
   * One metadata key/value of a task, like Metaflow's task metadata.
   *
   * @param field the key
   * @param value the value; empty if null
   * @param type what kind of value it is; empty if null
   * @param tags tags of the entry; null reads as none
   * @param attempt the attempt it belongs to, or null for the task
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record MetadataEntry(
      String field, String value, String type, List<String> tags, Integer attempt) {
    /** Checks the values and fills in the defaults. */
    public MetadataEntry {
      field = Fields.text("field", field, 255);
      value = Fields.optionalText("value", value == null ? "" : value, Fields.MAX_TEXT);
      type = type == null ? "" : Fields.optionalText("type", type, 255);
      tags = Fields.tags("tags", tags);
      if (attempt != null && attempt < 0) {
        throw new IllegalArgumentException("Invalid attempt: " + attempt);
      }
    }
  }

  /**
   * {@code POST .../tasks/{task}/metadata}: metadata entries to add to a task.
   *
   * @param metadata the entries
   */
  @JsonNaming(SnakeCaseStrategy.class)
  public record MetadataBatch(List<MetadataEntry> metadata) {
    /** Requires the list, without null entries. */
    public MetadataBatch {
      metadata = Fields.entries("metadata", metadata);
    }
  }
}
