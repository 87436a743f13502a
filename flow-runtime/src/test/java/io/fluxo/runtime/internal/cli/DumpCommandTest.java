package io.fluxo.runtime.internal.cli;

import static io.fluxo.runtime.internal.cli.CountingRuns.FLOW;
import static io.fluxo.runtime.internal.cli.CountingRuns.flow;
import static io.fluxo.runtime.internal.cli.CountingRuns.usageError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.DataArtifact;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.client.TaskStatus;
import io.fluxo.runtime.internal.cli.CountingRuns.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DumpCommandTest {
  private static final String TOTAL_14 =
      "(?s).*\\n    total\\s+java\\.lang\\.Integer\\s+\\d+ B\\s+14\\n.*";

  private static Task endTask(Path root) {
    return FlowRuns.of(FLOW, root).run("1").endTask();
  }

  @Test
  void dump_run_showsParametersStepsTasksAndEndData() {
    Result result = flow("dump", "1");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out())
        .startsWith("Run CountingFlow/1  SUCCEEDED\n")
        .contains("system tags  user:", "tags         nightly")
        .containsPattern("\\n    count\\s+3\\n")
        .containsPattern("\\n    failAt\\s+\"\"\\n")
        .containsPattern("\\n    start\\s+1\\s+SUCCEEDED\\s+1\\s+")
        .doesNotContain("_parameters")
        .matches(TOTAL_14);
    assertThat(result.out().lines().filter(l -> l.matches("    square\\s+\\d+\\s+SUCCEEDED.*")))
        .hasSize(3);
  }

  @Test
  void dump_step_showsEachTaskWithArtifacts() {
    Result result = flow("dump", "1/end");

    assertThat(result.out())
        .startsWith("Step CountingFlow/1/end  (1 task)\n")
        .contains("Task CountingFlow/1/end/")
        .matches(TOTAL_14);
  }

  @Test
  void dump_task_showsArtifactsWithTypeSizeAndValue() {
    Result result = flow("dump", "1/end/" + endTask(CountingRuns.root()).id());

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("Task CountingFlow/1/end/").matches(TOTAL_14);
  }

  @Test
  void dump_include_restrictsArtifacts() {
    Result result = flow("dump", "1/start", "--include", "items,count");

    assertThat(result.out())
        .containsPattern("items\\s+java\\.util\\.ArrayList\\s+\\d+ B\\s+\\[1, 2, 3\\]")
        .contains("count")
        .doesNotContain("failAt");
  }

  @Test
  void dump_failedTask_showsErrorAndNoArtifacts() {
    Task failed =
        FlowRuns.of(FLOW, CountingRuns.root()).run("2").step("square").tasks().stream()
            .filter(t -> t.status() == TaskStatus.FAILED)
            .findFirst()
            .orElseThrow();

    Result result = flow("dump", "2/square/" + failed.id());

    assertThat(result.out())
        .contains(
            "FAILED",
            "error     java.lang.IllegalStateException: square fails on 2",
            "Artifacts: none (the task is FAILED)");
  }

  @Test
  void dump_clonedTask_namesItsOrigin() {
    assertThat(flow("dump", "3/start").out()).contains("cloned from  CountingFlow/2/start/1");
  }

  @Test
  void dump_unknownRun_listsRuns() {
    assertThat(usageError("dump", "7"))
        .startsWith("Error: Cannot dump 7: flow CountingFlow has no run 7; runs are: 1, 2, 3");
  }

  @Test
  void dump_unknownStep_listsSteps() {
    assertThat(usageError("dump", "1/trian"))
        .contains("has no step trian; steps are: start, square, join, end");
  }

  @Test
  void dump_unknownTask_listsTasks() {
    assertThat(usageError("dump", "1/square/1"))
        .containsPattern("has no task 1; tasks are: \\d+, \\d+, \\d+");
  }

  @Test
  void dump_unknownArtifact_listsArtifacts() {
    assertThat(usageError("dump", "1/end", "--include", "nope"))
        .contains("no artifact named nope; artifacts are: count, failAt, total");
  }

  @Test
  void dump_malformedPath_isUsageError() {
    assertThat(usageError("dump", "1//x")).contains("expected RUN[/STEP[/TASK]]");
  }

  @Test
  void dump_flowPrefixedPath_isAccepted() {
    assertThat(flow("dump", "CountingFlow/1/end").out()).matches(TOTAL_14);
  }

  @Test
  void dump_corruptedBlob_saysSoWithoutStackTrace() throws Exception {
    Path copy = CountingRuns.copy();
    DataArtifact total =
        endTask(copy).artifacts().stream()
            .filter(a -> a.name().equals("total"))
            .findFirst()
            .orElseThrow();
    Path blob =
        copy.resolve(FLOW)
            .resolve("data")
            .resolve(total.sha().substring(0, 2))
            .resolve(total.sha());
    Files.write(blob, "not a blob".getBytes());

    Result result = CountingRuns.flow(copy, "dump", "1/end");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err())
        .hasLineCount(1)
        .startsWith("Error: Cannot read artifact blob " + blob + ": it is corrupted");
  }
}
