package io.fluxo.examples.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ForeachFlow} run in the test's JVM with {@link FlowTestRunner}, as users test flows. */
class ForeachFlowTest {
  @Test
  void run_sumsTheSquaresOfEveryNumber() {
    FlowTestRun<ForeachFlow> run = FlowTestRunner.of(ForeachFlow.class).run();

    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("start").numbers).containsExactly(1, 2, 3, 4, 5);
    assertThat(run.tasks("square"))
        .extracting(task -> task.square)
        .containsExactly(1, 4, 9, 16, 25);
    assertThat(run.step("join").sum).isEqualTo(55);
    assertThat(run.step("end").sum).isEqualTo(55);
    assertThat(run.clientRun().endTask().stdout()).isEqualTo("sum of squares: 55 (count 5)\n");
  }

  @Test
  void run_withACount_keepsItAfterTheJoin() {
    FlowTestRun<ForeachFlow> run =
        FlowTestRunner.of(ForeachFlow.class).withParameter("count", "3").run();

    assertThat(run.tasks("square")).extracting(task -> task.square).containsExactly(1, 4, 9);
    assertThat(run.step("join").count).isEqualTo(3);
    assertThat(run.step("end").sum).isEqualTo(14);
    assertThat(run.clientRun().endTask().stdout()).isEqualTo("sum of squares: 14 (count 3)\n");
  }

  @Test
  void run_onThreeWorkers_keepsTheForeachOrder() {
    FlowTestRun<ForeachFlow> run = FlowTestRunner.of(ForeachFlow.class).withMaxWorkers(3).run();

    assertThat(run.tasks("square"))
        .extracting(task -> task.square)
        .containsExactly(1, 4, 9, 16, 25);
    assertThat(run.step("end").sum).isEqualTo(55);
  }

  @Test
  void runStep_square_squaresItsItem() {
    FlowTestRun<ForeachFlow> run =
        FlowTestRunner.of(ForeachFlow.class).withForeachItem(12).runStep("square");

    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("square").square).isEqualTo(144);
  }

  @Test
  void runStep_join_sumsTheGivenSquares() {
    FlowTestRun<ForeachFlow> run =
        FlowTestRunner.of(ForeachFlow.class)
            .withArtifact("numbers", List.of(3, 4))
            .withInput("square", Map.of("square", 9))
            .withInput("square", Map.of("square", 16))
            .runStep("join");

    assertThat(run.step("join").sum).isEqualTo(25);
  }
}
