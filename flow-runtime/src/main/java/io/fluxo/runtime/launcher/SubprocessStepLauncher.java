package io.fluxo.runtime.launcher;

import io.fluxo.runtime.datastore.LogStream;
import io.fluxo.runtime.datastore.TaskStore;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.EnvironmentSpec;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import io.fluxo.runtime.internal.json.RecordJson;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs each attempt as a child JVM of this process, with the same classpath: {@code java -cp ...
 * <main> step --from-stdin}, which warms up and then reads its task as one JSON line on stdin (so
 * no task pays for parsing a command line). Stdout and stderr are streamed line by line and stored
 * in the datastore when the process ends. A task that outlives its {@code @Timeout} by more than a
 * grace period is killed with its descendants.
 */
public final class SubprocessStepLauncher implements StepLauncher {
  private static final long TIMEOUT_GRACE_SECONDS = 15;

  /**
   * The argument that makes a task process warm up and then wait for its task: one JSON line on
   * stdin, made by the launcher's {@code taskRequest} function.
   */
  public static final String FROM_STDIN = "--from-stdin";

  /**
   * JVM options of task processes for steps without {@code @Resources} (and of warm spares), which
   * favour start-up: the serial collector, and methods compiled by the first tier only once called
   * ten times more often than by default, so a short task spends little CPU in the JIT while a loop
   * over data still reaches the optimizing compiler (C1 alone makes a step that hashes 256 MiB 2.7
   * times slower).
   */
  public static final List<String> LIGHT_JVM_OPTIONS = List.of(
      "-XX:+UseSerialGC", "-XX:Tier3InvocationThreshold=2000", "-XX:Tier3MinInvocationThreshold=1000",
      "-XX:Tier3CompileThreshold=20000");

  /**
   * JVM options of task processes for steps with {@code @Resources}, which favour a batch job's
   * throughput over pauses: the parallel collector, and methods compiled by the optimizing compiler
   * only once three times hotter than by default: a task JVM lives for one task and cannot amortize
   * the optimizing compiler over a long life. On the flagship Spark flow this cuts the JIT's CPU by
   * a quarter and the run's wall time by 15 %, with the same metrics (bench/spark/README.md).
   */
  public static final List<String> HEAVY_JVM_OPTIONS = List.of(
      "-XX:+UseParallelGC", "-XX:Tier4InvocationThreshold=15000", "-XX:Tier4MinInvocationThreshold=1800",
      "-XX:Tier4CompileThreshold=45000", "-XX:Tier4BackEdgeThreshold=120000");

  private static final Pattern GARBAGE_COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC");

  private final List<String> commandPrefix;
  private final Function<TaskLaunch, ? extends Record> taskRequest;
  private final TaskStore tasks;
  private final ClassDataArchive lightClassData;
  private final ClassDataArchive heavyClassData;
  private final int warmSpares;
  private final Map<String, String> taskEnvironment;
  private final Deque<Process> spares = new ArrayDeque<>();
  private boolean closed;

  /**
   * A launcher that runs {@code commandPrefix} (java, JVM options, classpath, main class) followed
   * by {@code step --from-stdin}, and hands each task process the request {@code taskRequest} makes
   * for its launch (written as JSON). It keeps {@code warmSpares} task processes started and warmed
   * up ahead of need; each still runs exactly one task. Steps with {@code @Environment} or {@code
   * @Resources} always get a fresh process. {@code taskEnvironment} is added to every task
   * process's environment: the way settings that must not appear on a command line (credentials)
   * reach tasks.
   */
  public SubprocessStepLauncher(
      List<String> commandPrefix, Function<TaskLaunch, ? extends Record> taskRequest, TaskStore tasks, int warmSpares,
      Map<String, String> taskEnvironment) {
    this.taskEnvironment = Map.copyOf(taskEnvironment);
    this.commandPrefix = List.copyOf(commandPrefix);
    this.taskRequest = taskRequest;
    this.tasks = tasks;
    this.warmSpares = warmSpares;
    int cp = this.commandPrefix.indexOf("-cp");
    String classpath = cp >= 0 && cp + 1 < this.commandPrefix.size() ? this.commandPrefix.get(cp + 1) : null;
    this.lightClassData = classpath == null ? null : ClassDataArchive.forClasspath(classpath, "light");
    this.heavyClassData = classpath == null ? null : ClassDataArchive.forClasspath(classpath, "heavy");
    refill();
  }

  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    Optional<Map<String, String>> environment = launch.node().decorators().environment().map(EnvironmentSpec::vars);
    boolean light = launch.node().decorators().resources().isEmpty();
    Process process = environment.isEmpty() && light ? takeSpare() : null;
    if (process == null) {
      process = start(environment.orElse(Map.of()), light);
    }
    send(process, taskRequest.apply(launch));
    refill();
    return new Child(launch, process, output);
  }

  @Override
  public synchronized void close() {
    closed = true;
    spares.forEach(Process::destroyForcibly);
    spares.clear();
  }

  /**
   * Starts a task JVM: light (a step without {@code @Resources}, or a warm spare) or heavy, with
   * {@link #LIGHT_JVM_OPTIONS} or {@link #HEAVY_JVM_OPTIONS} before the command prefix's own options,
   * which thus win.
   */
  private Process start(Map<String, String> environment, boolean light) {
    List<String> command = new ArrayList<>(commandPrefix);
    Path[] recording = new Path[1];
    ClassDataArchive classData = light ? lightClassData : heavyClassData;
    if (classData != null) {
      command.addAll(1, classData.options(recording));
    }
    command.addAll(1, jvmOptions(light ? LIGHT_JVM_OPTIONS : HEAVY_JVM_OPTIONS, commandPrefix));
    command.addAll(List.of("step", FROM_STDIN));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(taskEnvironment);
    builder.environment().put("FLUXO_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot start a task process (%s): %s", command.get(0), e.getMessage());
    }
    if (recording[0] != null) {
      Path pending = recording[0];
      Process recorder = process;
      process.onExit().thenRun(() -> classData.publish(pending, recorder.exitValue() == 0));
    }
    return process;
  }

  /**
   * {@code defaults} as they go before {@code userOptions}: without their garbage collector if the
   * user chose one ({@code FLUXO_TASK_JVM_OPTS="-XX:+UseG1GC"}), since a JVM refuses to start with two.
   */
  public static List<String> jvmOptions(List<String> defaults, List<String> userOptions) {
    if (userOptions.stream().noneMatch(o -> GARBAGE_COLLECTOR.matcher(o).matches())) {
      return defaults;
    }
    return defaults.stream().filter(o -> !GARBAGE_COLLECTOR.matcher(o).matches()).toList();
  }

  private synchronized Process takeSpare() {
    while (!spares.isEmpty()) {
      Process spare = spares.poll();
      if (spare.isAlive()) {
        return spare;
      }
    }
    return null;
  }

  private synchronized void refill() {
    while (!closed && spares.size() < warmSpares) {
      spares.add(start(Map.of(), true));
    }
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
