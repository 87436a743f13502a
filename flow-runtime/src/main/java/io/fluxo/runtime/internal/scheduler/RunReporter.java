package io.fluxo.runtime.internal.scheduler;

import io.fluxo.runtime.spi.TaskPath;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Prints a run's progress as Metaflow does: {@code 2026-11-27 10:00:00.123 [run/step/task (pid n)]
 * Task is starting.} On a terminal it also keeps a {@link ProgressLine} under those lines, redrawn
 * in place as tasks start and end and every second (erased before each line printed, drawn again
 * after it, erased when the run ends). Thread-safe: lines from concurrent tasks never interleave.
 */
public final class RunReporter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  /** Carriage return and ANSI "erase to the end of the line". */
  static final String ERASE = "\r\033[K";

  private final PrintWriter out;

  /** The progress line, or null when the output is not a terminal. */
  private final ProgressLine progress;

  private boolean drawn;
  private boolean finished;

  /** A reporter printing plain lines to {@code out}. */
  public RunReporter(PrintWriter out) {
    this(out, 0);
  }

  /**
   * A reporter printing to {@code out}, with a progress line at most {@code width} characters wide
   * when {@code width} is positive (the output is a terminal that wide).
   */
  public RunReporter(PrintWriter out, int width) {
    this.out = out;
    this.progress = width > 0 ? new ProgressLine(width, System.nanoTime()) : null;
    if (progress != null) {
      Thread clock = new Thread(this::tick, "fluxo-progress-line");
      clock.setDaemon(true);
      clock.start();
    }
  }

  /** Redraws the progress line every second, so its clock runs while no task starts or ends. */
  private void tick() {
    while (true) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (finished) {
          return;
        }
        if (drawn) {
          draw();
        }
      }
    }
  }

  /** A line about the whole run. */
  public synchronized void run(String message) {
    print(TIME.format(LocalDateTime.now()) + " " + message);
  }

  /** A line about one task; {@code processId} may be null (a cloned task). */
  public synchronized void task(TaskPath task, String processId, String message) {
    String where =
        processId == null ? task.runStepTask() : task.runStepTask() + " (pid " + processId + ")";
    print(TIME.format(LocalDateTime.now()) + " [" + where + "] " + message);
  }

  /** An attempt of {@code task} started. */
  public synchronized void started(TaskPath task) {
    if (progress != null) {
      progress.started(task.runId(), task.step());
      draw();
    }
  }

  /** An attempt of {@code task} that had started ended. */
  public synchronized void ended(TaskPath task, boolean succeeded) {
    if (progress != null) {
      progress.ended(task.runId(), task.step(), succeeded);
      draw();
    }
  }

  /** {@code task}'s results were cloned from an earlier run. */
  public synchronized void cloned(TaskPath task) {
    if (progress != null) {
      progress.cloned(task.runId(), task.step());
      draw();
    }
  }

  /** Erases the progress line for good: the run ended. */
  public synchronized void finish() {
    finished = true;
    erase();
    out.flush();
  }

  private void print(String line) {
    erase();
    out.println(line);
    draw();
  }

  private void draw() {
    if (progress != null && !finished && !progress.isEmpty()) {
      erase();
      out.print(progress.render(System.nanoTime()));
      drawn = true;
    }
    out.flush();
  }

  private void erase() {
    if (drawn) {
      out.print(ERASE);
      drawn = false;
    }
  }
}
