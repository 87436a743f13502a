package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.EnvironmentSpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskLaunch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Task processes that are local JVMs ({@code <command prefix> step --from-stdin}: a JVM that warms
 * up and then waits for its task, one JSON line on stdin), with the JVM options of their kind and a
 * class-data archive (see {@link ClassDataArchive}), some started ahead of need. There are two
 * kinds: light, for steps without {@code @Resources}, and heavy, for the others, each for one step:
 * a heavy step has a class-data archive of its own, as Spark steps load different parts of Spark
 * (Deequ, MLlib). Steps with {@code @Environment} always get a fresh process, the others a warm
 * spare if one is ready. Created as soon as a {@code run} or {@code resume} starts, so that the
 * first spares warm up while the command line is parsed and the run is created. Thread-safe.
 */
public final class JvmTaskProcesses implements TaskProcesses {
  /**
   * The argument that makes a task process warm up and then wait for its task: one JSON line on
   * stdin.
   */
  public static final String FROM_STDIN = "--from-stdin";

  private static final Pattern GARBAGE_COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC");

  private final List<String> commandPrefix;
  private final String archivedClasspath;
  private final ClassDataArchive lightClassData;
  private final Map<String, ClassDataArchive> heavyClassData = new HashMap<>();
  private final int maxSpares;
  private final Deque<Process> lightSpares = new ArrayDeque<>();
  private final Map<String, Deque<Process>> heavySpares = new HashMap<>();
  private final Set<CompletableFuture<Void>> publications = ConcurrentHashMap.newKeySet();
  private int lightWanted;
  private Map<String, Integer> heavyWanted = Map.of();
  private boolean closed;

  /**
   * Task processes started with {@code commandPrefix} (java, JVM options, classpath, main class),
   * keeping at most {@code maxSpares} spares of each kind; starts {@code maxSpares} light ones now,
   * until {@link #expect} says otherwise.
   */
  public JvmTaskProcesses(List<String> commandPrefix, int maxSpares) {
    this.commandPrefix = List.copyOf(commandPrefix);
    this.maxSpares = maxSpares;
    int cp = this.commandPrefix.indexOf("-cp");
    String classpath =
        cp >= 0 && cp + 1 < this.commandPrefix.size() ? this.commandPrefix.get(cp + 1) : null;
    this.archivedClasspath =
        classpath != null && ClassDataArchive.suits(this.commandPrefix) ? classpath : null;
    this.lightClassData =
        archivedClasspath != null
            ? ClassDataArchive.forClasspath(archivedClasspath, "light")
            : null;
    this.lightWanted = maxSpares;
    refill();
  }

  @Override
  public Process start(TaskLaunch launch, Record request) {
    StepNode node = launch.node();
    Process process =
        take(
            light(node) ? null : node.name(),
            node.decorators().environment().map(EnvironmentSpec::vars).orElse(Map.of()));
    send(process, request);
    return process;
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
    want(light, heavy);
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

  /**
   * A started spare for a light task ({@code heavyStep} null) or a task of the heavy step, or a new
   * process with {@code environment} added to this one's.
   */
  private Process take(String heavyStep, Map<String, String> environment) {
    Process spare = null;
    if (environment.isEmpty()) {
      synchronized (this) {
        spare = takeSpare(heavyStep == null ? lightSpares : heavySpares.get(heavyStep));
      }
    }
    return spare != null ? spare : startJvm(environment, heavyStep);
  }

  /**
   * Keeps {@code light} light spares and, for the first tasks of {@code heavySteps} (a step per
   * upcoming heavy task), heavy spares, at most the maximum of each kind, from now on; heavy spares
   * no longer wanted are stopped.
   */
  private void want(int light, List<String> heavySteps) {
    Map<String, Integer> heavy = new LinkedHashMap<>();
    heavySteps.stream().limit(maxSpares).forEach(step -> heavy.merge(step, 1, Integer::sum));
    synchronized (this) {
      lightWanted = Math.min(maxSpares, light);
      heavyWanted = heavy;
    }
    refill();
  }

  /**
   * Kills the spares, then waits (30 s at most) until the class-data archives that ended processes
   * recorded are published or dropped, which this process does, so that none is lost when it exits.
   * Processes already taken are not touched. Idempotent.
   */
  @Override
  public synchronized void close() {
    closed = true;
    lightSpares.forEach(Process::destroyForcibly);
    lightSpares.clear();
    heavySpares.values().forEach(spares -> spares.forEach(Process::destroyForcibly));
    heavySpares.clear();
    try {
      CompletableFuture.allOf(publications.toArray(CompletableFuture[]::new))
          .get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // a recording not published in time is recorded again by a later run
    }
  }

  /**
   * Starts a task JVM: light ({@code heavyStep} null: a step without {@code @Resources}) or heavy,
   * with {@link TaskEnvironment#LIGHT_JVM_OPTIONS} or {@link TaskEnvironment#HEAVY_JVM_OPTIONS}
   * before the command prefix's own options, which thus win, and the archive of its kind.
   */
  private Process startJvm(Map<String, String> environment, String heavyStep) {
    boolean light = heavyStep == null;
    List<String> command = new ArrayList<>(commandPrefix);
    Path[] recording = new Path[1];
    ClassDataArchive classData = light ? lightClassData : heavyClassData(heavyStep);
    if (classData != null) {
      command.addAll(1, classData.options(recording));
    }
    command.addAll(
        1,
        jvmOptions(
            light ? TaskEnvironment.LIGHT_JVM_OPTIONS : TaskEnvironment.HEAVY_JVM_OPTIONS,
            commandPrefix));
    command.addAll(List.of("step", FROM_STDIN));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .put(TaskEnvironment.PARENT_PID_ENV, Long.toString(ProcessHandle.current().pid()));
    builder.environment().putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot start a task process (%s): %s", command.get(0), e.getMessage());
    }
    if (recording[0] != null) {
      Path pending = recording[0];
      Process recorder = process;
      CompletableFuture<Void> publication =
          process.onExit().thenRun(() -> classData.publish(pending, recorder.exitValue() == 0));
      publications.add(publication);
      publication.whenComplete((done, failure) -> publications.remove(publication));
    }
    return process;
  }

  /**
   * {@code defaults} as they go before {@code userOptions}: without their garbage collector if the
   * user chose one ({@code FLUXO_TASK_JVM_OPTS="-XX:+UseG1GC"}), since a JVM refuses to start with
   * two.
   */
  public static List<String> jvmOptions(List<String> defaults, List<String> userOptions) {
    if (userOptions.stream().noneMatch(o -> GARBAGE_COLLECTOR.matcher(o).matches())) {
      return defaults;
    }
    return defaults.stream().filter(o -> !GARBAGE_COLLECTOR.matcher(o).matches()).toList();
  }

  /** The archive of the heavy step's tasks, or null if the classpath has none. */
  private synchronized ClassDataArchive heavyClassData(String step) {
    if (archivedClasspath == null) {
      return null;
    }
    return heavyClassData.computeIfAbsent(
        step, s -> ClassDataArchive.forClasspath(archivedClasspath, "heavy-" + s));
  }

  private synchronized Process takeSpare(Deque<Process> spares) {
    while (spares != null && !spares.isEmpty()) {
      Process spare = spares.poll();
      if (spare.isAlive()) {
        return spare;
      }
    }
    return null;
  }

  private synchronized void refill() {
    while (!closed && lightSpares.size() < lightWanted) {
      lightSpares.add(startJvm(Map.of(), null));
    }
    heavySpares.forEach(
        (step, spares) -> {
          while (spares.size() > heavyWanted.getOrDefault(step, 0)) {
            spares.removeLast().destroyForcibly();
          }
        });
    heavyWanted.forEach(
        (step, wanted) -> {
          Deque<Process> spares = heavySpares.computeIfAbsent(step, s -> new ArrayDeque<>());
          while (!closed && spares.size() < wanted) {
            spares.add(startJvm(Map.of(), step));
          }
        });
  }
}
