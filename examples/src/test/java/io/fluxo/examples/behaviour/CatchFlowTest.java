package io.fluxo.examples.behaviour;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import org.junit.jupiter.api.Test;

/** {@link CatchFlow} in the test's JVM: the caught failure is stored and the flow goes on. */
class CatchFlowTest {
  @Test
  void run_caughtFailure_letsTheFlowGoOn() {
    FlowTestRun<CatchFlow> run = FlowTestRunner.of(CatchFlow.class).run();

    assertThat(run.succeeded()).isTrue();
    assertThat(run.failure()).isEmpty();
    assertThat(run.step("end").ratio).isNull();
    assertThat(run.step("end").numerator).isEqualTo(10);
    assertThat(run.clientRun().step("divide").task().artifact("failure").toString())
        .isEqualTo("java.lang.ArithmeticException: / by zero");
  }
}
