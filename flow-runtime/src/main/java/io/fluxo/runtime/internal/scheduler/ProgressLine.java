package io.fluxo.runtime.internal.scheduler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A run's progress in one line, for a terminal: the run id, the time since it started and, per step
 * in the order its tasks first started, how many tasks are done, running and failed ({@code run 12
 * | 0:42 | start: 1 done | square: 7 done, 3 running, 1 failed}). Not thread-safe: {@link
 * RunReporter} holds it under its lock.
 */
final class ProgressLine {
  private final Map<String, int[]> steps = new LinkedHashMap<>();
  private final long startedNanos;
  private final int width;
  private String runId;

  private static final int DONE = 0;
  private static final int RUNNING = 1;
  private static final int FAILED = 2;

  /** A line at most {@code width} characters wide, timed from {@code startedNanos}. */
  ProgressLine(int width, long startedNanos) {
    this.width = width;
    this.startedNanos = startedNanos;
  }

  void started(String runId, String step) {
    this.runId = runId;
    counts(step)[RUNNING]++;
  }

  /** An attempt that ran ended: succeeded, or failed (whether or not it is retried). */
  void ended(String runId, String step, boolean succeeded) {
    this.runId = runId;
    int[] counts = counts(step);
    counts[RUNNING] = Math.max(0, counts[RUNNING] - 1);
    counts[succeeded ? DONE : FAILED]++;
  }

  /** A task whose results were cloned from an earlier run (resume). */
  void cloned(String runId, String step) {
    this.runId = runId;
    counts(step)[DONE]++;
  }

  /** Whether a task has been seen yet: before that there is nothing to show. */
  boolean isEmpty() {
    return steps.isEmpty();
  }

  /** The line at {@code nowNanos}, cut to the width. */
  String render(long nowNanos) {
    long seconds = Duration.ofNanos(nowNanos - startedNanos).toSeconds();
    StringJoiner line = new StringJoiner(" | ");
    line.add("run " + runId);
    line.add(
        seconds >= 3600
            ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
            : String.format("%d:%02d", seconds / 60, seconds % 60));
    steps.forEach(
        (step, counts) -> {
          StringJoiner parts = new StringJoiner(", ");
          if (counts[DONE] > 0) {
            parts.add(counts[DONE] + " done");
          }
          if (counts[RUNNING] > 0) {
            parts.add(counts[RUNNING] + " running");
          }
          if (counts[FAILED] > 0) {
            parts.add(counts[FAILED] + " failed");
          }
          line.add(step + ": " + parts);
        });
    String text = line.toString();
    return text.length() <= width ? text : text.substring(0, Math.max(0, width - 3)) + "...";
  }

  private int[] counts(String step) {
    return steps.computeIfAbsent(step, s -> new int[3]);
  }
}
