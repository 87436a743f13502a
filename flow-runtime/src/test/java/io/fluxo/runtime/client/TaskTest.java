package io.fluxo.runtime.client;

import static io.fluxo.runtime.internal.cli.CountingRuns.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.cli.CountingRuns;
import io.fluxo.runtime.spi.LogStream;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class TaskTest {
  private final FlowRuns flow = FlowRuns.of(FLOW, CountingRuns.root());

  @Test
  void artifact_typed_returnsTheValue() {
    Task end = flow.latestSuccessfulRun().step("end").task();

    assertThat(end.artifact("total", Integer.class)).isEqualTo(14);
    assertThat(end.artifact("total", int.class)).isEqualTo(14);
    assertThat(end.artifact("total", Number.class)).isEqualTo(14);
    assertThat(end.artifact("total")).isEqualTo(14);
  }

  @Test
  void artifact_wrongType_namesTheActualType() {
    Task end = flow.run("1").endTask();

    assertThatThrownBy(() -> end.artifact("total", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read artifact total of "
                + end.pathspec()
                + " as java.lang.String: its value is a java.lang.Integer");
  }

  @Test
  void artifact_unknown_listsArtifacts() {
    Task start = flow.run("1").step("start").task();

    assertThat(start.artifactNames()).containsExactlyInAnyOrder("count", "failAt", "items");
    assertThatThrownBy(() -> start.artifact("totl"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageContaining("has no artifact totl; artifacts are: ")
        .hasMessageContaining("items");
    assertThat(start.artifact("items", List.class)).containsExactly(1, 2, 3);
  }

  @Test
  void artifact_declaredType_checksTheErasure() throws Exception {
    Task start = flow.run("1").step("start").task();
    Type listOfIntegers = Declared.class.getDeclaredField("items").getGenericType();

    assertThat(start.artifact("items", listOfIntegers)).isEqualTo(List.of(1, 2, 3));
    assertThat(start.artifact("count", (Type) int.class)).isEqualTo(3);
    assertThatThrownBy(() -> start.artifact("count", listOfIntegers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Cannot read artifact count of "
                + start.pathspec()
                + " as java.util.List<java.lang.Integer>: its value is a java.lang.Integer");
  }

  @Test
  void artifacts_carryStoredTypeAndSize() {
    // After the join, end has the run's parameters (count, failAt) and what the join set.
    DataArtifact total =
        flow.run("1").endTask().artifacts().stream()
            .filter(a -> a.name().equals("total"))
            .findFirst()
            .orElseThrow();

    assertThat(total.name()).isEqualTo("total");
    assertThat(total.type()).isEqualTo("java.lang.Integer");
    assertThat(total.storedSize()).isPositive();
    assertThat(total.sha()).hasSize(64);
    assertThat(total.preview()).isEqualTo(14);
  }

  @Test
  void task_ofStepWithSeveralTasks_namesTheCount() {
    RunStep square = flow.run("1").step("square");

    assertThat(square.tasks()).hasSize(3);
    assertThatThrownBy(square::task)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageMatching(
            "step CountingFlow/1/square has 3 tasks, not one; name one with task\\(id\\): \\d+, \\d+, \\d+");
    assertThatThrownBy(() -> square.task("99")).hasMessageContaining("has no task 99; tasks are: ");
    assertThat(square.tasks())
        .extracting(t -> t.artifact("squared"))
        .containsExactlyInAnyOrder(1, 4, 9);
  }

  @Test
  void succeededTask_hasStatusAttemptsAndTimes() {
    Task start = flow.run("1").step("start").task();

    assertThat(start.pathspec()).isEqualTo("CountingFlow/1/start/" + start.id());
    assertThat(start.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(start.finished()).isTrue();
    assertThat(start.successful()).isTrue();
    assertThat(start.attempts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.number()).isZero();
              assertThat(a.ended()).isPresent();
              assertThat(a.failure()).isEmpty();
            });
    assertThat(start.startedAt()).isPresent();
    assertThat(start.endedAt()).isPresent();
    assertThat(start.originTask()).isEmpty();
  }

  @Test
  void failedTask_hasErrorAndStderr_butNoArtifacts() {
    Task failed =
        flow.run("2").step("square").tasks().stream()
            .filter(t -> t.status() == TaskStatus.FAILED)
            .findFirst()
            .orElseThrow();

    assertThat(failed.successful()).isFalse();
    assertThat(failed.finished()).isTrue();
    assertThat(failed.attempts().get(0).error())
        .isEqualTo("java.lang.IllegalStateException: square fails on 2");
    assertThat(failed.stderr()).contains("square fails on 2");
    assertThat(failed.artifacts()).isEmpty();
    assertThatThrownBy(() -> failed.artifact("squared"))
        .hasMessage("task " + failed.pathspec() + " has no artifacts: it is FAILED");
  }

  @Test
  void logs_areTheStoredOutput() {
    Task start = flow.run("1").step("start").task();

    assertThat(start.stdout()).isEqualTo("items [1, 2, 3]\n");
    assertThat(start.log(LogStream.STDOUT, 0)).contains("items [1, 2, 3]\n");
    assertThatThrownBy(() -> start.log(LogStream.STDERR, 1))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("task " + start.pathspec() + " has no attempt 1; attempts are: 0");
  }

  @Test
  void clonedTask_leadsToItsOrigin_andSharesItsDataAndLog() {
    Task clone = flow.run("3").step("start").task();

    assertThat(clone.originTask()).map(Task::pathspec).contains("CountingFlow/2/start/1");
    assertThat(clone.artifact("items")).isEqualTo(List.of(1, 2, 3));
    assertThat(clone.stdout()).isEqualTo("items [1, 2, 3]\n");
  }

  @Test
  void artifact_corruptedBlob_isReportedWithItsLocation() throws Exception {
    Path copy = CountingRuns.copy();
    DataArtifact items =
        FlowRuns.of(FLOW, copy).run("1").step("start").task().artifacts().stream()
            .filter(a -> a.name().equals("items"))
            .findFirst()
            .orElseThrow();
    Path blob =
        copy.resolve(FLOW)
            .resolve("data")
            .resolve(items.sha().substring(0, 2))
            .resolve(items.sha());
    Files.write(blob, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

    assertThatThrownBy(items::value)
        .isInstanceOf(PlatformException.class)
        .hasMessageStartingWith("Cannot read artifact blob " + blob + ": it is corrupted");
  }

  /** Fields whose declared types the typed reads use. */
  static final class Declared {
    List<Integer> items;
  }
}
