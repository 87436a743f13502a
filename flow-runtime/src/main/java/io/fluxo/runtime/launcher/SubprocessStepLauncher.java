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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs each attempt as a child JVM of this process (see {@link TaskProcesses}), which warms up and
 * then reads its task as one JSON line on stdin (so no task pays for parsing a command line).
 * Stdout and stderr are streamed line by line and stored in the datastore when the process ends. A task that outlives its {@code @Timeout} by more than a
 * grace period is killed with its descendants.
 */
public final class SubprocessStepLauncher implements StepLauncher {
  private static final long TIMEOUT_GRACE_SECONDS = 15;

  private final TaskProcesses processes;
  private final Function<TaskLaunch, ? extends Record> taskRequest;
  private final TaskStore tasks;

  /**
   * A launcher that runs each task in one of {@code processes}, handing it the request {@code
   * taskRequest} makes for its launch (written as JSON; it carries the settings, credentials
   * included, that must not appear on a command line). Steps with {@code @Environment} always get
   * a fresh process, the others a warm spare if one is ready. Closing it closes {@code processes}.
   */
  public SubprocessStepLauncher(TaskProcesses processes, Function<TaskLaunch, ? extends Record> taskRequest, TaskStore tasks) {
    this.processes = processes;
    this.taskRequest = taskRequest;
    this.tasks = tasks;
  }

  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    Map<String, String> environment = launch.node().decorators().environment().map(EnvironmentSpec::vars).orElse(Map.of());
    Process process = processes.take(light(launch.node()), environment);
    send(process, taskRequest.apply(launch));
    return new Child(launch, process, output);
  }

  /** Keeps as many spares of each kind as the upcoming tasks that may use one. */
  @Override
  public void expect(List<StepNode> upcoming) {
    int light = 0;
    int heavy = 0;
    for (StepNode node : upcoming) {
      if (node.decorators().environment().isEmpty()) {
        if (light(node)) {
          light++;
        } else {
          heavy++;
        }
      }
    }
    processes.want(light, heavy);
  }

  @Override
  public void close() {
    processes.close();
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

    Child(TaskLaunch launch, Process process, TaskOutput output) {
      this.process = process;
      String id = id();
      ByteArrayOutputStream stdout = new ByteArrayOutputStream();
      ByteArrayOutputStream stderr = new ByteArrayOutputStream();
      Thread out = pump(process.getInputStream(), stdout, line -> output.line(launch, id, line, false));
      Thread err = pump(process.getErrorStream(), stderr, line -> output.line(launch, id, line, true));
      launch.node().decorators().timeout().ifPresent(t ->
          process.onExit().orTimeout(t.seconds() + TIMEOUT_GRACE_SECONDS, TimeUnit.SECONDS).exceptionally(e -> {
            kill();
            return process;
          }));
      process.onExit().thenRunAsync(() -> {
        try {
          out.join();
          err.join();
          int attempt = launch.spec().retryCount();
          tasks.writeLog(launch.spec().task(), attempt, LogStream.STDOUT, stdout.toByteArray());
          tasks.writeLog(launch.spec().task(), attempt, LogStream.STDERR, stderr.toByteArray());
          exit.complete(process.exitValue());
        } catch (Throwable e) {
          exit.completeExceptionally(e);
        }
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
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream copy, java.util.function.Consumer<String> lines) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (copy) {
            copy.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
          }
          lines.accept(line);
        }
      } catch (IOException e) {
        // the process ended or was killed; what was read is kept
      }
    }, "fluxo-log");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
