package io.fluxo.runtime.launcher;

import java.util.function.Predicate;

/**
 * Sends the launches {@code routed} accepts to {@code special} (e.g. pods) and the others to
 * {@code fallback} (local processes). Closing closes both.
 */
public record RoutingStepLauncher(Predicate<TaskLaunch> routed, StepLauncher special, StepLauncher fallback) implements StepLauncher {
  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    return (routed.test(launch) ? special : fallback).launch(launch, output);
  }

  @Override
  public void close() {
    try {
      special.close();
    } finally {
      fallback.close();
    }
  }
}
