package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import io.fluxo.runtime.testing.TaskFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlowTestRunner} on {@link CountingFlow}, whose artifact fields are package-private: the
 * test sits beside the flow, as a user's test does.
 */
class FlowTestRunnerTest {
  @TempDir Path root;

  private FlowTestRunner<CountingFlow> runner() {
    return FlowTestRunner.of(new CountingFlowDefinition()).withDatastore(root);
  }

  @Test
  void run_runsEveryTaskInThisJvm() {
    FlowTestRun<CountingFlow> run = runner().withParameter("count", "4").run();

    assertThat(run.succeeded()).isTrue();
    assertThat(run.failure()).isEmpty();
    assertThat(run.tasks("square")).extracting(f -> f.squared).containsExactly(1, 4, 9, 16);
    assertThat(run.step("join").total).isEqualTo(30);
    assertThat(run.step("end").total).isEqualTo(30);
    assertThat(run.step("start").count).isEqualTo(4);
    assertThat(run.clientRun().successful()).isTrue();
    assertThat(run.clientRun().parameters()).containsEntry("count", 4);
    Task end = run.clientRun().endTask();
    assertThat(end.stdout()).isEqualTo("total 30\n");
    assertThat(end.stderr()).contains("command line: ");
    assertThat(run.datastore()).isEqualTo(root);
  }

  @Test
  void run_withSeveralWorkers_keepsForeachOrder() {
    FlowTestRun<CountingFlow> run = runner().withParameter("count", 6).withMaxWorkers(3).run();

    assertThat(run.tasks("square")).extracting(f -> f.squared).containsExactly(1, 4, 9, 16, 25, 36);
    assertThat(run.step("end").total).isEqualTo(91);
  }

  @Test
  void run_failingStep_reportsTheStepsException() {
    FlowTestRun<CountingFlow> run = runner().withParameter("failAt", "square").run();

    assertThat(run.succeeded()).isFalse();
    TaskFailure failure = run.failure().orElseThrow();
    assertThat(failure.step()).isEqualTo("square");
    assertThat(failure.type()).isEqualTo(IllegalStateException.class.getName());
    assertThat(failure.message()).isEqualTo("square fails on 2");
    assertThat(failure.exception()).isInstanceOf(IllegalStateException.class);
    assertThat(failure.pathspec()).startsWith("CountingFlow/" + run.clientRun().id() + "/square/");
    assertThatThrownBy(() -> run.step("end")).hasMessageContaining("has no step end");
    assertThat(System.getProperty(TaskEnvironment.PATHSPEC_PROPERTY)).isNull();
  }

  @Test
  void runStep_foreachBody_usesTheGivenItem() {
    FlowTestRun<CountingFlow> run = runner().withForeachItem(7).runStep("square");

    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("square").squared).isEqualTo(49);
    assertThat(run.clientRun().steps()).extracting(s -> s.name()).containsExactly("square");
  }

  @Test
  void runStep_join_readsTheGivenInputs() {
    FlowTestRun<CountingFlow> run =
        runner()
            .withInput("square", Map.of("squared", 4))
            .withInput("square", Map.of("squared", 9))
            .withInput("square", Map.of("squared", 100))
            .runStep("join");

    assertThat(run.step("join").total).isEqualTo(113);
  }

  @Test
  void runStep_start_seesParametersAndGivenArtifacts() {
    FlowTestRun<CountingFlow> run =
        runner().withParameter("count", 2).withArtifact("total", 5).runStep("start");

    CountingFlow start = run.step("start");
    assertThat(start.items).isEqualTo(List.of(1, 2));
    assertThat(start.total).isEqualTo(5);
  }

  @Test
  void runStep_failingStep_reportsTheFailure() {
    FlowTestRun<CountingFlow> run =
        runner().withParameter("fail-at", "square").withForeachItem(2).runStep("square");

    assertThat(run.succeeded()).isFalse();
    assertThat(run.failure().orElseThrow().message()).isEqualTo("square fails on 2");
    assertThat(run.clientRun().step("square").task().stderr()).contains("square fails on 2");
  }

  @Test
  void runStep_foreachBodyWithoutItem_isRejected() {
    assertThatThrownBy(() -> runner().runStep("square"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("withForeachItem");
  }

  @Test
  void withParameter_invalidText_isRejectedAsOnTheCommandLine() {
    assertThatThrownBy(() -> runner().withParameter("count", "many"))
        .isInstanceOf(UsageException.class)
        .hasMessage("Invalid value for option '--count': 'many' is not an int");
    assertThatThrownBy(() -> runner().withParameter("counts", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parameters are: [count, fail-at]");
  }

  @Test
  void of_flowClassWithoutDefinition_isRejected() {
    assertThatThrownBy(() -> FlowTestRunner.of(CountingFlow.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FlowMain_CountingFlow");
  }
}
