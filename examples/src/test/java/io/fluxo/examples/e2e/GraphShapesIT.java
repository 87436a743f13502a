package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every graph shape runs end to end through {@code flow.jar}, and its end task holds the values the
 * flow computes. Expected values are worked out here from each flow's code.
 */
class GraphShapesIT {
  @TempDir Path workDir;

  @Test
  void linearFlow_countsEveryStep() throws Exception {
    FlowJar flow = FlowJar.of("LinearFlow", workDir);
    int startAt = 5;

    Map<String, Object> end = flow.runToEnd("--start-at", Integer.toString(startAt));

    // start sets startAt + 1; a, b and end each add one.
    assertThat(end)
        .containsEntry("counter", startAt + 1 + 3)
        .containsEntry("trail", "start > a > b > end");
  }

  @Test
  void branchFlow_joinsBothBranches() throws Exception {
    Map<String, Object> end = FlowJar.of("BranchFlow", workDir).runToEnd();

    // a: "hello".length(); b: 10.
    assertThat(end)
        .containsEntry("greeting", "hello")
        .containsEntry("total", "hello".length() + 10);
  }

  @Test
  void branchFlow_givesTheJoinAndEndTheRunsParameter_withoutAMerge() throws Exception {
    FlowJar flow = FlowJar.of("BranchFlow", workDir);

    CommandResult run = flow.runOk("run", "--offset", "5");

    // Both branches saw 5, and so do the join (without mergeArtifacts) and end.
    int total = "hello".length() + 5 + 10 + 5;
    assertThat(run.stdout()).contains("hello: " + total + " (offset 5)");
    Map<String, Object> end = flow.endArtifacts(run.requireRunId());
    assertThat(end).containsEntry("offset", 5).containsEntry("total", total);
    assertThat(flow.stored(run.requireRunId()).step("join").tasks().get(0).artifact("offset"))
        .isEqualTo(5);
  }

  @Test
  void foreachFlow_keepsTheParameterAfterTheJoin_inAResumedRunToo() throws Exception {
    FlowJar flow = FlowJar.of("ForeachFlow", workDir);
    CommandResult run = flow.runOk("run", "--count", "3");
    assertThat(run.stdout()).contains("sum of squares: 14 (count 3)");

    CommandResult resumed = flow.runOk("resume", "join", "--origin-run-id", run.requireRunId());

    // The join and end ran again, with the origin run's count, not the field's default of 5.
    assertThat(resumed.stdout()).contains("sum of squares: 14 (count 3)");
    assertThat(flow.endArtifacts(resumed.requireRunId()))
        .containsEntry("count", 3)
        .containsEntry("sum", 14);
  }

  @Test
  void foreachFlow_sumsTheSquares() throws Exception {
    FlowJar flow = FlowJar.of("ForeachFlow", workDir);

    Map<String, Object> end = flow.runToEnd();

    List<Integer> numbers = List.of(1, 2, 3, 4, 5);
    assertThat(end).containsEntry("count", numbers.size());
    assertThat(end).containsEntry("sum", numbers.stream().mapToInt(n -> n * n).sum());
    List<Object> squares =
        flow.stored(flow.client().latestRun().id()).step("square").tasks().stream()
            .map(task -> task.artifact("square"))
            .toList();
    assertThat(squares).containsExactlyElementsOf(numbers.stream().map(n -> n * n).toList());
  }

  @Test
  void nestedForeachFlow_buildsTheProductTableInOrder() throws Exception {
    FlowJar flow = FlowJar.of("NestedForeachFlow", workDir);

    Map<String, Object> end = flow.runToEnd();

    List<Integer> rows = List.of(1, 2);
    List<Integer> columns = List.of(10, 20, 30);
    List<List<Integer>> table =
        rows.stream().map(row -> columns.stream().map(column -> row * column).toList()).toList();
    int total = table.stream().flatMap(List::stream).mapToInt(Integer::intValue).sum();
    assertThat(end).containsEntry("table", table).containsEntry("total", total);
    String runId = flow.client().latestRun().id();
    assertThat(flow.stored(runId).step("multiply").tasks()).hasSize(rows.size() * columns.size());
    assertThat(flow.stored(runId).step("joinColumns").tasks()).hasSize(rows.size());
  }
}
