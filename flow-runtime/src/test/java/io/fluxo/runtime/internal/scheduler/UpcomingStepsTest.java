package io.fluxo.runtime.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.internal.cli.CountingFlowDefinition;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the scheduler tells its launcher to prepare for, on CountingFlow: start, foreach(square),
 * join, end.
 */
class UpcomingStepsTest {
  private final FlowGraph graph = new CountingFlowDefinition().graph();

  private List<String> upcoming(List<String> queued, List<String> running) {
    return LocalScheduler.upcoming(graph, queued, running, 4).stream().map(StepNode::name).toList();
  }

  @Test
  void aForeachStepRunning_expectsItsBodyOncePerWorker_thenTheJoinOnce() {
    assertThat(upcoming(List.of(), List.of("start")))
        .containsExactly("square", "square", "square", "square", "join");
  }

  @Test
  void queuedTasks_countThemselvesUpToTheWorkers_andTheirSuccessorsTwoStepsAhead() {
    List<String> queued = Collections.nCopies(6, "square");

    assertThat(upcoming(queued, List.of("square", "square")))
        .containsExactly("square", "square", "square", "square", "join", "end");
  }

  @Test
  void aRunThatIsEnding_expectsNothingMore() {
    assertThat(upcoming(List.of(), List.of("join"))).containsExactly("end");
    assertThat(upcoming(List.of(), List.of("end"))).isEmpty();
  }
}
