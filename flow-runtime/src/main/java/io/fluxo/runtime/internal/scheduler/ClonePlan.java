package io.fluxo.runtime.internal.scheduler;

import io.fluxo.runtime.spi.TaskPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a resumed run may reuse from its origin: the origin's usable tasks, keyed by step and
 * foreach indices, except those of steps to run again.
 *
 * @param originRunId the run being resumed
 * @param reusable origin task per (step, foreach indices)
 * @param rerunSteps steps that run again even where the origin has a usable task
 */
public record ClonePlan(String originRunId, Map<Key, TaskPath> reusable, Set<String> rerunSteps) {
  /** A task's identity across runs: its step and its foreach indices, outermost first. */
  public record Key(String step, List<Integer> foreachIndices) {}

  /** A plan that clones nothing (a fresh run). */
  public static final ClonePlan NONE = new ClonePlan(null, Map.of(), Set.of());

  /** Copies the collections. */
  public ClonePlan {
    reusable = Map.copyOf(reusable);
    rerunSteps = Set.copyOf(rerunSteps);
  }

  /** The origin task to clone for this task, if any. */
  public Optional<TaskPath> originFor(String step, List<Integer> foreachIndices) {
    if (rerunSteps.contains(step)) {
      return Optional.empty();
    }
    return Optional.ofNullable(reusable.get(new Key(step, foreachIndices)));
  }
}
