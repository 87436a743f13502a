package io.fluxo.runtime.launcher;

/**
 * Starts task attempts somewhere: a local process, a pod. {@code launch} may be called more than
 * once for the same task (one call per attempt); each call starts a fresh attempt. Implementations
 * are thread-safe, store the attempt's stdout and stderr in the datastore before {@link
 * LaunchedTask#exit()} completes, and pass each output line to the {@link TaskOutput} as it comes.
 */
public interface StepLauncher extends AutoCloseable {
  /** Starts {@code launch}; never blocks for the attempt to end. */
  LaunchedTask launch(TaskLaunch launch, TaskOutput output);

  /** Releases what the launcher holds ahead of need (warm processes); running tasks are not touched. */
  @Override
  default void close() {}
}
