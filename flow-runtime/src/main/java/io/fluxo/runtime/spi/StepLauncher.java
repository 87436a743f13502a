package io.fluxo.runtime.spi;

import io.fluxo.runtime.graph.StepNode;
import java.util.List;

/**
 * Starts task attempts somewhere: a local process, a pod. {@code launch} may be called more than
 * once for the same task (one call per attempt); each call starts a fresh attempt. Implementations
 * are thread-safe, store the attempt's stdout and stderr in the datastore before {@link
 * LaunchedTask#exit()} completes, and pass each output line to the {@link TaskOutput} as it comes.
 */
public interface StepLauncher extends AutoCloseable {
  /** Starts {@code launch}; never blocks for the attempt to end. */
  LaunchedTask launch(TaskLaunch launch, TaskOutput output);

  /**
   * Tells the launcher which steps' tasks may be launched soon, a step once per task that may come
   * (the scheduler calls it whenever that changes), so that it can prepare ahead of need: start
   * task processes and warm them up. The default ignores it.
   */
  default void expect(List<StepNode> upcoming) {}

  /**
   * Releases what the launcher holds ahead of need (warm processes); running tasks are not touched.
   */
  @Override
  default void close() {}
}
