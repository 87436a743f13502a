package io.fluxo.runtime.internal.task;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Enforces an attempt's {@code @Timeout}: calls back once its limit has passed. */
@FunctionalInterface
interface TimeoutWatchdog {
  /**
   * A watchdog on a daemon thread of its own per attempt, on the real clock. Disarming it lets an
   * expiry already running finish: it is the attempt's end being recorded.
   */
  TimeoutWatchdog DAEMON_THREAD =
      (limit, expired) -> {
        ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "fluxo-timeout");
                  t.setDaemon(true);
                  return t;
                });
        ScheduledFuture<?> expiry = timer.schedule(expired, limit.toNanos(), TimeUnit.NANOSECONDS);
        return () -> {
          expiry.cancel(false);
          timer.shutdown();
        };
      };

  /**
   * Runs {@code expired}, on another thread than the caller's, once {@code limit} has passed,
   * unless the returned disarm has been run before.
   */
  Runnable arm(Duration limit, Runnable expired);
}
