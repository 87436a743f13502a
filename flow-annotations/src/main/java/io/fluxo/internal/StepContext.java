package io.fluxo.internal;

import io.fluxo.Current;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import java.util.List;

/**
 * What a running task gives the flow object behind {@link FlowSpec}'s methods. Not API: the runtime
 * implements it and installs it with {@link StepContexts#install} before it constructs the flow.
 * All calls come from the task's single step thread.
 */
public interface StepContext {
  /** Where the task is. */
  Current current();

  /** Records {@code next(...)}: one step for a linear transition, several for a branch. */
  void next(List<String> steps);

  /** Records {@code foreach(items, step)}. */
  void foreach(List<?> items, String step);

  /** The current foreach item; fails outside a foreach. */
  Object input();

  /** The current foreach index; fails outside a foreach. */
  int index();

  /** Sets on {@code flow} every artifact that all inputs agree on, skipping {@code exclude}. */
  void mergeArtifacts(FlowSpec flow, Inputs<?> inputs, List<String> exclude);
}
