package io.fluxo.service;

import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.runtime.spi.rest.Fields;
import io.fluxo.runtime.spi.rest.Requests.Artifact;
import io.fluxo.runtime.spi.rest.Resources.AttemptResource;
import io.fluxo.runtime.spi.rest.Resources.RunResource;
import io.fluxo.runtime.spi.rest.Resources.TaskResource;
import io.fluxo.service.MetadataRepository.RunFilter;
import io.fluxo.service.MetadataRepository.RunKey;
import io.fluxo.service.MetadataRepository.RunTasks;
import io.fluxo.service.MetadataRepository.TaskKey;
import io.fluxo.ui.catalog.RunCatalog;
import io.fluxo.ui.catalog.RunPage;
import io.fluxo.ui.catalog.RunQuery;
import io.fluxo.ui.catalog.TaskView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The UI's catalog over the metadata service's database: each page is a few SQL queries, whatever
 * the number of runs or tasks. A run's status is derived as the service derives it ({@link
 * MetadataRepository}): a running run whose {@code end} step succeeded reads as succeeded, one
 * whose heartbeat is older than the timeout as failed. Runs are ordered as {@link
 * io.fluxo.ui.catalog.StoreRunCatalog} orders them: newest first by start time, then by flow name
 * and run number, both descending. Run ids are run numbers: any other id names no run. Thread-safe.
 */
final class DatabaseRunCatalog implements RunCatalog {
  private final MetadataRepository repository;

  /**
   * A catalog on the metadata in {@code jdbi}'s database; a running run whose heartbeat is older
   * than {@code heartbeatTimeout} on {@code clock} reads as failed.
   */
  DatabaseRunCatalog(Jdbi jdbi, Duration heartbeatTimeout, Clock clock) {
    this(new MetadataRepository(jdbi, heartbeatTimeout, clock));
  }

  /** A catalog reading through {@code repository}. */
  DatabaseRunCatalog(MetadataRepository repository) {
    this.repository = repository;
  }

  @Override
  public List<String> flows() {
    return repository.flowsWithRuns();
  }

  @Override
  public RunPage runs(RunQuery query) {
    RunFilter filter =
        new RunFilter(
            query.status() == null ? null : query.status().name(),
            query.tag() == null ? List.of() : List.of(query.tag()),
            query.user(),
            query.since(),
            query.until());
    List<RunResource> rows =
        repository.runsByStart(query.flow(), filter, query.offset(), query.limit() + 1);
    List<RunRecord> runs = new ArrayList<>(Math.min(rows.size(), query.limit()));
    for (RunResource row : rows.subList(0, Math.min(rows.size(), query.limit()))) {
      runs.add(runRecord(row));
    }
    return new RunPage(runs, rows.size() > query.limit());
  }

  @Override
  public Optional<RunRecord> run(String flow, String runId) {
    return key(flow, runId).flatMap(repository::run).map(DatabaseRunCatalog::runRecord);
  }

  @Override
  public Optional<byte[]> graph(String flow, String runId) {
    return key(flow, runId)
        .flatMap(repository::graph)
        .filter(json -> !json.isEmpty())
        .map(json -> json.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public List<TaskView> tasks(String flow, String runId) {
    return key(flow, runId)
        .flatMap(repository::runTasks)
        .map(DatabaseRunCatalog::taskViews)
        .orElse(List.of());
  }

  @Override
  public Optional<TaskView> task(TaskPath task) {
    return key(task.flow(), task.runId())
        .flatMap(run -> repository.runTask(new TaskKey(run, task.step(), task.taskId())))
        .flatMap(found -> taskViews(found).stream().findFirst());
  }

  /** The run a run id names: none unless it is a run number. */
  private static Optional<RunKey> key(String flow, String runId) {
    if (flow == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new RunKey(flow, Fields.runNumber("run id", runId)));
    } catch (IllegalArgumentException notARunNumber) {
      return Optional.empty();
    }
  }

  private static List<TaskView> taskViews(RunTasks found) {
    RunStatus status = RunStatus.valueOf(found.run().status());
    RunKey run = new RunKey(found.run().flow(), found.run().runNumber());
    List<TaskView> views = new ArrayList<>(found.tasks().size());
    for (TaskResource task : found.tasks()) {
      List<AttemptResource> attempts =
          found.attempts().getOrDefault(new TaskKey(run, task.step(), task.taskId()), List.of());
      TaskRecord record = taskRecord(task);
      List<AttemptRecord> records = new ArrayList<>(attempts.size());
      for (AttemptResource attempt : attempts) {
        records.add(attemptRecord(record.path(), attempt));
      }
      views.add(TaskView.of(record, records, status));
    }
    return views;
  }

  // ---- from the service's resources to the runtime's records, as the service provider maps them

  private static RunRecord runRecord(RunResource run) {
    return new RunRecord(
        run.flow(),
        run.runId(),
        run.user(),
        run.tags(),
        run.systemTags(),
        run.originRunId(),
        RunStatus.valueOf(run.status()),
        run.startedAt(),
        run.endedAt(),
        run.host(),
        run.pid());
  }

  private static TaskRecord taskRecord(TaskResource task) {
    return new TaskRecord(
        new TaskPath(task.flow(), task.runId(), task.step(), task.taskId()),
        task.inputPaths(),
        task.splitIndex(),
        task.originTask(),
        task.createdAt());
  }

  private static AttemptRecord attemptRecord(TaskPath task, AttemptResource attempt) {
    Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
    Map<String, Map<String, String>> details = new LinkedHashMap<>();
    for (Artifact artifact : attempt.artifacts()) {
      artifacts.put(
          artifact.name(), new ArtifactRef(artifact.sha(), artifact.type(), artifact.size()));
      if (!artifact.details().isEmpty()) {
        details.put(artifact.name(), artifact.details());
      }
    }
    return new AttemptRecord(
        task,
        attempt.attempt(),
        attempt.status() == null ? null : AttemptStatus.valueOf(attempt.status()),
        attempt.startedAt(),
        attempt.endedAt(),
        attempt.pid(),
        artifacts,
        attempt.error(),
        details);
  }
}
