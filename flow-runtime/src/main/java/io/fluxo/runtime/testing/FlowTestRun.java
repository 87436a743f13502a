package io.fluxo.runtime.testing;

import io.fluxo.FlowSpec;
import io.fluxo.runtime.client.DataArtifact;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A finished run made by {@link FlowTestRunner}: whether it succeeded, which task failed and why,
 * and each task's artifacts as a flow object. Values are read from the run's datastore when asked
 * for, so each call returns new objects.
 *
 * @param <F> the flow class
 */
public final class FlowTestRun<F extends FlowSpec> {
  private final FlowDefinition<F> definition;
  private final Path datastore;
  private final TaskStore tasks;
  private final RunRecord run;
  private final TaskFailure failure;

  FlowTestRun(
      FlowDefinition<F> definition,
      Path datastore,
      TaskStore tasks,
      RunRecord run,
      TaskFailure failure) {
    this.definition = definition;
    this.datastore = datastore;
    this.tasks = tasks;
    this.run = run;
    this.failure = failure;
  }

  /** Whether the run succeeded: every task did, or {@code @Catch} caught its failure. */
  public boolean succeeded() {
    return run.status() == RunStatus.SUCCEEDED;
  }

  /** The task that failed for good, and its error; empty if the run succeeded. */
  public Optional<TaskFailure> failure() {
    return Optional.ofNullable(failure);
  }

  /**
   * A new flow object whose artifact fields hold the artifacts of {@code step}'s only task, as the
   * task left them (a field the task has no artifact for keeps its initial value).
   *
   * @throws NoSuchElementException if the run has no task of {@code step}, listing those it has, or
   *     several (a foreach body: see {@link #tasks(String)})
   * @throws IllegalStateException if the task did not succeed
   */
  public F step(String step) {
    return flowObject(clientRun().step(step).task());
  }

  /**
   * A flow object per task of {@code step}, as {@link #step(String)} makes it, in foreach order:
   * the tasks of a foreach body by their item's index (outer foreach first), a step that is not in
   * a foreach as its one task.
   *
   * @throws NoSuchElementException if the run has no task of {@code step}, listing those it has
   * @throws IllegalStateException if one of the tasks did not succeed
   */
  public List<F> tasks(String step) {
    return clientRun().step(step).tasks().stream()
        .map(
            task ->
                new Indexed(
                    task,
                    tasks.usableData(path(task)).map(TaskData::foreachIndices).orElse(List.of())))
        .sorted(Comparator.comparing(Indexed::indices, FlowTestRun::compareIndices))
        .map(indexed -> flowObject(indexed.task()))
        .toList();
  }

  /** The run as the client API reads it, for statuses, attempts, logs and artifact metadata. */
  public Run clientRun() {
    return FlowRuns.of(run.flow(), datastore).run(run.runId());
  }

  /** The local datastore folder the run wrote, with its metadata. */
  public Path datastore() {
    return datastore;
  }

  /** {@code FlowTestRun(Flow/run, status)}. */
  @Override
  public String toString() {
    return "FlowTestRun(" + run.flow() + "/" + run.runId() + ", " + run.status() + ")";
  }

  private F flowObject(Task task) {
    if (!task.successful()) {
      throw new IllegalStateException(
          "Cannot read the artifacts of task "
              + task.pathspec()
              + ": it is "
              + task.status()
              + (failure == null ? "" : "; the run failed: " + failure));
    }
    Set<String> fields =
        definition.graph().artifacts().stream().map(ArtifactSpec::name).collect(Collectors.toSet());
    F flow = definition.newInstance();
    for (DataArtifact artifact : task.artifacts()) {
      if (fields.contains(artifact.name())) {
        definition.setArtifact(flow, artifact.name(), artifact.value());
      }
    }
    return flow;
  }

  private TaskPath path(Task task) {
    return new TaskPath(run.flow(), task.runId(), task.stepName(), task.id());
  }

  private static int compareIndices(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int compared = Integer.compare(a.get(i), b.get(i));
      if (compared != 0) {
        return compared;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private record Indexed(Task task, List<Integer> indices) {}
}
