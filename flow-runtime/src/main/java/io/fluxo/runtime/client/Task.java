package io.fluxo.runtime.client;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One task of a step, like {@code metaflow.Task}. Its status, attempts and artifacts are read from
 * the datastore on each call. Artifacts are those of its usable attempt: the last one that
 * succeeded or was caught by {@code @Catch}.
 */
public final class Task {
  private final ClientStores stores;
  private final RunRecord run;
  private final TaskRecord record;

  Task(ClientStores stores, RunRecord run, TaskRecord record) {
    this.stores = stores;
    this.run = run;
    this.record = record;
  }

  /** {@code Flow/run/step/task}. */
  public String pathspec() {
    return path().pathspec();
  }

  /** The task id, unique within the run. */
  public String id() {
    return path().taskId();
  }

  /** The step's name. */
  public String stepName() {
    return path().step();
  }

  /** The run id. */
  public String runId() {
    return path().runId();
  }

  /** The status of the latest attempt; without attempts, running or unfinished as the run is. */
  public TaskStatus status() {
    List<Attempt> attempts = attempts();
    return attempts.isEmpty() ? notFinished() : attempts.get(attempts.size() - 1).status();
  }

  /** Whether the latest attempt has ended, successfully or not. */
  public boolean finished() {
    return status().finished();
  }

  /** Whether the latest attempt succeeded or was caught by {@code @Catch}. */
  public boolean successful() {
    return status().successful();
  }

  /** The attempts that started, in order. */
  public List<Attempt> attempts() {
    Map<Integer, Attempt> byNumber = new TreeMap<>();
    for (AttemptRecord started : stores.metadata().attempts(path())) {
      byNumber.put(
          started.attempt(),
          new Attempt(started.attempt(), notFinished(), started.startedAt(), null, null));
    }
    for (AttemptResult done : stores.tasks().results(path())) {
      byNumber.put(
          done.attempt(),
          new Attempt(
              done.attempt(),
              TaskStatus.of(done.status()),
              done.startedAt(),
              done.endedAt(),
              done.error()));
    }
    return List.copyOf(byNumber.values());
  }

  /** When the first attempt started; empty if none has. */
  public Optional<Instant> startedAt() {
    return attempts().stream().findFirst().map(Attempt::startedAt);
  }

  /** When the latest attempt ended; empty if it has not. */
  public Optional<Instant> endedAt() {
    List<Attempt> attempts = attempts();
    return attempts.isEmpty() ? Optional.empty() : attempts.get(attempts.size() - 1).ended();
  }

  /** The artifacts of the usable attempt, in stored order; empty if there is none. */
  public List<DataArtifact> artifacts() {
    List<DataArtifact> artifacts = new ArrayList<>();
    usableData()
        .ifPresent(
            data ->
                data.artifacts()
                    .forEach(
                        (name, ref) ->
                            artifacts.add(new DataArtifact(stores, pathspec(), name, ref))));
    return List.copyOf(artifacts);
  }

  /** The names of {@link #artifacts()}. */
  public List<String> artifactNames() {
    return artifacts().stream().map(DataArtifact::name).toList();
  }

  /**
   * Reads the value of artifact {@code name}.
   *
   * @throws NoSuchElementException if the task has no such artifact, listing those it has
   * @throws io.fluxo.runtime.error.PlatformException if the blob is missing or corrupted
   */
  public Object artifact(String name) {
    return find(name).value();
  }

  /**
   * Reads the value of artifact {@code name} as a {@code type}; a primitive type stands for its
   * wrapper, so {@code artifact("count", int.class)} works.
   *
   * @throws NoSuchElementException if the task has no such artifact, listing those it has
   * @throws IllegalArgumentException if the value is not a {@code type}, naming its actual type
   * @throws io.fluxo.runtime.error.PlatformException if the blob is missing or corrupted
   */
  public <T> T artifact(String name, Class<T> type) {
    return find(name).value(type);
  }

  /**
   * Reads the value of artifact {@code name} as a field declared {@code declared} reads it ({@link
   * DataArtifact#value(Type)}): a Dataset artifact read as {@code Dataset<Flight>} comes back
   * typed.
   *
   * @throws NoSuchElementException if the task has no such artifact, listing those it has
   * @throws IllegalArgumentException if the value does not fit {@code declared}, naming its type
   * @throws io.fluxo.runtime.error.PlatformException if the blob is missing or corrupted
   */
  public Object artifact(String name, Type declared) {
    return find(name).value(declared);
  }

  /**
   * The standard output of the latest attempt, as {@link #log} reads it: while the attempt runs, as
   * stored so far; empty if none has been stored yet.
   */
  public String stdout() {
    return latestLog(LogStream.STDOUT);
  }

  /**
   * The standard error of the latest attempt, as {@link #log} reads it: while the attempt runs, as
   * stored so far; empty if none has been stored yet.
   */
  public String stderr() {
    return latestLog(LogStream.STDERR);
  }

  /**
   * A stored log of attempt {@code attempt}. While the attempt runs, it is the output captured so
   * far, stored every {@link io.fluxo.runtime.spi.StepLauncher#LIVE_LOG_INTERVAL} when it grew, so
   * up to that much behind, and each call may return more; once the attempt has ended, the whole
   * log. Empty until the attempt's first output is stored. A task cloned by resume shows its
   * origin's log.
   *
   * @throws NoSuchElementException if the task has no such attempt, listing those it has
   */
  public Optional<String> log(LogStream stream, int attempt) {
    List<Attempt> attempts = attempts();
    if (attempts.stream().noneMatch(a -> a.number() == attempt)) {
      throw new NoSuchElementException(
          "task "
              + pathspec()
              + " has no attempt "
              + attempt
              + "; attempts are: "
              + Names.listed(attempts.stream().map(a -> Integer.toString(a.number())).toList()));
    }
    Optional<InputStream> stored = stores.tasks().openLog(path(), attempt, stream);
    if (stored.isPresent()) {
      return Optional.of(read(stored.get(), stores.tasks().describeLog(path(), attempt, stream)));
    }
    return originTask()
        .flatMap(
            origin ->
                stores
                    .tasks()
                    .usableResult(origin.path())
                    .flatMap(result -> origin.log(stream, result.attempt())));
  }

  /** For a task that resume cloned from an earlier run, that run's task. */
  public Optional<Task> originTask() {
    if (record.originTask() == null) {
      return Optional.empty();
    }
    String[] parts = record.originTask().split("/", 2);
    TaskPath origin = TaskPath.parse(parts[0], parts[1]);
    RunRecord originRun =
        stores
            .metadata()
            .run(origin.flow(), origin.runId())
            .orElseThrow(
                () ->
                    new NoSuchElementException(
                        "origin run "
                            + origin.flow()
                            + "/"
                            + origin.runId()
                            + " of task "
                            + pathspec()
                            + " no longer exists"));
    return Optional.of(new Run(stores, originRun).step(origin.step()).task(origin.taskId()));
  }

  /** {@code Task(Flow/run/step/task)}. */
  @Override
  public String toString() {
    return "Task(" + pathspec() + ")";
  }

  TaskPath path() {
    return record.path();
  }

  private DataArtifact find(String name) {
    List<DataArtifact> artifacts = artifacts();
    return artifacts.stream()
        .filter(a -> a.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    artifacts.isEmpty() && !successful()
                        ? "task " + pathspec() + " has no artifacts: it is " + status()
                        : "task "
                            + pathspec()
                            + " has no artifact "
                            + name
                            + "; artifacts are: "
                            + Names.listed(artifacts.stream().map(DataArtifact::name).toList())));
  }

  private Optional<TaskData> usableData() {
    return stores.tasks().usableData(path());
  }

  private TaskStatus notFinished() {
    return run.status() == RunStatus.RUNNING ? TaskStatus.RUNNING : TaskStatus.UNFINISHED;
  }

  private String latestLog(LogStream stream) {
    List<Attempt> attempts = attempts();
    return attempts.isEmpty()
        ? ""
        : log(stream, attempts.get(attempts.size() - 1).number()).orElse("");
  }

  private static String read(InputStream in, String where) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot read log %s: %s", where, e.getMessage());
    }
  }
}
