package io.fluxo.runtime.internal.scheduler;

import io.fluxo.runtime.spi.TaskPath;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Prints a run's progress as Metaflow does: {@code 2026-11-27 10:00:00.123 [run/step/task (pid n)]
 * Task is starting.} Thread-safe: lines from concurrent tasks never interleave.
 */
public final class RunReporter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private final PrintWriter out;

  /** A reporter printing to {@code out}. */
  public RunReporter(PrintWriter out) {
    this.out = out;
  }

  /** A line about the whole run. */
  public synchronized void run(String message) {
    out.println(TIME.format(LocalDateTime.now()) + " " + message);
    out.flush();
  }

  /** A line about one task; {@code processId} may be null (a cloned task). */
  public synchronized void task(TaskPath task, String processId, String message) {
    String where =
        processId == null ? task.runStepTask() : task.runStepTask() + " (pid " + processId + ")";
    out.println(TIME.format(LocalDateTime.now()) + " [" + where + "] " + message);
    out.flush();
  }
}
