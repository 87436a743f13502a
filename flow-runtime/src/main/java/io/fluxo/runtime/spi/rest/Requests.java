package io.fluxo.service;

import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the API accepts (snake_case on the wire). Each record checks its values in its
 * constructor, so a body that parses is a body the database accepts.
 */
final class Requests {
  private Requests() {}

  /** Most input paths of one task (a join of a large foreach). */
  static final int MAX_INPUT_PATHS = 100_000;

  /** Most artifacts or metadata entries in one request. */
  static final int MAX_ENTRIES = 10_000;

  /** {@code POST /v1/flows/{flow}}. */
  record NewFlow(String user) {
    NewFlow {
      user = user == null ? "unknown" : Fields.text("user", user, 255);
    }
  }

  /** {@code POST /v1/flows/{flow}/runs}: the service assigns the run number. */
  record NewRun(
      String user,
      List<String> tags,
      List<String> systemTags,
      String originRunId,
      String host,
      Long pid) {
    NewRun {
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

  /** {@code PATCH /v1/flows/{flow}/runs/{run}}: the recorded status and end time. */
  record RunChange(RunStatus status, Instant endedAt) {
    RunChange {
      if (status == null) {
        throw new IllegalArgumentException("Missing status: expected RUNNING, SUCCEEDED or FAILED");
      }
    }
  }

  /** {@code POST /v1/flows/{flow}/runs/{run}/tags}: tags to add, then tags to remove. */
  record TagChange(List<String> add, List<String> remove) {
    TagChange {
      add = Fields.tags("add", add);
      remove = Fields.tags("remove", remove);
    }
  }

  /** {@code PUT .../steps/{step}/tasks/{task}} (or POST with {@code task_id}). */
  record TaskRegistration(
      String taskId,
      List<String> inputPaths,
      Integer splitIndex,
      String originTask,
      Instant createdAt) {
    TaskRegistration {
      taskId = taskId == null ? null : Fields.name("task_id", taskId);
      inputPaths = Fields.texts("input_paths", inputPaths, MAX_INPUT_PATHS, 1024);
      splitIndex = splitIndex == null ? -1 : splitIndex;
      if (splitIndex < -1) {
        throw new IllegalArgumentException(
            "Invalid split_index: " + splitIndex + "; expected -1 or more");
      }
      originTask = Fields.optionalText("origin_task", originTask, 1024);
    }
  }

  /** {@code PUT .../tasks/{task}/attempts/{attempt}}: an attempt's start (no status) or end. */
  record AttemptReport(
      AttemptStatus status,
      Instant startedAt,
      Instant endedAt,
      Long pid,
      String error,
      List<Artifact> artifacts) {
    AttemptReport {
      if (startedAt == null) {
        throw new IllegalArgumentException("Missing started_at");
      }
      pid = pid == null ? 0L : pid;
      error = Fields.optionalText("error", error, Fields.MAX_TEXT);
      if (artifacts != null && artifacts.contains(null)) {
        throw new IllegalArgumentException("Invalid artifacts: entries must not be null");
      }
      if (artifacts != null && artifacts.size() > MAX_ENTRIES) {
        throw new IllegalArgumentException(
            "Invalid artifacts: "
                + artifacts.size()
                + " entries; at most "
                + MAX_ENTRIES
                + " allowed");
      }
      artifacts = artifacts == null ? null : List.copyOf(artifacts);
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
  record Artifact(
      String name,
      String sha,
      String type,
      long size,
      String location,
      Map<String, String> details) {
    Artifact {
      name = Fields.name("artifact name", name);
      if (sha == null || !sha.matches("[0-9a-f]{64}")) {
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

  /** One metadata key/value of a task, like Metaflow's task metadata. */
  record MetadataEntry(
      String field, String value, String type, List<String> tags, Integer attempt) {
    MetadataEntry {
      field = Fields.text("field", field, 255);
      value = Fields.optionalText("value", value == null ? "" : value, Fields.MAX_TEXT);
      type = type == null ? "" : Fields.optionalText("type", type, 255);
      tags = Fields.tags("tags", tags);
      if (attempt != null && attempt < 0) {
        throw new IllegalArgumentException("Invalid attempt: " + attempt);
      }
    }
  }
}
