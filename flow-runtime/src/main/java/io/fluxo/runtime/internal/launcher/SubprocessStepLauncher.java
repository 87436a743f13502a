package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.EnvironmentSpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs each attempt as a child JVM of this process (see {@link TaskProcesses}), which warms up and
 * then reads its task as one JSON line on stdin (so no task pays for parsing a command line).
 * Stdout and stderr are streamed line by line and stored in the datastore when the attempt ends:
 * when the process prints its end marker (a random line it was sent, and its exit code) on both,
 * once the attempt is recorded, or else when it exits. The next tasks thus start while an ended
 * task's JVM still shuts down (its Spark session stopped, a large heap returned: ≈ 0.25 s for a
 * Spark step); what it prints meanwhile is added to the attempt's logs once it has exited, not to
 * the console, which has moved on. Closing the launcher waits for such JVMs to exit (a minute at
 * most, then kills them) and for their logs, so that none outlives the run and no line is lost. A
 * task that outlives its {@code @Timeout} by more than a grace period is killed with its
 * descendants.
 */
public final class SubprocessStepLauncher implements StepLauncher {
  private static final long TIMEOUT_GRACE_SECONDS = 15;
  private static final long SHUTDOWN_GRACE_SECONDS = 60;
  private static final long LATE_LOG_SECONDS = 10;

  private final TaskProcesses processes;
  private final BiFunction<TaskLaunch, String, ? extends Record> taskRequest;
  private final TaskStore tasks;

  /**
   * The JVMs of ended attempts that still shut down, and when what they print meanwhile is stored.
   */
  private final Map<Process, CompletableFuture<Void>> shuttingDown = new ConcurrentHashMap<>();

  /**
   * A launcher that runs each task in one of {@code processes}, handing it the request {@code
   * taskRequest} makes for its launch and end marker (written as JSON; it carries the settings,
   * credentials included, that must not appear on a command line). Steps with {@code @Environment}
   * always get a fresh process, the others a warm spare if one is ready. Closing it closes {@code
   * processes}.
   */
  public SubprocessStepLauncher(
      TaskProcesses processes,
      BiFunction<TaskLaunch, String, ? extends Record> taskRequest,
      TaskStore tasks) {
    this.processes = processes;
    this.taskRequest = taskRequest;
    this.tasks = tasks;
  }

  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    Map<String, String> environment =
        launch.node().decorators().environment().map(EnvironmentSpec::vars).orElse(Map.of());
    Process process =
        processes.take(light(launch.node()) ? null : launch.node().name(), environment);
    String endMarker =
        "fluxo-attempt-end-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    send(process, taskRequest.apply(launch, endMarker));
    return new Child(launch, process, endMarker, output);
  }

  /**
   * Keeps as many spares of each kind as the upcoming tasks that may use one (heavy ones per step).
   */
  @Override
  public void expect(List<StepNode> upcoming) {
    int light = 0;
    List<String> heavy = new ArrayList<>();
    for (StepNode node : upcoming) {
      if (node.decorators().environment().isEmpty()) {
        if (light(node)) {
          light++;
        } else {
          heavy.add(node.name());
        }
      }
    }
    processes.want(light, heavy);
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
   * Waits for the JVMs of ended attempts to exit, a minute at most in all, and kills those that do
   * not; then for what they printed meanwhile to be stored.
   */
  private void awaitShutdowns() {
    List<Map.Entry<Process, CompletableFuture<Void>>> ended = List.copyOf(shuttingDown.entrySet());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_GRACE_SECONDS);
      for (Map.Entry<Process, CompletableFuture<Void>> attempt : ended) {
        if (!attempt
            .getKey()
            .waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          killWithDescendants(attempt.getKey());
        }
      }
      // a process it started may still hold its output open: then the logs keep what came before
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LATE_LOG_SECONDS);
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

  /** Whether tasks of {@code node} run in a light JVM: it declares no {@code @Resources}. */
  private static boolean light(StepNode node) {
    return node.decorators().resources().isEmpty();
  }

  /** Hands the request to a warm process, as one JSON line on its stdin. */
  private static void send(Process process, Record request) {
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.write(RecordJson.writeLine(request));
      stdin.write('\n');
      stdin.flush();
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot hand a task to process %d: %s", process.pid(), e.getMessage());
    }
  }

  private final class Child implements LaunchedTask {
    private final Process process;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    Child(TaskLaunch launch, Process process, String endMarker, TaskOutput output) {
      this.process = process;
      String id = id();
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
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
                      .orTimeout(t.seconds() + TIMEOUT_GRACE_SECONDS, TimeUnit.SECONDS)
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
                      : process.onExit().thenApply(Process::exitValue))
          .thenAcceptAsync(
              code -> {
                int logged = writeLogs(launch, stdout, stderr);
                CompletableFuture<Void> lateLines =
                    out.drained()
                        .thenCombine(err.drained(), (o, e) -> size(stdout) + size(stderr))
                        .thenAccept(
                            size -> {
                              if (size > logged) {
                                writeLogs(launch, stdout, stderr);
                              }
                            });
                shuttingDown.put(process, lateLines);
                lateLines.whenComplete((done, failure) -> shuttingDown.remove(process));
                exit.complete(code);
              })
          .exceptionally(
              e -> {
                exit.completeExceptionally(e);
                return null;
              });
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
      killWithDescendants(process);
    }
  }

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

  /** Stores the attempt's logs as read so far; returns their size. */
  private int writeLogs(
      TaskLaunch launch, ByteArrayOutputStream stdout, ByteArrayOutputStream stderr) {
    byte[] out = copy(stdout);
    byte[] err = copy(stderr);
    tasks.writeLog(launch.spec().task(), launch.spec().retryCount(), LogStream.STDOUT, out);
    tasks.writeLog(launch.spec().task(), launch.spec().retryCount(), LogStream.STDERR, err);
    return out.length + err.length;
  }

  private static byte[] copy(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.toByteArray();
    }
  }

  private static int size(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.size();
    }
  }

  /**
   * A stream being read: {@code end} completes with the exit code after the end marker, or with
   * null when the stream ends without one; {@code drained} when the stream has ended.
   */
  private record Pump(CompletableFuture<Integer> end, CompletableFuture<Void> drained) {}

  /**
   * Streams {@code in}'s lines to {@code copy}, and to {@code lines} until the end marker: lines
   * after it (a JVM shutting down) go to {@code copy} only.
   */
  private static Pump pump(
      InputStream in, String endMarker, ByteArrayOutputStream copy, Consumer<String> lines) {
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
                  synchronized (copy) {
                    copy.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
                  }
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
