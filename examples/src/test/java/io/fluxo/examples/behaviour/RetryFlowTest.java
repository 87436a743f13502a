package io.fluxo.examples.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import org.junit.jupiter.api.Test;

/** {@link RetryFlow} in the test's JVM: the flaky step fails once, then its retry succeeds. */
class RetryFlowTest {
  @Test
  void run_retriedStep_succeedsOnItsSecondAttempt() {
    FlowTestRun<RetryFlow> run = FlowTestRunner.of(RetryFlow.class).run();

    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("end").succeededOnRetry).isEqualTo(1);
    assertThat(run.clientRun().step("flaky").task().attempts()).hasSize(2);
  }

  @Test
  void runStep_flaky_isRetriedAsItsRetrySays() {
    FlowTestRun<RetryFlow> run = FlowTestRunner.of(RetryFlow.class).runStep("flaky");

    assertThat(run.step("flaky").succeededOnRetry).isEqualTo(1);
  }
}
