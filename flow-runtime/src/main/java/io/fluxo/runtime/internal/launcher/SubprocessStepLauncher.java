package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs each attempt in a process of its own, drawn from {@link TaskProcesses} (local JVMs that warm
 * up and then read their task as one JSON line on stdin, so no task pays for parsing a command
 * line). Stdout and stderr are streamed line by line and spooled to scratch files. While the
 * attempt runs, they are stored in the datastore as spooled so far, every log interval when they
 * grew ({@link LiveLogs}), so that they can be read as they grow, up to an interval behind; a store
 * that fails then is one warning line on this process's stderr. When the attempt ends, they are
 * stored whole, on threads of the launcher's own, after any earlier store: when the process prints
 * its end marker (a random line it was sent, and its exit code) on both, once the attempt is
 * recorded, or else when it exits. A log that cannot be stored then is reported as a warning on the
 * task's output. Neither failure changes how the attempt ended. The next tasks thus start while an
 * ended task's JVM still shuts down (its Spark session stopped, a large heap returned); what it
 * prints meanwhile is added to the attempt's logs once it has exited, not to the console, which has
 * moved on. Closing the launcher waits for such JVMs to exit (for a grace period, then kills them)
 * and for their logs, so that none outlives the run and no line is lost. A task that outlives its
 * {@code @Timeout} by more than a grace period is killed with its descendants.
 */
public final class SubprocessStepLauncher implements StepLauncher {
  /**
   * How long the launcher waits for processes.
   *
   * @param afterTimeout how long a task may outlive its {@code @Timeout} before it is killed
   * @param shutdown how long closing waits, for all of them together, for the JVMs of ended
   *     attempts to exit before it kills them
   * @param lateLogs how long closing then waits for what those JVMs printed to be stored
   */
  record GracePeriods(Duration afterTimeout, Duration shutdown, Duration lateLogs) {
    /** The periods of {@code flow run}: 15 s, 60 s and 10 s. */
    static final GracePeriods DEFAULT =
        new GracePeriods(Duration.ofSeconds(15), Duration.ofSeconds(60), Duration.ofSeconds(10));
  }

  /** How many logs are stored at once. */
  private static final int LOG_WRITERS = 4;

  private final TaskProcesses processes;
  private final BiFunction<TaskLaunch, String, ? extends Record> taskRequest;
  private final TaskStore tasks;
  private final GracePeriods grace;
  private final Duration logInterval;

  /** Stores the logs of ended attempts; its threads end when idle. */
  private final ThreadPoolExecutor logWriters =
      new ThreadPoolExecutor(
          LOG_WRITERS,
          LOG_WRITERS,
          5,
          TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "fluxo-log-writer");
            t.setDaemon(true);
            return t;
          });

  /**
   * The JVMs of ended attempts that still shut down, and when what they print meanwhile is stored.
   */
  private final Map<Process, CompletableFuture<Void>> shuttingDown = new ConcurrentHashMap<>();

  /**
   * A launcher that runs each task in one of {@code processes}, handing it the request {@code
   * taskRequest} makes for its launch and end marker (it carries the settings, credentials
   * included, that must not appear on a command line). Closing it closes {@code processes}.
   */
  public SubprocessStepLauncher(
      TaskProcesses processes,
      BiFunction<TaskLaunch, String, ? extends Record> taskRequest,
      TaskStore tasks) {
    this(processes, taskRequest, tasks, GracePeriods.DEFAULT, StepLauncher.LIVE_LOG_INTERVAL);
  }

  /**
   * As above, waiting for processes as {@code grace} says and storing the logs of running attempts
   * every {@code logInterval}.
   */
  SubprocessStepLauncher(
      TaskProcesses processes,
      BiFunction<TaskLaunch, String, ? extends Record> taskRequest,
      TaskStore tasks,
      GracePeriods grace,
      Duration logInterval) {
    this.processes = processes;
    this.taskRequest = taskRequest;
    this.tasks = tasks;
    this.grace = grace;
    this.logInterval = logInterval;
    logWriters.allowCoreThreadTimeOut(true);
  }

  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    String endMarker =
        "fluxo-attempt-end-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    LogSpool stdout = LogSpool.create(tasks.storage().scratchDir());
    LogSpool stderr = LogSpool.create(tasks.storage().scratchDir());
    Process process;
    try {
      process = processes.start(launch, taskRequest.apply(launch, endMarker));
    } catch (RuntimeException e) {
      stdout.delete();
      stderr.delete();
      throw e;
    }
    return new Child(launch, process, endMarker, output, stdout, stderr);
  }

  @Override
  public void expect(List<StepNode> upcoming) {
    processes.expect(upcoming);
  }

  @Override
  public void close() {
    try {
      awaitShutdowns();
    } finally {
      processes.close();
    }
  }

  /**
   * Waits for the JVMs of ended attempts to exit, for the shutdown grace period in all, and kills
   * those that do not; then for what they printed meanwhile to be stored.
   */
  private void awaitShutdowns() {
    List<Map.Entry<Process, CompletableFuture<Void>>> ended = List.copyOf(shuttingDown.entrySet());
    try {
      long deadline = System.nanoTime() + grace.shutdown().toNanos();
      for (Map.Entry<Process, CompletableFuture<Void>> attempt : ended) {
        if (!attempt
            .getKey()
            .waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          killWithDescendants(attempt.getKey());
        }
      }
      // a process it started may still hold its output open: then the logs keep what came before
      deadline = System.nanoTime() + grace.lateLogs().toNanos();
      for (Map.Entry<Process, CompletableFuture<Void>> attempt : ended) {
        try {
          attempt.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
          // the logs keep what the attempt printed up to its end
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Child implements LaunchedTask {
    private final TaskLaunch launch;
    private final Process process;
    private final TaskOutput output;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private volatile boolean killedHere;

    /** Follows {@code process}, spooling its output to {@code stdout} and {@code stderr}. */
    Child(
        TaskLaunch launch,
        Process process,
        String endMarker,
        TaskOutput output,
        LogSpool stdout,
        LogSpool stderr) {
      this.launch = launch;
      this.process = process;
      this.output = output;
      String id = id();
      LiveLogs live =
          new LiveLogs(
              tasks,
              launch.spec().task(),
              launch.spec().retryCount(),
              stdout,
              stderr,
              logInterval,
              System.err);
      Pump out =
          pump(
              process.getInputStream(),
              endMarker,
              stdout,
              line -> output.line(launch, id, line, false));
      Pump err =
          pump(
              process.getErrorStream(),
              endMarker,
              stderr,
              line -> output.line(launch, id, line, true));
      launch
          .node()
          .decorators()
          .timeout()
          .ifPresent(
              t ->
                  process
                      .onExit()
                      .orTimeout(
                          Duration.ofSeconds(t.seconds()).plus(grace.afterTimeout()).toNanos(),
                          TimeUnit.NANOSECONDS)
                      .exceptionally(
                          e -> {
                            kill();
                            return process;
                          }));
      out.end()
          .thenCombine(err.end(), (outCode, errCode) -> outCode != null ? outCode : errCode)
          .thenCompose(
              marked ->
                  marked != null
                      ? CompletableFuture.completedFuture(marked)
                      : process.onExit().thenApply(p -> exitedWithoutMarker(p.exitValue(), stderr)))
          .thenAcceptAsync(
              code -> {
                live.stop();
                long logged = storeLogs(stdout, stderr);
                CompletableFuture<Void> lateLines =
                    out.drained()
                        .thenCombine(err.drained(), (o, e) -> stdout.size() + stderr.size())
                        .thenAcceptAsync(
                            size -> {
                              if (size > logged) {
                                storeLogs(stdout, stderr);
                              }
                            },
                            logWriters)
                        .whenComplete(
                            (done, failure) -> {
                              stdout.delete();
                              stderr.delete();
                            });
                shuttingDown.put(process, lateLines);
                lateLines.whenComplete((done, failure) -> shuttingDown.remove(process));
                exit.complete(code);
              },
              logWriters)
          .exceptionally(
              e -> {
                live.stop();
                stdout.delete();
                stderr.delete();
                exit.completeExceptionally(e);
                return null;
              });
    }

    /**
     * Stores the attempt's logs as spooled so far; returns their size. A log that cannot be stored
     * is reported on the task's stderr output, and counts as stored.
     */
    private long storeLogs(LogSpool stdout, LogSpool stderr) {
      return storeLog(LogStream.STDOUT, stdout) + storeLog(LogStream.STDERR, stderr);
    }

    private long storeLog(LogStream stream, LogSpool spool) {
      try {
        return spool.store(tasks, launch.spec().task(), launch.spec().retryCount(), stream);
      } catch (RuntimeException e) {
        output.line(launch, id(), "Warning: " + e.getMessage(), true);
        return spool.size();
      }
    }

    @Override
    public String id() {
      return Long.toString(process.pid());
    }

    @Override
    public CompletableFuture<Integer> exit() {
      return exit;
    }

    @Override
    public void kill() {
      killedHere = true;
      killWithDescendants(process);
    }

    /**
     * {@code code}; when a signal from outside the run ended the process (exit code 128 + signal,
     * as the kernel's out-of-memory killer or {@code kill -9} leave), says so in the output and in
     * the attempt's stderr log, which would otherwise just stop.
     */
    private int exitedWithoutMarker(int code, LogSpool stderr) {
      if (code > 128 && code < 160 && !killedHere) {
        int signal = code - 128;
        String line =
            "Killed by signal "
                + signal
                + Optional.ofNullable(SIGNALS.get(signal)).map(n -> " (" + n + ")").orElse("")
                + ", exit code "
                + code
                + ": the task was stopped from outside the run, e.g. by the out-of-memory killer"
                + " or kill";
        stderr.append(line);
        output.line(launch, id(), line, true);
      }
      return code;
    }
  }

  /** Names of the signals that end processes, by number (Linux). */
  private static final Map<Integer, String> SIGNALS =
      Map.of(
          1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT", 9, "SIGKILL", 11, "SIGSEGV", 15,
          "SIGTERM");

  private static void killWithDescendants(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** The exit code an end marker announces, or null (then the process's own exit code counts). */
  private static Integer exitCode(String text) {
    try {
      return Integer.valueOf(text.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * A stream being read: {@code end} completes with the exit code after the end marker, or with
   * null when the stream ends without one; {@code drained} when the stream has ended.
   */
  private record Pump(CompletableFuture<Integer> end, CompletableFuture<Void> drained) {}

  /**
   * Streams {@code in}'s lines to {@code log}, and to {@code lines} until the end marker: lines
   * after it (a JVM shutting down) go to {@code log} only.
   */
  private static Pump pump(InputStream in, String endMarker, LogSpool log, Consumer<String> lines) {
    Pump pump = new Pump(new CompletableFuture<>(), new CompletableFuture<>());
    String prefix = endMarker + " ";
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  boolean ended = pump.end().isDone();
                  if (!ended && line.startsWith(prefix)) {
                    pump.end().complete(exitCode(line.substring(prefix.length())));
                    continue;
                  }
                  log.append(line);
                  if (!ended) {
                    lines.accept(line);
                  }
                }
              } catch (IOException e) {
                // the process ended or was killed; what was read is kept
              } finally {
                pump.end().complete(null);
                pump.drained().complete(null);
              }
            },
            "fluxo-log");
    thread.setDaemon(true);
    thread.start();
    return pump;
  }
}
