package io.fluxo;

import io.fluxo.internal.StepContext;
import io.fluxo.internal.StepContexts;
import io.fluxo.internal.StepRefs;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Base class of every flow. Step methods call {@link #next}, {@link #foreach} and, in a join,
 * {@link #mergeArtifacts}; foreach steps read {@link #input()} and {@link #index()}. These methods
 * only work inside a task started by the Fluxo runtime.
 */
public abstract class FlowSpec {
  private final transient StepContext context = StepContexts.installed();

  /** Creates the flow; the runtime does this once per task. */
  protected FlowSpec() {}

  /**
   * Goes on to one step ({@code next(this::train)}) or, as a static branch, to several steps that
   * run in parallel and meet again in a join ({@code next(this::a, this::b)}).
   */
  protected final void next(StepRef step, StepRef... more) {
    List<String> names = new ArrayList<>(1 + more.length);
    names.add(stepName(step));
    for (StepRef s : more) {
      names.add(stepName(s));
    }
    context().next(names);
  }

  /** Goes on to a join step ({@code next(this::join)}). */
  protected final <F extends FlowSpec> void next(JoinRef<F> join) {
    context().next(List.of(stepName(join)));
  }

  /**
   * Runs {@code step} once per item, in parallel; each task sees its item as {@link #input()}. The
   * items are stored as artifacts, so they must be serializable; there must be at least one.
   */
  protected final void foreach(Collection<?> items, StepRef step) {
    context().foreach(List.copyOf(items), stepName(step));
  }

  /**
   * Runs {@code step} once per item, in parallel, passing each task its item as the step's
   * argument: {@code foreach(numbers, this::square)} with {@code @Step public void square(int n)}.
   * javac checks that the items fit the argument's type. The items are stored as artifacts, so they
   * must be serializable; there must be at least one.
   */
  protected final <T> void foreach(Collection<? extends T> items, ItemRef<T> step) {
    context().foreach(List.copyOf(items), stepName(step));
  }

  /** The item of this foreach task, cast to what the caller expects; see also {@link ItemRef}. */
  @SuppressWarnings("unchecked")
  protected final <T> T input() {
    return (T) context().input();
  }

  /** The index (0-based) of this foreach task's item. */
  protected final int index() {
    return context().index();
  }

  /**
   * In a join, sets every artifact that is not assigned yet and has the same value in all inputs;
   * fails on an artifact whose inputs disagree unless it is in {@code exclude}.
   */
  protected final void mergeArtifacts(Inputs<?> inputs, String... exclude) {
    context().mergeArtifacts(this, inputs, Arrays.asList(exclude));
  }

  /** Where this task is: flow, run, step, task, retry count. */
  protected final Current current() {
    return context().current();
  }

  private StepContext context() {
    if (context == null) {
      throw new IllegalStateException(
          "Cannot use " + getClass().getSimpleName() + " outside a task: run it with 'flow run'");
    }
    return context;
  }

  private static String stepName(Serializable methodReference) {
    return StepRefs.name(methodReference);
  }
}
