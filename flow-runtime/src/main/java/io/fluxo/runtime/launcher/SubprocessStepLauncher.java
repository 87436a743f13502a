package io.fluxo.runtime.launcher;

import io.fluxo.runtime.datastore.LogStream;
import io.fluxo.runtime.datastore.TaskStore;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.EnvironmentSpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.internal.json.RecordJson;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs each attempt as a child JVM of this process (see {@link TaskProcesses}), which warms up and
 * then reads its task as one JSON line on stdin (so no task pays for parsing a command line).
 * Stdout and stderr are streamed line by line and stored in the datastore when the attempt ends: when
 * the process prints its end marker (a random line it was sent, and its exit code) on both, once
 * the attempt is recorded, or else when it exits. The next tasks thus start while an ended task's
 * JVM still shuts down (its Spark session stopped, a large heap returned: ≈ 0.25 s for a Spark
 * step); what it prints meanwhile is dropped. Closing the launcher waits for such JVMs to exit (a
 * minute at most, then kills them), so that none outlives the run. A task that outlives its {@code
 * @Timeout} by more than a grace period is killed with its descendants.
 */
public final class SubprocessStepLauncher implements StepLauncher {
  private static final long TIMEOUT_GRACE_SECONDS = 15;
  private static final long SHUTDOWN_GRACE_SECONDS = 60;

  private final TaskProcesses processes;
  private final BiFunction<TaskLaunch, String, ? extends Record> taskRequest;
  private final TaskStore tasks;
  private final Set<Process> shuttingDown = ConcurrentHashMap.newKeySet();

  /**
   * A launcher that runs each task in one of {@code processes}, handing it the request {@code
   * taskRequest} makes for its launch and end marker (written as JSON; it carries the settings,
   * credentials included, that must not appear on a command line). Steps with {@code @Environment} always get
   * a fresh process, the others a warm spare if one is ready. Closing it closes {@code processes}.
   */
  public SubprocessStepLauncher(
      TaskProcesses processes, BiFunction<TaskLaunch, String, ? extends Record> taskRequest, TaskStore tasks) {
    this.processes = processes;
    this.taskRequest = taskRequest;
    this.tasks = tasks;
  }

  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    Map<String, String> environment = launch.node().decorators().environment().map(EnvironmentSpec::vars).orElse(Map.of());
    Process process = processes.take(light(launch.node()) ? null : launch.node().name(), environment);
    String endMarker = "fluxo-attempt-end-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    send(process, taskRequest.apply(launch, endMarker));
    return new Child(launch, process, endMarker, output);
  }

  /** Keeps as many spares of each kind as the upcoming tasks that may use one (heavy ones per step). */
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

  /** Waits for the JVMs of ended attempts to exit, a minute at most in all; kills those that do not. */
  private void awaitShutdowns() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SHUTDOWN_GRACE_SECONDS);
    for (Process process : List.copyOf(shuttingDown)) {
      try {
        if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          killWithDescendants(process);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
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
      throw new PlatformException(e, "Cannot hand a task to process %d: %s", process.pid(), e.getMessage());
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
      CompletableFuture<Integer> outEnd =
          pump(process.getInputStream(), endMarker, stdout, line -> output.line(launch, id, line, false));
      CompletableFuture<Integer> errEnd =
          pump(process.getErrorStream(), endMarker, stderr, line -> output.line(launch, id, line, true));
      launch.node().decorators().timeout().ifPresent(t ->
          process.onExit().orTimeout(t.seconds() + TIMEOUT_GRACE_SECONDS, TimeUnit.SECONDS).exceptionally(e -> {
            kill();
            return process;
          }));
      outEnd.thenCombine(errEnd, (out, err) -> out != null ? out : err)
          .thenCompose(marked -> marked != null
              ? CompletableFuture.completedFuture(marked)
              : process.onExit().thenApply(Process::exitValue))
          .thenAcceptAsync(code -> {
            int attempt = launch.spec().retryCount();
            tasks.writeLog(launch.spec().task(), attempt, LogStream.STDOUT, copy(stdout));
            tasks.writeLog(launch.spec().task(), attempt, LogStream.STDERR, copy(stderr));
            shuttingDown.add(process);
            process.onExit().thenRun(() -> shuttingDown.remove(process));
            exit.complete(code);
          })
          .exceptionally(e -> {
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

  private static byte[] copy(ByteArrayOutputStream stream) {
    synchronized (stream) {
      return stream.toByteArray();
    }
  }

  /**
   * Streams {@code in}'s lines to {@code lines} and {@code copy} until the end marker: completes with
   * the exit code that follows the marker, or with null when the stream ends without one. Lines after
   * the marker (a JVM shutting down) are read and dropped.
   */
  private static CompletableFuture<Integer> pump(
      InputStream in, String endMarker, ByteArrayOutputStream copy, Consumer<String> lines) {
    CompletableFuture<Integer> end = new CompletableFuture<>();
    String prefix = endMarker + " ";
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (end.isDone()) {
            continue;
          }
          if (line.startsWith(prefix)) {
            end.complete(exitCode(line.substring(prefix.length())));
            continue;
          }
          synchronized (copy) {
            copy.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
          }
          lines.accept(line);
        }
      } catch (IOException e) {
        // the process ended or was killed; what was read is kept
      } finally {
        end.complete(null);
      }
    }, "fluxo-log");
    thread.setDaemon(true);
    thread.start();
    return end;
  }
}
