package io.fluxo.runtime.spi;

import io.fluxo.runtime.graph.StepNode;
import java.time.Duration;
import java.util.List;

/**
 * Starts task attempts somewhere: a local process, a pod. {@code launch} may be called more than
 * once for the same task (one call per attempt); each call starts a fresh attempt. Implementations
 * are thread-safe, pass each output line to the {@link TaskOutput} as it comes, and store the
 * attempt's stdout and stderr in the datastore: while it runs, as captured so far, every {@link
 * #LIVE_LOG_INTERVAL} when they grew (a store that fails is left to the next one), so that they can
 * be read as they grow; then whole, before {@link LaunchedTask#exit()} completes, a store that no
 * earlier one may overwrite.
 */
public interface StepLauncher extends AutoCloseable {
  /** How often the logs of a running attempt are stored, as captured so far, when they grew. */
  Duration LIVE_LOG_INTERVAL = Duration.ofSeconds(2);

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
