package io.fluxo.runtime.internal.task;

import io.fluxo.Current;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.internal.StepContext;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.ForeachFrame;
import java.util.List;

/** The task's side of {@link FlowSpec}'s methods: records the transition, serves foreach items. */
final class TaskStepContext implements StepContext {
  /** A transition the step called, before its items are stored. */
  record Called(TransitionKind kind, List<String> next, List<?> items) {}

  private final Current current;
  private final List<ForeachFrame> foreachStack;
  private final ContentStore blobs;
  private TaskArtifacts artifacts;
  private Called called;
  private boolean itemLoaded;
  private Object item;

  TaskStepContext(Current current, List<ForeachFrame> foreachStack, ContentStore blobs) {
    this.current = current;
    this.foreachStack = foreachStack;
    this.blobs = blobs;
  }

  void bind(TaskArtifacts taskArtifacts) {
    this.artifacts = taskArtifacts;
  }

  Called called() {
    return called;
  }

  @Override
  public Current current() {
    return current;
  }

  @Override
  public void next(List<String> steps) {
    record(
        new Called(
            steps.size() == 1 ? TransitionKind.LINEAR : TransitionKind.BRANCH, steps, List.of()));
  }

  @Override
  public void foreach(List<?> items, String step) {
    record(new Called(TransitionKind.FOREACH, List.of(step), items));
  }

  @Override
  public Object input() {
    ForeachFrame top = top("input()");
    if (!itemLoaded) {
      item = blobs.get(top.item());
      itemLoaded = true;
    }
    return item;
  }

  @Override
  public int index() {
    return top("index()").index();
  }

  @Override
  public void mergeArtifacts(FlowSpec flow, Inputs<?> inputs, List<String> exclude) {
    if (!(inputs instanceof StepInputs stepInputs)) {
      throw new IllegalArgumentException(
          "mergeArtifacts needs the Inputs that the join step received");
    }
    artifacts.merge(stepInputs, exclude);
  }

  private void record(Called transition) {
    if (called != null) {
      throw new IllegalStateException(
          "Step "
              + current.stepName()
              + " called a second transition ("
              + transition.next()
              + " after "
              + called.next()
              + "); a step takes exactly one transition, as its last statement");
    }
    called = transition;
  }

  private ForeachFrame top(String method) {
    if (foreachStack.isEmpty()) {
      throw new IllegalStateException(
          method
              + " is only available in a step inside a foreach; step "
              + current.stepName()
              + " is not");
    }
    return foreachStack.get(foreachStack.size() - 1);
  }
}
