package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import java.util.List;
import java.util.function.Predicate;

/**
 * Sends the launches whose step {@code routed} accepts to {@code special} (e.g. pods) and the
 * others to {@code fallback} (local processes), and to each the expectations of its steps. Closing
 * closes both.
 */
public record RoutingStepLauncher(
    Predicate<StepNode> routed, StepLauncher special, StepLauncher fallback)
    implements StepLauncher {
  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    return (routed.test(launch.node()) ? special : fallback).launch(launch, output);
  }

  @Override
  public void expect(List<StepNode> upcoming) {
    special.expect(upcoming.stream().filter(routed).toList());
    fallback.expect(upcoming.stream().filter(routed.negate()).toList());
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
