package io.fluxo.runtime.client;

import static io.fluxo.runtime.internal.cli.CountingRuns.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.internal.cli.CountingRuns;
import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class RunTest {
  private final FlowRuns flow = FlowRuns.of(FLOW, CountingRuns.root());

  @Test
  void succeededRun_hasItsRecord() {
    Run run = flow.run("1");

    assertThat(run.pathspec()).isEqualTo("CountingFlow/1");
    assertThat(run.successful()).isTrue();
    assertThat(run.finished()).isTrue();
    assertThat(run.tags()).contains("nightly");
    assertThat(run.systemTags()).contains("runtime:local", "user:" + run.user());
    assertThat(run.endedAt()).isPresent();
    assertThat(run.duration()).hasValueSatisfying(d -> assertThat(d).isPositive());
    assertThat(run.originRunId()).isEmpty();
  }

  @Test
  void steps_areInExecutionOrder_withoutTheParametersStep() {
    assertThat(flow.run("1").steps())
        .extracting(RunStep::name)
        .containsExactly("start", "square", "join", "end");
    assertThat(flow.run("2").steps()).extracting(RunStep::name).containsExactly("start", "square");
  }

  @Test
  void parameters_areTheValuesTheRunUsed() {
    assertThat(flow.run("1").parameters())
        .containsExactly(Map.entry("count", 3), Map.entry("failAt", ""));
    assertThat(flow.run("3").parameters()).containsEntry("failAt", "square");
    assertThat(flow.run("3").parameter("count")).isEqualTo(3);
    assertThatThrownBy(() -> flow.run("1").parameter("cout"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("run CountingFlow/1 has no parameter cout; parameters are: count, failAt");
  }

  @Test
  void data_readsTheEndTasksArtifact() {
    assertThat(flow.run("1").data("total")).isEqualTo(14);
  }

  @Test
  void data_ofRunWithoutEnd_listsItsSteps() {
    assertThatThrownBy(() -> flow.run("2").data("total"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("run CountingFlow/2 has no step end; steps are: start, square");
  }

  @Test
  void resumedRun_namesItsOrigin() {
    assertThat(flow.run("3").originRunId()).contains("2");
  }

  @Test
  void tags_addAndRemove_updateTheMetadata() {
    Path copy = CountingRuns.copy();
    Run run = FlowRuns.of(FLOW, copy).run("1");

    Run tagged = run.addTags("a", "b", "a");
    assertThat(tagged.tags()).containsExactly("nightly", "a", "b");
    assertThat(FlowRuns.of(FLOW, copy).run("1").tags()).containsExactly("nightly", "a", "b");

    assertThat(tagged.removeTags("nightly", "absent").tags()).containsExactly("a", "b");
    assertThatThrownBy(() -> run.removeTags("runtime:local"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("it is a system tag");
    assertThatThrownBy(() -> run.addTags(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid tag ''");
  }
}
