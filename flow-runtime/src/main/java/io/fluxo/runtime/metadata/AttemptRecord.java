package io.fluxo.runtime.metadata;

import io.fluxo.runtime.datastore.ArtifactRef;
import io.fluxo.runtime.datastore.AttemptStatus;
import io.fluxo.runtime.datastore.TaskPath;
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
 */
public record AttemptRecord(
    TaskPath task,
    int attempt,
    AttemptStatus status,
    Instant startedAt,
    Instant endedAt,
    long pid,
    Map<String, ArtifactRef> artifacts,
    String error) {
  /** Copies the artifacts, keeping their order. */
  public AttemptRecord {
    artifacts = new LinkedHashMap<>(artifacts);
  }
}
