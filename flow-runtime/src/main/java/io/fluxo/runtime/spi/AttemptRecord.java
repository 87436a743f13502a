package io.fluxo.runtime.spi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One attempt of a task: recorded when it starts (status null) and again when it ends.
 *
 * @param task the task
 * @param attempt the attempt number, from 0
 * @param status how it ended, or null while running
 * @param startedAt when it started
 * @param endedAt when it ended, or null
 * @param pid the process that ran it
 * @param artifacts the artifacts it produced (name to blob), empty until it ends
 * @param error {@code Type: message} of a failure, or null
 * @param artifactDetails for the artifacts it stored in their own format (a Spark Dataset as
 *     Parquet, a model with its writer), by name: what the format says of them ({@code location},
 *     and for a Dataset {@code schema}, {@code rows} and {@code bytes}); empty for the others
 */
public record AttemptRecord(
    TaskPath task,
    int attempt,
    AttemptStatus status,
    Instant startedAt,
    Instant endedAt,
    long pid,
    Map<String, ArtifactRef> artifacts,
    String error,
    Map<String, Map<String, String>> artifactDetails) {
  /**
   * Copies the artifacts and their details, keeping their order; null details (older records) are
   * none.
   */
  public AttemptRecord {
    artifacts = new LinkedHashMap<>(artifacts);
    artifactDetails =
        artifactDetails == null ? new LinkedHashMap<>() : new LinkedHashMap<>(artifactDetails);
  }

  /** An attempt without artifact details. */
  public AttemptRecord(
      TaskPath task,
      int attempt,
      AttemptStatus status,
      Instant startedAt,
      Instant endedAt,
      long pid,
      Map<String, ArtifactRef> artifacts,
      String error) {
    this(task, attempt, status, startedAt, endedAt, pid, artifacts, error, Map.of());
  }
}
