package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fluxo.runtime.client.Attempt;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.client.TaskStatus;
import io.fluxo.runtime.internal.task.StepFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @Retry}, {@code @Catch}, {@code @Timeout} and {@code @Environment} at run time. */
class DecoratorsIT {
  /** The behaviour flows' {@code @Timeout}. */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path workDir;

  @Test
  void retry_runsTheFailedStepAgainUntilItSucceeds() throws Exception {
    FlowJar flow = FlowJar.of("RetryFlow", workDir);

    CommandResult result = flow.runOk("run");

    String runId = result.requireRunId();
    assertThat(result.stdout())
        .contains("Service unavailable on the first attempt")
        .contains("Task failed; retrying now.")
        .contains("[" + runId + "/flaky/2 ", "Task is starting (retry 1).");
    Task flaky = flow.stored(runId).step("flaky").task();
    assertThat(flaky.attempts())
        .extracting(Attempt::number, Attempt::status)
        .containsExactly(tuple(0, TaskStatus.FAILED), tuple(1, TaskStatus.SUCCEEDED));
    assertThat(flow.endArtifacts(runId)).containsEntry("succeededOnRetry", 1);
  }

  @Test
  void catch_storesTheFailureAndGoesOn() throws Exception {
    FlowJar flow = FlowJar.of("CatchFlow", workDir);

    CommandResult result = flow.runOk("run");

    String runId = result.requireRunId();
    assertThat(result.stdout()).contains("divide failed; see artifact failure");
    assertThat(flow.stored(runId).step("divide").task().status()).isEqualTo(TaskStatus.CAUGHT);
    Map<String, Object> end = flow.endArtifacts(runId);
    assertThat(end.get("failure"))
        .isInstanceOfSatisfying(
            StepFailure.class,
            failure -> {
              assertThat(failure.type()).isEqualTo(ArithmeticException.class.getName());
              assertThat(failure.message()).isEqualTo("/ by zero");
              assertThat(failure.stackTrace()).contains("CatchFlow.divide");
            });
    assertThat(end.get("ratio")).isNull();
  }

  @Test
  void timeout_stopsTheStepAndFailsTheRun() throws Exception {
    CommandResult result = FlowJar.of("TimeoutFlow", workDir).run("run");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    // The step sleeps 60 s; the run must end soon after the 2 s timeout.
    assertThat(result.took()).isLessThan(Duration.ofSeconds(30));
    assertThat(result.stdout())
        .contains("ran longer than its @Timeout of " + STEP_TIMEOUT.toSeconds() + " s");
    assertThat(result.stdout()).contains("failed at step slow");
  }

  @Test
  void timeoutWithCatch_storesTheTimeoutAndGoesOn() throws Exception {
    FlowJar flow = FlowJar.of("TimeoutCatchFlow", workDir);

    CommandResult result = flow.runOk("run");

    assertThat(result.took()).isLessThan(Duration.ofSeconds(30));
    assertThat(result.stdout()).contains("went on after the timeout; slow finished: false");
    Object timedOut = flow.endArtifacts(result.requireRunId()).get("timedOut");
    assertThat(timedOut)
        .isInstanceOfSatisfying(
            StepFailure.class,
            failure -> {
              assertThat(failure.type()).isEqualTo(TimeoutException.class.getName());
              assertThat(failure.message())
                  .contains("@Timeout of " + STEP_TIMEOUT.toSeconds() + " s");
            });
  }

  @Test
  void environment_setsTheVariablesOfItsStepOnly() throws Exception {
    Map<String, Object> end = FlowJar.of("EnvironmentFlow", workDir).runToEnd();

    assertThat(end).containsEntry("greeting", "hola");
    assertThat(end.get("greetingAtStart")).isNull();
  }
}
