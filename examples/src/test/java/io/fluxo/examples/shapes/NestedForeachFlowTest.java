package io.fluxo.examples.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NestedForeachFlow} run in the test's JVM with {@link FlowTestRunner}. */
class NestedForeachFlowTest {
  @Test
  void run_onTwoWorkers_readsTasksInForeachOrder() {
    FlowTestRun<NestedForeachFlow> run =
        FlowTestRunner.of(NestedForeachFlow.class).withMaxWorkers(2).run();

    assertThat(run.tasks("multiply"))
        .extracting(task -> task.product)
        .containsExactly(10, 20, 30, 20, 40, 60);
    assertThat(run.tasks("joinColumns"))
        .extracting(task -> task.tableRow)
        .containsExactly(List.of(10, 20, 30), List.of(20, 40, 60));
    assertThat(run.step("end").total).isEqualTo(180);
  }

  @Test
  void runStep_multiply_usesTheGivenRowAndColumn() {
    FlowTestRun<NestedForeachFlow> run =
        FlowTestRunner.of(NestedForeachFlow.class)
            .withArtifact("row", 3)
            .withForeachItem(7)
            .runStep("multiply");

    assertThat(run.step("multiply").product).isEqualTo(21);
  }
}
