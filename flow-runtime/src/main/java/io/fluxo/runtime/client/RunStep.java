package io.fluxo.runtime.client;

import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.TaskRecord;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One step of a run, like {@code metaflow.Step}: the tasks that ran it, as registered when this
 * object was made. A foreach body has one task per item; other steps have one task.
 */
public final class RunStep {
  private final ClientStores stores;
  private final RunRecord run;
  private final String name;
  private final List<TaskRecord> tasks;

  RunStep(ClientStores stores, RunRecord run, String name, List<TaskRecord> tasks) {
    this.stores = stores;
    this.run = run;
    this.name = name;
    this.tasks =
        tasks.stream()
            .sorted(
                Comparator.comparing((TaskRecord t) -> numeric(t.path().taskId()))
                    .thenComparing(t -> t.path().taskId()))
            .toList();
  }

  /** The step's name. */
  public String name() {
    return name;
  }

  /** The run id. */
  public String runId() {
    return run.runId();
  }

  /** {@code Flow/run/step}. */
  public String pathspec() {
    return run.flow() + "/" + run.runId() + "/" + name;
  }

  /** The step's tasks, by task id. */
  public List<Task> tasks() {
    return tasks.stream().map(t -> new Task(stores, run, t)).toList();
  }

  /**
   * The step's only task.
   *
   * @throws NoSuchElementException if the step has several tasks (a foreach body), naming them
   */
  public Task task() {
    if (tasks.size() != 1) {
      throw new NoSuchElementException(
          "step "
              + pathspec()
              + " has "
              + tasks.size()
              + " tasks, not one; name one with task(id): "
              + Names.listed(taskIds()));
    }
    return tasks().get(0);
  }

  /**
   * The task with id {@code id}.
   *
   * @throws NoSuchElementException if the step has none, listing its task ids
   */
  public Task task(String id) {
    return tasks.stream()
        .filter(t -> t.path().taskId().equals(id))
        .findFirst()
        .map(t -> new Task(stores, run, t))
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "step "
                        + pathspec()
                        + " has no task "
                        + id
                        + "; tasks are: "
                        + Names.listed(taskIds())));
  }

  /** {@code RunStep(Flow/run/step)}. */
  @Override
  public String toString() {
    return "RunStep(" + pathspec() + ")";
  }

  private List<String> taskIds() {
    return tasks.stream().map(t -> t.path().taskId()).toList();
  }

  private static long numeric(String id) {
    return id.matches("\\d{1,18}") ? Long.parseLong(id) : Long.MAX_VALUE;
  }
}
