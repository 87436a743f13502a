package io.fluxo.examples.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import io.fluxo.runtime.testing.TaskFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ParametersFlow} run in the test's JVM with {@link FlowTestRunner}. */
class ParametersFlowTest {
  private static FlowTestRunner<ParametersFlow> runner() {
    return FlowTestRunner.of(ParametersFlow.class)
        .withParameter("name", "Ada")
        .withParameter("labels", "x, y")
        .withParameter("limits", "{\"cpu\": 4}");
  }

  @Test
  void run_usesParametersGivenAsOptionText() {
    FlowTestRun<ParametersFlow> run =
        runner()
            .withParameter("count", "2")
            .withParameter("big", "10000000000")
            .withParameter("ratio", "0.25")
            .withParameter("excited", "true")
            .withParameter("volume", "loud")
            .run();

    assertThat(run.succeeded()).isTrue();
    ParametersFlow end = run.step("end");
    assertThat(end.greeting).isEqualTo("hello ADA hello ADA!");
    assertThat(end.scaled).isEqualTo(2.5e9);
    assertThat(end.tally).isEqualTo(6);
    assertThat(end.labels).isEqualTo(List.of("x", "y"));
    assertThat(end.types)
        .containsEntry("big", "java.lang.Long")
        .containsEntry("volume", ParametersFlow.Volume.class.getName());
    assertThat(run.clientRun().parameters())
        .containsEntry("count", 2)
        .containsEntry("excited", true);
  }

  @Test
  void run_usesTypedParameters() {
    FlowTestRun<ParametersFlow> run =
        runner().withParameter("count", 3).withParameter("limits", Map.of("a", 1, "b", 2)).run();

    assertThat(run.step("end").greeting).isEqualTo("hello ada hello ada hello ada");
    assertThat(run.step("end").tally).isEqualTo(5);
  }

  @Test
  void run_failingStart_reportsItsException() {
    FlowTestRun<ParametersFlow> run =
        FlowTestRunner.of(ParametersFlow.class).withParameter("name", "Ada").run();

    assertThat(run.succeeded()).isFalse();
    TaskFailure failure = run.failure().orElseThrow();
    assertThat(failure.step()).isEqualTo("start");
    assertThat(failure.exception()).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(failure.type()).isEqualTo(failure.exception().getClass().getName());
    assertThat(run.clientRun().step("start").task().stderr()).contains("IndexOutOfBoundsException");
  }

  @Test
  void runStep_start_seesTheParameters() {
    FlowTestRun<ParametersFlow> run = runner().withParameter("excited", true).runStep("start");

    assertThat(run.step("start").greeting).isEqualTo("hello ada!");
    assertThat(run.step("start").scaled).isEqualTo(0.5);
  }

  @Test
  void run_missingOrInvalidParameter_isRejectedAsByFlowRun() {
    assertThatThrownBy(() -> FlowTestRunner.of(ParametersFlow.class).run())
        .isInstanceOf(UsageException.class)
        .hasMessage("Missing required option '--name' (java.lang.String)");
    assertThatThrownBy(() -> runner().withParameter("volume", "shout"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Invalid value for option '--volume': 'shout' is not one of [QUIET, LOUD]");
  }
}
