package io.fluxo.ui.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.ui.catalog.TaskView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

  private static AttemptRecord attempt(
      TaskPath task, int n, AttemptStatus status, int startSecond, Integer endSecond) {
    return new AttemptRecord(
        task,
        n,
        status,
        T0.plusSeconds(startSecond),
        endSecond == null ? null : T0.plusSeconds(endSecond),
        1,
        Map.of(),
        null);
  }

  private static TaskView task(String step, String id, int created, AttemptRecord... attempts) {
    TaskPath path = new TaskPath("F", "1", step, id);
    List<AttemptRecord> list = new ArrayList<>();
    for (AttemptRecord a : attempts) {
      list.add(
          new AttemptRecord(
              path, a.attempt(), a.status(), a.startedAt(), a.endedAt(), 1, Map.of(), null));
    }
    return TaskView.of(
        new TaskRecord(path, List.of(), -1, null, T0.plusSeconds(created)),
        list,
        RunStatus.RUNNING);
  }

  @Test
  void everyAttemptIsABar_groupedByStepInTheOrderTheyRan() {
    TaskPath any = new TaskPath("F", "1", "x", "1");
    List<TaskView> tasks =
        List.of(
            task(
                "square",
                "2",
                2,
                attempt(any, 0, AttemptStatus.FAILED, 3, 4),
                attempt(any, 1, AttemptStatus.SUCCEEDED, 5, 6)),
            task("start", "1", 0, attempt(any, 0, AttemptStatus.SUCCEEDED, 1, 2)),
            task("square", "3", 2, attempt(any, 0, null, 3, null)),
            task("join", "4", 6));

    Timeline timeline =
        Timeline.of(tasks, T0, T0.plusSeconds(10), (t, n) -> t.record().path().taskId() + "#" + n);

    assertThat(timeline.attempts()).isEqualTo(4);
    assertThat(timeline.groups())
        .extracting(Timeline.Group::step)
        .containsExactly("start", "square");
    List<Timeline.Bar> square = timeline.groups().get(1).bars();
    assertThat(square)
        .extracting(Timeline.Bar::state, Timeline.Bar::href)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("retried", "2#0"),
            org.assertj.core.groups.Tuple.tuple("succeeded", "2#1"),
            org.assertj.core.groups.Tuple.tuple("running", "3#0"));
    // a running attempt reaches the end of the axis; one second is a tenth of it
    Timeline.Bar running = square.get(2);
    assertThat(running.x() + running.width()).isBetween(timeline.width() - 12, timeline.width());
    Timeline.Bar first = timeline.groups().get(0).bars().get(0);
    int second = square.get(1).x() - square.get(0).x();
    assertThat(first.width()).isBetween(second / 2 - 2, second / 2 + 2);
    // the wait between registration and the first attempt, not before a retry
    assertThat(square.get(0).queuedX()).isLessThan(square.get(0).x());
    assertThat(square.get(1).queuedX()).isEqualTo(square.get(1).x());
    assertThat(timeline.ticks()).hasSize(5);
    assertThat(timeline.ticks().get(4).label()).isEqualTo("+10.0 s");
  }

  @Test
  void aThousandAttempts_fitInCompactRows() {
    TaskPath any = new TaskPath("F", "1", "x", "1");
    List<TaskView> tasks = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      tasks.add(
          task("square", Integer.toString(i), 0, attempt(any, 0, AttemptStatus.SUCCEEDED, 1, 2)));
    }

    Timeline timeline = Timeline.of(tasks, T0, T0.plusSeconds(3), (t, n) -> "");

    assertThat(timeline.groups().get(0).bars()).hasSize(1000);
    assertThat(timeline.height()).isLessThan(6000);
    assertThat(timeline.groups().get(0).bars()).extracting(Timeline.Bar::y).doesNotHaveDuplicates();
  }
}
