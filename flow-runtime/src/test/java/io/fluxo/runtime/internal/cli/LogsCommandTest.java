package io.fluxo.runtime.internal.cli;

import static io.fluxo.runtime.internal.cli.CountingRuns.flow;
import static io.fluxo.runtime.internal.cli.CountingRuns.usageError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.internal.cli.CountingRuns.Result;
import org.junit.jupiter.api.Test;

class LogsCommandTest {
  @Test
  void logs_task_printsItsStdout() {
    Result result = flow("logs", "1/start/1");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("items [1, 2, 3]\n");
  }

  @Test
  void logs_stepWithOneTask_printsItWithoutHeader() {
    assertThat(flow("logs", "1/end").out()).isEqualTo("total 14\n");
  }

  @Test
  void logs_stderrOfFailedStep_printsEachTaskUnderAHeader() {
    Result result = flow("logs", "2/square", "--stderr");

    assertThat(result.code()).isZero();
    // fail-fast may kill the other square tasks before they record an attempt, so only the failed
    // task's header is certain
    assertThat(result.out().lines().filter(l -> l.startsWith("==> ")))
        .isNotEmpty()
        .allMatch(l -> l.matches("==> CountingFlow/2/square/\\d+ \\(attempt 0, stderr\\) <=="));
    assertThat(result.out()).contains("square fails on 2");
  }

  @Test
  void logs_attempt_selectsThatAttempt() {
    assertThat(flow("logs", "1/start/1", "--attempt", "0").out()).contains("items [1, 2, 3]");
  }

  @Test
  void logs_clonedTask_showsTheOriginsLog() {
    assertThat(flow("logs", "3/start").out()).isEqualTo("items [1, 2, 3]\n");
  }

  @Test
  void logs_unknownAttempt_listsAttempts() {
    assertThat(usageError("logs", "1/start", "--attempt", "4"))
        .contains("has no attempt 4; attempts are: 0");
  }

  @Test
  void logs_runWithoutStep_isUsageError() {
    assertThat(usageError("logs", "1")).contains("Cannot show logs of 1: expected RUN/STEP[/TASK]");
  }

  @Test
  void logs_unknownStep_listsSteps() {
    assertThat(usageError("logs", "2/end")).contains("has no step end; steps are: start, square");
  }
}
