package io.fluxo.ui.catalog;

import io.fluxo.runtime.client.TaskStatus;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task with its attempts, in order.
 *
 * @param record the task as registered
 * @param attempts its recorded attempts, by number
 * @param status its state: the latest attempt's end, else running while its run runs, else
 *     unfinished
 */
public record TaskView(TaskRecord record, List<AttemptRecord> attempts, TaskStatus status) {
  /** Copies the list. */
  public TaskView {
    attempts = List.copyOf(attempts);
  }

  /** A task whose status follows from its attempts and {@code run}'s status. */
  public static TaskView of(TaskRecord record, List<AttemptRecord> attempts, RunStatus run) {
    AttemptRecord latest = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
    TaskStatus status;
    if (latest != null && latest.status() != null) {
      status = TaskStatus.valueOf(latest.status().name());
    } else {
      status = run == RunStatus.RUNNING ? TaskStatus.RUNNING : TaskStatus.UNFINISHED;
    }
    return new TaskView(record, attempts, status);
  }

  /** The latest attempt, if any. */
  public Optional<AttemptRecord> latest() {
    return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
  }

  /** When its first attempt started. */
  public Optional<Instant> startedAt() {
    return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(0).startedAt());
  }

  /** When its latest attempt ended. */
  public Optional<Instant> endedAt() {
    return latest().map(AttemptRecord::endedAt);
  }
}
