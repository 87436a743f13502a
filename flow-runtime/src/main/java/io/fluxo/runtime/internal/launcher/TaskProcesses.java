package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.spi.TaskLaunch;
import java.util.List;

/**
 * The processes in which {@link SubprocessStepLauncher} runs attempts, one attempt per process, and
 * what makes them start fast: which JVM options they get, whether they map a class-data archive,
 * whether they are started ahead of need and handed their task later. The launcher only reads a
 * process's output and waits for it to end, so an implementation may run the attempt anywhere that
 * a {@link Process} can stand for. Thread-safe.
 */
public interface TaskProcesses extends AutoCloseable {
  /**
   * A process running the attempt {@code launch}, already handed {@code request} (the task and the
   * run's settings, which must not appear on a command line).
   *
   * @throws io.fluxo.runtime.error.PlatformException if no process can be started or handed the
   *     request
   */
  Process start(TaskLaunch launch, Record request);

  /**
   * Prepares for the attempts of {@code upcoming}, a step once per task that may come (see {@link
   * io.fluxo.runtime.spi.StepLauncher#expect}).
   */
  void expect(List<StepNode> upcoming);

  /** Stops what was prepared ahead of need; processes already started are not touched. */
  @Override
  void close();
}
