package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskPath;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The logs of a running attempt, stored as spooled so far every interval, each only when it grew
 * since it was last stored, so that they can be read while the attempt runs. Its stores never
 * overlap, and none runs or starts once {@link #stop} has returned: the store at the attempt's end,
 * made after that, is the last. A store that fails is left to the next one; the first failure is
 * one warning line, the attempt goes on.
 */
final class LiveLogs {
  /** How many stores of running attempts run at once, in the whole JVM. */
  private static final int STORERS = 2;

  /** Runs the stores of all running attempts; its threads end when idle. */
  private static final ScheduledThreadPoolExecutor SCHEDULER = scheduler();

  private final TaskStore tasks;
  private final TaskPath task;
  private final int attempt;
  private final Map<LogStream, LogSpool> spools;
  private final PrintStream warnings;

  /** The size of each log as last stored; guarded by this. */
  private final Map<LogStream, Long> stored = new EnumMap<>(LogStream.class);

  private final ScheduledFuture<?> schedule;

  /** Guarded by this. */
  private boolean stopped;

  /** Guarded by this. */
  private boolean warned;

  /**
   * Starts storing {@code stdout} and {@code stderr} as the logs of attempt {@code attempt} of
   * {@code task} every {@code interval}; the first store that fails is reported on {@code
   * warnings}.
   */
  LiveLogs(
      TaskStore tasks,
      TaskPath task,
      int attempt,
      LogSpool stdout,
      LogSpool stderr,
      Duration interval,
      PrintStream warnings) {
    this.tasks = tasks;
    this.task = task;
    this.attempt = attempt;
    this.spools = new EnumMap<>(Map.of(LogStream.STDOUT, stdout, LogStream.STDERR, stderr));
    this.warnings = warnings;
    spools.keySet().forEach(stream -> stored.put(stream, 0L));
    this.schedule =
        SCHEDULER.scheduleWithFixedDelay(
            this::store, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops storing: once this returns, no store of these logs runs, and none will. Waits for a store
   * under way to end. Idempotent.
   */
  void stop() {
    schedule.cancel(false);
    synchronized (this) {
      stopped = true;
    }
  }

  private synchronized void store() {
    if (stopped) {
      return;
    }
    for (Map.Entry<LogStream, LogSpool> log : spools.entrySet()) {
      LogStream stream = log.getKey();
      LogSpool spool = log.getValue();
      if (spool.size() > stored.get(stream)) {
        try {
          stored.put(stream, spool.store(tasks, task, attempt, stream));
        } catch (RuntimeException e) {
          warnOnce(e);
        }
      }
    }
  }

  private void warnOnce(RuntimeException failure) {
    if (!warned) {
      warned = true;
      warnings.println(
          "Warning: cannot store the logs of "
              + task.pathspec()
              + " attempt "
              + attempt
              + " while it runs (they are stored when it ends): "
              + failure.getMessage());
    }
  }

  private static ScheduledThreadPoolExecutor scheduler() {
    ScheduledThreadPoolExecutor scheduler =
        new ScheduledThreadPoolExecutor(
            STORERS,
            r -> {
              Thread t = new Thread(r, "fluxo-live-log");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    scheduler.setKeepAliveTime(5, TimeUnit.SECONDS);
    scheduler.allowCoreThreadTimeOut(true);
    return scheduler;
  }
}
