package io.fluxo.ui.timeline;

import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.ui.catalog.TaskView;
import io.fluxo.ui.view.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's timeline: one bar per task attempt on a shared time axis, grouped by step in the order
 * the steps first ran; before a task's first attempt, a thinner bar for the time it waited after it
 * was registered. Rows shrink when there are many, so a thousand attempts still fit on a screen or
 * two.
 *
 * @param groups the steps' rows
 * @param ticks the time axis's labels
 * @param width the drawing's width (the time axis spans {@link #AXIS_LEFT} to width)
 * @param height the drawing's height
 * @param attempts how many attempts it shows
 */
public record Timeline(List<Group> groups, List<Tick> ticks, int width, int height, int attempts) {
  /** Where the time axis starts, after the step labels. */
  public static final int AXIS_LEFT = 150;

  private static final int WIDTH = 1000;
  private static final int TOP = 24;
  private static final int GROUP_GAP = 18;

  /**
   * The rows of one step.
   *
   * @param step the step's name
   * @param labelY where its label sits
   * @param bars one per attempt
   */
  public record Group(String step, int labelY, List<Bar> bars) {}

  /**
   * One attempt.
   *
   * @param x where it starts
   * @param y its row's top
   * @param width how long it ran (at least 2)
   * @param height its row's height
   * @param queuedX where its wait before starting begins (equal to {@code x} if none is shown)
   * @param state {@code running}, {@code succeeded}, {@code failed}, {@code retried}, {@code
   *     timed-out} or {@code caught}
   * @param title what a pointer over it shows: task, attempt, state, times
   * @param href the task page of the attempt
   */
  public record Bar(
      int x, int y, int width, int height, int queuedX, String state, String title, String href) {}

  /**
   * A label on the time axis.
   *
   * @param x where it sits
   * @param label the time since the run started
   * @param anchor how the label aligns to {@code x}: {@code start}, {@code middle} or {@code end}
   */
  public record Tick(int x, String label, String anchor) {}

  /**
   * The timeline of {@code tasks}, from {@code start} to {@code end} (now for a running run); each
   * bar links to {@code taskHref} of its task and attempt.
   */
  public static Timeline of(
      List<TaskView> tasks,
      Instant start,
      Instant end,
      java.util.function.BiFunction<TaskView, Integer, String> taskHref) {
    Map<String, List<TaskView>> bySteps = new LinkedHashMap<>();
    tasks.stream()
        .filter(t -> !t.attempts().isEmpty())
        .sorted(java.util.Comparator.comparing((TaskView t) -> t.attempts().get(0).startedAt()))
        .forEach(
            t -> bySteps.computeIfAbsent(t.record().path().step(), s -> new ArrayList<>()).add(t));
    int attempts = tasks.stream().mapToInt(t -> t.attempts().size()).sum();
    int rowHeight = attempts <= 200 ? 16 : attempts <= 600 ? 8 : 5;
    int barHeight = Math.max(3, rowHeight - (rowHeight > 8 ? 4 : 1));
    long spanMillis = Math.max(1, Duration.between(start, end).toMillis());
    double scale = (double) (WIDTH - AXIS_LEFT - 8) / spanMillis;
    List<Group> groups = new ArrayList<>();
    int y = TOP;
    for (Map.Entry<String, List<TaskView>> step : bySteps.entrySet()) {
      int labelY = y + 12;
      y += 16;
      List<Bar> bars = new ArrayList<>();
      for (TaskView task : step.getValue()) {
        for (int i = 0; i < task.attempts().size(); i++) {
          AttemptRecord attempt = task.attempts().get(i);
          boolean last = i == task.attempts().size() - 1;
          Instant ended = attempt.endedAt() != null ? attempt.endedAt() : end;
          int x = AXIS_LEFT + (int) (millis(start, attempt.startedAt()) * scale);
          int w = Math.max(2, (int) (millis(attempt.startedAt(), ended) * scale));
          int queuedX =
              i == 0 && task.record().createdAt() != null
                  ? AXIS_LEFT
                      + (int) (Math.max(0, millis(start, task.record().createdAt())) * scale)
                  : x;
          String state = state(attempt.status(), last);
          String title =
              task.record().path().step()
                  + "/"
                  + task.record().path().taskId()
                  + " attempt "
                  + attempt.attempt()
                  + ": "
                  + state
                  + ", "
                  + Durations.format(Duration.between(attempt.startedAt(), ended))
                  + " from +"
                  + Durations.format(Duration.between(start, attempt.startedAt()));
          bars.add(
              new Bar(
                  x,
                  y,
                  w,
                  barHeight,
                  Math.min(queuedX, x),
                  state,
                  title,
                  taskHref.apply(task, attempt.attempt())));
          y += rowHeight;
        }
      }
      groups.add(new Group(step.getKey(), labelY, bars));
      y += GROUP_GAP - rowHeight / 2;
    }
    List<Tick> ticks = new ArrayList<>();
    for (int i = 0; i <= 4; i++) {
      long at = spanMillis * i / 4;
      ticks.add(
          new Tick(
              AXIS_LEFT + (int) (at * scale),
              "+" + Durations.format(Duration.ofMillis(at)),
              i == 0 ? "start" : i == 4 ? "end" : "middle"));
    }
    return new Timeline(groups, ticks, WIDTH, y + 8, attempts);
  }

  private static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  private static String state(AttemptStatus status, boolean last) {
    if (status == null) {
      return "running";
    }
    return switch (status) {
      case SUCCEEDED -> "succeeded";
      case CAUGHT -> "caught";
      case TIMED_OUT -> last ? "timed-out" : "retried";
      case FAILED -> last ? "failed" : "retried";
    };
  }
}
