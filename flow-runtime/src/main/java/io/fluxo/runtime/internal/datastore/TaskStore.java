package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.spi.AttemptLogs;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptRelay;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskPath;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The per-attempt files of tasks: {@code <Flow>/<run>/<step>/<task>/<attempt>.data.json} (artifacts
 * and transition), {@code <attempt>.done.json} (the done marker, written last) and {@code
 * <attempt>.stdout.log} / {@code .stderr.log}; from a task that cannot reach its run's metadata (a
 * pod of a run with local metadata), {@code <attempt>.attempt.json}, its attempt record.
 * Thread-safe.
 */
public final class TaskStore implements AttemptLogs, AttemptRelay {
  private static final Pattern DONE_FILE = Pattern.compile("(\\d+)\\.done\\.json");

  private final DatastoreStorage storage;

  /** The task files in {@code storage}. */
  public TaskStore(DatastoreStorage storage) {
    this.storage = storage;
  }

  /** The storage holding these files. */
  public DatastoreStorage storage() {
    return storage;
  }

  /** Writes what an attempt produced; call before {@link #writeResult}. */
  public void writeData(TaskPath task, int attempt, TaskData data) {
    storage.write(dataKey(task, attempt), RecordJson.write(data));
  }

  /** Reads what an attempt produced. */
  public TaskData readData(TaskPath task, int attempt) {
    String key = dataKey(task, attempt);
    return RecordJson.read(storage.open(key), TaskData.class, storage.describe(key));
  }

  /** Marks an attempt done; nothing of the attempt may be written after this. */
  public void writeResult(TaskPath task, AttemptResult result) {
    storage.write(task.prefix() + "/" + result.attempt() + ".done.json", RecordJson.write(result));
  }

  /** The done marker of an attempt, if it finished. */
  public Optional<AttemptResult> readResult(TaskPath task, int attempt) {
    String key = task.prefix() + "/" + attempt + ".done.json";
    if (!storage.exists(key)) {
      return Optional.empty();
    }
    return Optional.of(
        RecordJson.read(storage.open(key), AttemptResult.class, storage.describe(key)));
  }

  /** The done markers of all finished attempts, in attempt order. */
  public List<AttemptResult> results(TaskPath task) {
    List<AttemptResult> results = new ArrayList<>();
    for (String name : storage.list(task.prefix())) {
      Matcher m = DONE_FILE.matcher(name);
      if (m.matches()) {
        readResult(task, Integer.parseInt(m.group(1))).ifPresent(results::add);
      }
    }
    results.sort((a, b) -> Integer.compare(a.attempt(), b.attempt()));
    return results;
  }

  /** The attempt whose artifacts downstream steps use: the last usable one, if any. */
  public Optional<AttemptResult> usableResult(TaskPath task) {
    List<AttemptResult> results = results(task);
    for (int i = results.size() - 1; i >= 0; i--) {
      if (results.get(i).status().usable()) {
        return Optional.of(results.get(i));
      }
    }
    return Optional.empty();
  }

  /** The data of the task's usable attempt. */
  public Optional<TaskData> usableData(TaskPath task) {
    return usableResult(task).map(r -> readData(task, r.attempt()));
  }

  @Override
  public void writeLog(TaskPath task, int attempt, LogStream stream, byte[] content) {
    storage.write(logKey(task, attempt, stream), content);
  }

  /** Stores the content of {@code file} as a captured log of an attempt; the file may be moved. */
  public void writeLog(TaskPath task, int attempt, LogStream stream, Path file) {
    storage.writeFile(logKey(task, attempt, stream), file);
  }

  /** Opens a stored log, if the attempt has one. */
  public Optional<InputStream> openLog(TaskPath task, int attempt, LogStream stream) {
    String key = logKey(task, attempt, stream);
    return storage.exists(key) ? Optional.of(storage.open(key)) : Optional.empty();
  }

  /** Where a log lives, for messages. */
  public String describeLog(TaskPath task, int attempt, LogStream stream) {
    return storage.describe(logKey(task, attempt, stream));
  }

  /**
   * The location (local path or URI) of the folder where an {@link
   * io.fluxo.runtime.spi.ExternalValueFormat} stores artifact {@code name} of an attempt: {@code
   * <task>/<attempt>.values/<name>}.
   */
  public String describeValue(TaskPath task, int attempt, String name) {
    return storage.describe(task.prefix() + "/" + attempt + ".values/" + name);
  }

  /** Where the run's task files live, for messages. */
  public String describeRun(String flow, String runId) {
    return storage.describe(flow + "/" + runId);
  }

  @Override
  public void relayAttempt(AttemptRecord attempt) {
    storage.write(relayKey(attempt.task(), attempt.attempt()), RecordJson.write(attempt));
  }

  @Override
  public Optional<AttemptRecord> relayedAttempt(TaskPath task, int attempt) {
    String key = relayKey(task, attempt);
    if (!storage.exists(key)) {
      return Optional.empty();
    }
    return Optional.of(
        RecordJson.read(storage.open(key), AttemptRecord.class, storage.describe(key)));
  }

  private static String relayKey(TaskPath task, int attempt) {
    return task.prefix() + "/" + attempt + ".attempt.json";
  }

  private static String dataKey(TaskPath task, int attempt) {
    return task.prefix() + "/" + attempt + ".data.json";
  }

  private static String logKey(TaskPath task, int attempt, LogStream stream) {
    return task.prefix() + "/" + attempt + stream.fileSuffix();
  }
}
