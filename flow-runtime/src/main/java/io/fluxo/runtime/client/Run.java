package io.fluxo.runtime.client;

import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.scheduler.RunExecution;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * One run of a flow, like {@code metaflow.Run}: a snapshot of its record (status, tags, times)
 * taken when this object was made. Its steps and tasks are read when asked for.
 */
public final class Run {

  private final ClientStores stores;
  private final RunRecord record;

  Run(ClientStores stores, RunRecord record) {
    this.stores = stores;
    this.record = record;
  }

  /** The flow's name. */
  public String flowName() {
    return record.flow();
  }

  /** The run id, unique within the flow. */
  public String id() {
    return record.runId();
  }

  /** {@code Flow/run}. */
  public String pathspec() {
    return flowName() + "/" + id();
  }

  /** Running, succeeded or failed. A run whose process died on this host reads as failed. */
  public RunStatus status() {
    return record.status();
  }

  /** Whether the run has ended, successfully or not. */
  public boolean finished() {
    return status() != RunStatus.RUNNING;
  }

  /** Whether the run ended successfully. */
  public boolean successful() {
    return status() == RunStatus.SUCCEEDED;
  }

  /** The user tags, in the order they were added. */
  public List<String> tags() {
    return record.tags();
  }

  /** The tags Fluxo set ({@code user:...}, {@code runtime:...}); they cannot be removed. */
  public List<String> systemTags() {
    return record.systemTags();
  }

  /** Who started the run. */
  public String user() {
    return record.user();
  }

  /** When the run started. */
  public Instant startedAt() {
    return record.startedAt();
  }

  /** When the run ended; empty while it runs, or if its process died. */
  public Optional<Instant> endedAt() {
    return Optional.ofNullable(record.endedAt());
  }

  /** How long the run took; empty while it runs, or if its process died. */
  public Optional<Duration> duration() {
    return endedAt().map(end -> Duration.between(startedAt(), end));
  }

  /** For a resumed run, the id of the run it resumed. */
  public Optional<String> originRunId() {
    return Optional.ofNullable(record.originRunId());
  }

  /** The steps that have tasks, in the order their first task started. */
  public List<RunStep> steps() {
    Map<String, List<TaskRecord>> byStep = new LinkedHashMap<>();
    for (TaskRecord task : stores.metadata().tasks(flowName(), id())) {
      if (!task.path().step().equals(RunExecution.PARAMETERS_STEP)) {
        byStep.computeIfAbsent(task.path().step(), s -> new ArrayList<>()).add(task);
      }
    }
    List<RunStep> steps = new ArrayList<>();
    byStep.forEach((name, tasks) -> steps.add(new RunStep(stores, record, name, tasks)));
    return List.copyOf(steps);
  }

  /**
   * The step named {@code name}.
   *
   * @throws NoSuchElementException if the run has no task of that step, listing the steps it has
   */
  public RunStep step(String name) {
    List<RunStep> steps = steps();
    return steps.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "run "
                        + pathspec()
                        + " has no step "
                        + name
                        + "; steps are: "
                        + Names.listed(steps.stream().map(RunStep::name).toList())));
  }

  /**
   * The parameter values the run used, by field name, in declaration order. Values are read now.
   *
   * @throws io.fluxo.runtime.error.PlatformException if a value's blob is missing or corrupted
   */
  public Map<String, Object> parameters() {
    Map<String, Object> values = new LinkedHashMap<>();
    parameterRefs().forEach((name, ref) -> values.put(name, stores.value(ref)));
    return Collections.unmodifiableMap(values);
  }

  /**
   * The value of parameter {@code name} (its field name) that the run used.
   *
   * @throws NoSuchElementException if the run has no such parameter, listing those it has
   * @throws io.fluxo.runtime.error.PlatformException if the value's blob is missing or corrupted
   */
  public Object parameter(String name) {
    Map<String, ArtifactRef> refs = parameterRefs();
    if (!refs.containsKey(name)) {
      throw new NoSuchElementException(
          "run "
              + pathspec()
              + " has no parameter "
              + name
              + "; parameters are: "
              + Names.listed(refs.keySet()));
    }
    return stores.value(refs.get(name));
  }

  /**
   * The value of artifact {@code name} at the end of the run: in the task of the {@code end} step,
   * as Metaflow's {@code run.data}.
   *
   * @throws NoSuchElementException if the run has no end task or the task has no such artifact
   */
  public Object data(String name) {
    return endTask().artifact(name);
  }

  /**
   * The task of the {@code end} step.
   *
   * @throws NoSuchElementException if the run did not reach it, listing the steps it has
   */
  public Task endTask() {
    return step("end").task();
  }

  /**
   * Adds user tags to the run's metadata and returns the updated run; tags it has already are kept
   * once. Concurrent tag changes to one run are applied one after the other.
   *
   * @throws IllegalArgumentException if a tag is blank, longer than 256 characters or holds a
   *     control character
   * @throws IllegalStateException if the run is still running (its process would overwrite them)
   */
  public Run addTags(String... tags) {
    for (String tag : tags) {
      RunRecord.checkTag(tag);
    }
    return retag(tags, true);
  }

  /**
   * Removes user tags from the run's metadata and returns the updated run; tags it does not have
   * are ignored. Concurrent tag changes to one run are applied one after the other.
   *
   * @throws IllegalArgumentException if a tag is a system tag
   * @throws IllegalStateException if the run is still running (its process would overwrite them)
   */
  public Run removeTags(String... tags) {
    for (String tag : tags) {
      if (systemTags().contains(tag) && !tags().contains(tag)) {
        throw new IllegalArgumentException(
            "Cannot remove tag "
                + tag
                + " from run "
                + pathspec()
                + ": it is a system tag; user tags are: "
                + Names.listed(tags()));
      }
    }
    return retag(tags, false);
  }

  /** {@code Run(Flow/id)}. */
  @Override
  public String toString() {
    return "Run(" + pathspec() + ")";
  }

  /** User and system tags together. */
  Set<String> allTags() {
    Set<String> all = new LinkedHashSet<>(tags());
    all.addAll(systemTags());
    return all;
  }

  private Map<String, ArtifactRef> parameterRefs() {
    TaskPath task = new TaskPath(flowName(), id(), RunExecution.PARAMETERS_STEP, "0");
    return stores.tasks().usableData(task).map(TaskData::artifacts).orElse(Map.of());
  }

  private Run retag(String[] tags, boolean add) {
    RunRecord changed =
        stores
            .metadata()
            .changeRun(
                flowName(),
                id(),
                current -> {
                  if (current.status() == RunStatus.RUNNING) {
                    throw new IllegalStateException(
                        "Cannot change the tags of run "
                            + pathspec()
                            + ": it is still running; tag it when it has ended");
                  }
                  Set<String> updated = new LinkedHashSet<>(current.tags());
                  for (String tag : tags) {
                    if (add) {
                      updated.add(tag);
                    } else {
                      updated.remove(tag);
                    }
                  }
                  return current.withTags(List.copyOf(updated));
                });
    return new Run(stores, changed);
  }
}
