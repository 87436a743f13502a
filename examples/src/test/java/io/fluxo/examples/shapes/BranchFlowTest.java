package io.fluxo.examples.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.testing.FlowTestRun;
import io.fluxo.runtime.testing.FlowTestRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BranchFlow} run in the test's JVM with {@link FlowTestRunner}. */
class BranchFlowTest {
  @TempDir Path datastore;

  @Test
  void run_joinAddsBothBranches_andKeepsTheParameter() {
    FlowTestRun<BranchFlow> run =
        FlowTestRunner.of(BranchFlow.class)
            .withDatastore(datastore)
            .withParameter("offset", "2")
            .run();

    assertThat(run.succeeded()).isTrue();
    assertThat(run.step("a").value).isEqualTo(7);
    assertThat(run.step("b").value).isEqualTo(12);
    BranchFlow join = run.step("join");
    assertThat(join.total).isEqualTo(19);
    assertThat(join.greeting).isEqualTo("hello");
    assertThat(join.offset).isEqualTo(2);
    assertThat(run.step("end").total).isEqualTo(19);
    assertThat(run.clientRun().endTask().stdout()).isEqualTo("hello: 19 (offset 2)\n");
  }

  @Test
  void runStep_a_readsTheGivenGreeting() {
    FlowTestRun<BranchFlow> run =
        FlowTestRunner.of(BranchFlow.class)
            .withDatastore(datastore)
            .withArtifact("greeting", "good morning")
            .runStep("a");

    assertThat(run.step("a").value).isEqualTo(12);
  }

  @Test
  void runStep_join_addsTheGivenBranchValues() {
    FlowTestRun<BranchFlow> run =
        FlowTestRunner.of(BranchFlow.class)
            .withDatastore(datastore)
            .withInput("a", Map.of("value", 2, "greeting", "hi"))
            .withInput("b", Map.of("value", 40))
            .runStep("join");

    assertThat(run.step("join").total).isEqualTo(42);
    assertThat(run.step("join").greeting).isEqualTo("hi");
  }

  @Test
  void runStep_a_withoutTheGreeting_failsNamingIt_insteadOfReadingNull() {
    // The processor proved that a's input holds greeting; an input without it fails the task.
    FlowTestRun<BranchFlow> run =
        FlowTestRunner.of(BranchFlow.class).withDatastore(datastore).runStep("a");

    assertThat(run.succeeded()).isFalse();
    assertThat(run.failure().orElseThrow().message())
        .startsWith("Step a reads artifact greeting, which its input ")
        .contains("does not hold");
  }
}
