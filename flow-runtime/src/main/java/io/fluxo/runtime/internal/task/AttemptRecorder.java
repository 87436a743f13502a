package io.fluxo.runtime.internal.task;

import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The one writer of an attempt's records: its start, then its end. The step's thread and the
 * {@code @Timeout} watchdog both may end the attempt; the first {@link #end} records its data, done
 * marker and metadata, and the later ones record nothing and do not even compute their ending. A
 * failure to record is thrown to the caller whose end it was; the attempt then counts as failed and
 * is not recorded again. Thread-safe.
 */
final class AttemptRecorder {
  /**
   * How an attempt ended.
   *
   * @param status its status
   * @param data what it hands down, or null when it failed
   * @param details what the formats said of the artifacts it stored in their own format
   * @param error the failure, or null
   */
  record Ending(
      AttemptStatus status,
      TaskData data,
      Map<String, Map<String, String>> details,
      Throwable error) {}

  private final TaskSpec spec;
  private final Instant started;
  private final TaskStore tasks;
  private final MetadataStore metadata;
  private AttemptStatus recorded;

  /** The recorder of the attempt {@code spec}, which started at {@code started}. */
  AttemptRecorder(TaskSpec spec, Instant started, TaskStore tasks, MetadataStore metadata) {
    this.spec = spec;
    this.started = started;
    this.tasks = tasks;
    this.metadata = metadata;
  }

  /** Records in the metadata that the attempt has started. */
  void recordStart() {
    metadata.recordAttempt(
        new AttemptRecord(
            spec.task(), spec.retryCount(), null, started, null, pid(), Map.of(), null));
  }

  /**
   * Records the attempt's end as {@code ending} says, unless it ended already; returns whether this
   * call ended it. {@code ending} is called only then, under this recorder's lock.
   */
  synchronized boolean end(Supplier<Ending> ending) {
    if (recorded != null) {
      return false;
    }
    recorded = AttemptStatus.FAILED;
    Ending end = ending.get();
    write(end);
    recorded = end.status();
    return true;
  }

  /**
   * The process exit code of the recorded end: {@link TaskExecutor#SUCCEEDED} when the attempt is
   * usable downstream, else (also when it has not ended, or its end could not be recorded) {@link
   * TaskExecutor#FAILED}.
   */
  synchronized int exitCode() {
    return recorded != null && recorded.usable() ? TaskExecutor.SUCCEEDED : TaskExecutor.FAILED;
  }

  private void write(Ending end) {
    TaskPath task = spec.task();
    Throwable error = end.error();
    String errorText =
        error == null ? null : error.getClass().getName() + ": " + error.getMessage();
    if (end.data() != null) {
      tasks.writeData(task, spec.retryCount(), end.data());
    }
    Instant ended = Instant.now();
    // the metadata first (its store retries), the done marker last: an attempt whose end the
    // metadata lost is never marked done, so the run fails with the reason and can be resumed
    metadata.recordAttempt(
        new AttemptRecord(
            task,
            spec.retryCount(),
            end.status(),
            started,
            ended,
            pid(),
            end.data() == null ? Map.of() : end.data().artifacts(),
            errorText,
            end.data() == null ? Map.of() : end.details()));
    tasks.writeResult(
        task, new AttemptResult(spec.retryCount(), end.status(), started, ended, errorText, null));
  }

  private static long pid() {
    return ProcessHandle.current().pid();
  }
}
