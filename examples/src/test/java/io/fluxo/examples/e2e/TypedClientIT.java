package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.examples.behaviour.ParametersFlow;
import io.fluxo.examples.behaviour.ParametersFlowRun;
import io.fluxo.examples.shapes.ForeachFlowRun;
import io.fluxo.examples.shapes.NestedForeachFlowRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated typed clients ({@code <Flow>Run}) read a real run of {@code flow.jar}: values come
 * back as their fields are declared, with no cast and no string name. Expected values are worked
 * out here from each flow's code and from what the run printed.
 */
class TypedClientIT {
  @TempDir Path workDir;

  @Test
  void foreachFlow_readsTheSumAndEachTaskSquare() throws Exception {
    FlowJar flow = FlowJar.of("ForeachFlow", workDir);
    CommandResult result = flow.runOk("run");

    ForeachFlowRun run = ForeachFlowRun.of(flow.client().latestRun());

    int sum = run.end().sum();
    assertThat(result.stdout()).contains("sum of squares: " + sum);
    assertThat(sum).isEqualTo(1 + 4 + 9 + 16 + 25);
    List<Integer> numbers = run.start().numbers();
    assertThat(numbers).containsExactly(1, 2, 3, 4, 5);
    assertThat(run.square().tasks())
        .extracting(ForeachFlowRun.TaskData::square)
        .containsExactlyElementsOf(numbers.stream().map(n -> n * n).toList());
    assertThat(run.id()).isEqualTo(result.requireRunId());
    assertThat(run.successful()).isTrue();
  }

  @Test
  void foreachFlow_singleTaskAccessorOfAForeachBody_namesTheTaskCount() throws Exception {
    FlowJar flow = FlowJar.of("ForeachFlow", workDir);
    flow.runOk("run");

    ForeachFlowRun run = ForeachFlowRun.of(flow.client().latestRun());

    assertThatThrownBy(() -> run.square().square())
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage(
            "step ForeachFlow/"
                + run.id()
                + "/square has 5 tasks, not one;"
                + " read them through tasks()");
  }

  @Test
  void foreachFlow_artifactNeverSetInTheTask_namesArtifactStepAndRun() throws Exception {
    FlowJar flow = FlowJar.of("ForeachFlow", workDir);
    flow.runOk("run");

    ForeachFlowRun run = ForeachFlowRun.of(flow.client().latestRun());

    // start has the parameter count and sets numbers; sum is first set by join.
    assertThatThrownBy(() -> run.start().sum())
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageMatching(
            "task ForeachFlow/"
                + run.id()
                + "/start/\\d+ has no artifact sum;"
                + " artifacts are: count, numbers");
  }

  @Test
  void nestedForeachFlow_readsTheTableAsNestedLists() throws Exception {
    FlowJar flow = FlowJar.of("NestedForeachFlow", workDir);
    CommandResult result = flow.runOk("run");

    NestedForeachFlowRun run = NestedForeachFlowRun.of(flow.client().latestRun());

    List<List<Integer>> table = run.end().table();
    int total = run.end().total();
    assertThat(table).containsExactly(List.of(10, 20, 30), List.of(20, 40, 60));
    assertThat(result.stdout()).contains(table + " sums to " + total);
    // a step's tasks come in the order they were created, which the rows' timing decides
    assertThat(run.joinColumns().tasks())
        .extracting(NestedForeachFlowRun.TaskData::tableRow)
        .containsExactlyInAnyOrderElementsOf(table);
  }

  @Test
  void parametersFlow_readsParametersAndMapsTyped() throws Exception {
    FlowJar flow = FlowJar.of("ParametersFlow", workDir);
    CommandResult result =
        flow.runOk(
            "run",
            "--name",
            "Ana",
            "--count",
            "2",
            "--volume",
            "loud",
            "--labels",
            "a,b",
            "--limits",
            "{\"x\": 4}");
    String runId = result.requireRunId();

    ParametersFlowRun run = ParametersFlowRun.of(flow.client().run(runId));

    int count = run.parameters().count();
    ParametersFlow.Volume volume = run.parameters().volume();
    Map<String, Integer> limits = run.end().limits();
    Map<String, String> types = run.start().types();
    assertThat(count).isEqualTo(2);
    assertThat(volume).isEqualTo(ParametersFlow.Volume.LOUD);
    assertThat(limits).containsExactly(Map.entry("x", 4));
    assertThat(types).containsEntry("count", Integer.class.getName());
    // Printed by end: greeting, big * ratio (1 * 0.5), labels + limits (2 + 4).
    String greeting = run.end().greeting();
    double scaled = run.end().scaled();
    int tally = run.end().tally();
    assertThat(result.stdout()).contains(greeting + " " + scaled + " " + tally);
    assertThat(greeting).isEqualTo("hello ANA hello ANA");
    assertThat(scaled).isEqualTo(0.5);
    assertThat(tally).isEqualTo(2 + 4);
  }

  @Test
  void of_runOfAnotherFlow_isRejected() throws Exception {
    FlowJar flow = FlowJar.of("ForeachFlow", workDir);
    flow.runOk("run");

    assertThatThrownBy(() -> ParametersFlowRun.of(flow.client().latestRun()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("as a run of ParametersFlow");
  }
}
