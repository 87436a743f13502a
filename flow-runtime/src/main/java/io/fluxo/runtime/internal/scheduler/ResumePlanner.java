package io.fluxo.runtime.internal.scheduler;

import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what a resume reuses: every usable task of the origin run, except those at or downstream
 * of the resume step (given, or else every step of the origin with a task that did not finish
 * usably). Foreach tasks are matched by their foreach indices.
 */
public final class ResumePlanner {
  private final FlowGraph graph;
  private final TaskStore tasks;
  private final MetadataStore metadata;

  /** A planner over these stores. */
  public ResumePlanner(FlowGraph graph, TaskStore tasks, MetadataStore metadata) {
    this.graph = graph;
    this.tasks = tasks;
    this.metadata = metadata;
  }

  /**
   * Plans the resume of {@code originRunId} from {@code step} (or from its failed steps).
   *
   * @throws UsageException if the run or step does not exist, or there is nothing to resume
   */
  public ClonePlan plan(String originRunId, Optional<String> step) {
    if (metadata.run(graph.name(), originRunId).isEmpty()) {
      throw new UsageException(
          "Cannot resume: flow %s has no run %s; list runs with 'flow runs'",
          graph.name(), originRunId);
    }
    if (tasks.usableData(RunExecution.parametersTask(graph.name(), originRunId)).isEmpty()) {
      throw new UsageException(
          "Cannot resume run %s: it was stopped before its parameters were stored, so none of its"
              + " tasks ran; start a new run instead",
          originRunId);
    }
    step.ifPresent(
        s -> {
          if (graph.step(s).isEmpty()) {
            throw new UsageException(
                "Cannot resume from step %s: no such step; steps are: %s",
                s, String.join(", ", graph.stepNames()));
          }
        });
    Map<ClonePlan.Key, TaskPath> reusable = new HashMap<>();
    Set<String> failedSteps = new LinkedHashSet<>();
    for (TaskRecord record : metadata.tasks(graph.name(), originRunId)) {
      TaskPath task = record.path();
      if (task.step().equals(RunExecution.PARAMETERS_STEP)) {
        continue;
      }
      Optional<TaskData> data = tasks.usableData(task);
      if (data.isPresent()) {
        reusable.put(new ClonePlan.Key(task.step(), data.get().foreachIndices()), task);
      } else {
        failedSteps.add(task.step());
      }
    }
    Set<String> roots = step.map(Set::of).orElse(failedSteps);
    boolean ended = reusable.keySet().stream().anyMatch(key -> key.step().equals("end"));
    if (roots.isEmpty() && ended) {
      throw new UsageException(
          "Cannot resume run %s: it finished successfully; name the step to resume from, e.g. 'resume end --origin-run-id %s'",
          originRunId, originRunId);
    }
    // with no failed step (the run was killed between tasks), every finished task is reused and
    // the steps that never started run
    return new ClonePlan(originRunId, reusable, downstream(roots));
  }

  /** {@code roots} and every step after them, in the graph's order. */
  private Set<String> downstream(Set<String> roots) {
    Set<String> seen = new LinkedHashSet<>(roots);
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      StepNode node = graph.requireStep(todo.poll());
      for (String next : node.next()) {
        if (seen.add(next)) {
          todo.add(next);
        }
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    graph.stepNames().stream().filter(seen::contains).forEach(ordered::add);
    return ordered;
  }
}
