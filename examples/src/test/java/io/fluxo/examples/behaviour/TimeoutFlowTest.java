package io.fluxo.examples.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.TaskStatus;
import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import io.fluxo.runtime.testing.TaskFailure;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link TimeoutFlow} in the test's JVM: the timed-out step fails the run, not the JVM. */
class TimeoutFlowTest {
  @Test
  void run_timedOutStep_failsTheRunAndTheJvmGoesOn() {
    long started = System.nanoTime();
    FlowTestRun<TimeoutFlow> run = FlowTestRunner.of(TimeoutFlow.class).run();

    assertThat(run.succeeded()).isFalse();
    TaskFailure failure = run.failure().orElseThrow();
    assertThat(failure.step()).isEqualTo("slow");
    assertThat(failure.type()).isEqualTo(TimeoutException.class.getName());
    assertThat(failure.message()).isEqualTo("Step slow ran longer than its @Timeout of 2 s");
    assertThat(run.clientRun().step("slow").task().status()).isEqualTo(TaskStatus.TIMED_OUT);
    assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
  }
}
