package io.fluxo.runtime.internal.scheduler;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.ForeachFrame;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.runtime.spi.TaskSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BinaryOperator;

/**
 * Runs a flow's tasks: a task is queued when its inputs are done, at most {@code maxWorkers} run at
 * once, failed attempts are retried as {@code @Retry} says, and the first task that fails for good
 * stops the run (fail-fast: the other tasks are killed). Tasks that a {@link ClonePlan} covers are
 * cloned by reference instead of run. {@link #stop()} (Ctrl-C) ends the run the same way. Single-
 * threaded: launcher callbacks and {@link #stop()} only post events.
 */
public final class LocalScheduler {
  /**
   * How to run.
   *
   * @param maxWorkers tasks running at once
   * @param maxNumSplits the most items a foreach may have
   * @param user who runs the flow
   * @param tags the run's tags
   */
  public record Settings(int maxWorkers, int maxNumSplits, String user, List<String> tags) {
    /** Requires positive limits. */
    public Settings {
      if (maxWorkers < 1 || maxNumSplits < 1) {
        throw new IllegalArgumentException(
            "Invalid limits: max workers " + maxWorkers + ", max splits " + maxNumSplits);
      }
      tags = List.copyOf(tags);
    }
  }

  /**
   * The outcome of a run.
   *
   * @param succeeded whether the end step is done
   * @param failedTask the task that failed for good, if one did
   * @param stopped whether {@link #stop()} ended the run
   */
  public record Outcome(boolean succeeded, Optional<TaskPath> failedTask, boolean stopped) {}

  /**
   * The scheduler's time.
   *
   * @param clock gives the times recorded for tasks, and says when a retry is due
   * @param killGrace how long the scheduler waits, for all of them together, for the tasks it
   *     killed to end (when a run stops or fails)
   * @param clockCheck how often the clock is read again while a retry waits, so that a clock that
   *     jumps ahead is followed
   */
  public record Timing(Clock clock, Duration killGrace, Duration clockCheck) {
    /** The system clock, 10 s for killed tasks, a second between reads of the clock. */
    public static final Timing SYSTEM =
        new Timing(Clock.systemUTC(), Duration.ofSeconds(10), Duration.ofSeconds(1));

    /** Requires a positive clock check. */
    public Timing {
      if (killGrace.isNegative() || clockCheck.isNegative() || clockCheck.isZero()) {
        throw new IllegalArgumentException(
            "Invalid timing: kill grace " + killGrace + ", clock check " + clockCheck);
      }
    }
  }

  private record Pending(
      String step, List<String> inputPaths, int splitIndex, List<Integer> indices) {}

  private record Active(TaskPath task, Pending pending, int attempt, LaunchedTask handle) {}

  private sealed interface Event permits Finished, StopRequested {}

  private record Finished(Active active, int exitCode, Throwable error) implements Event {}

  /** A failed attempt's task, to launch again as {@code attempt} once {@code due}. */
  private record RetryDue(TaskPath task, Pending pending, int attempt, Instant due) {}

  private record StopRequested() implements Event {}

  private record JoinKey(String join, List<Integer> indices) {}

  private final FlowGraph graph;
  private final Settings settings;
  private final StepLauncher launcher;
  private final TaskStore tasks;
  private final MetadataStore metadata;
  private final RunReporter reporter;
  private final ClonePlan clones;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final Map<TaskPath, Active> running = new java.util.concurrent.ConcurrentHashMap<>();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Map<JoinKey, TreeMap<Integer, String>> joins = new HashMap<>();
  private final Timing timing;
  private final PriorityQueue<RetryDue> retries =
      new PriorityQueue<>(Comparator.comparing(RetryDue::due));
  private String flow;
  private String runId;
  private String originRunId;
  private int nextTaskId = 1;
  private TaskPath failedTask;
  private boolean endDone;
  private volatile boolean stopped;

  /** A scheduler for one run of {@code graph}, on the system clock. */
  public LocalScheduler(
      FlowGraph graph,
      Settings settings,
      StepLauncher launcher,
      TaskStore tasks,
      MetadataStore metadata,
      RunReporter reporter,
      ClonePlan clones) {
    this(graph, settings, launcher, tasks, metadata, reporter, clones, Timing.SYSTEM);
  }

  /** A scheduler for one run of {@code graph}, keeping time as {@code timing} says. */
  public LocalScheduler(
      FlowGraph graph,
      Settings settings,
      StepLauncher launcher,
      TaskStore tasks,
      MetadataStore metadata,
      RunReporter reporter,
      ClonePlan clones,
      Timing timing) {
    this.timing = timing;
    this.graph = graph;
    this.settings = settings;
    this.launcher = launcher;
    this.tasks = tasks;
    this.metadata = metadata;
    this.reporter = reporter;
    this.clones = clones;
  }

  /**
   * Runs the flow as run {@code runId}, whose {@code _parameters/0} task exists. Returns when the
   * end step is done or a task failed for good; no task of the run is left running.
   */
  public Outcome run(String runId) {
    this.flow = graph.name();
    this.runId = runId;
    this.originRunId = clones.originRunId();
    queue.add(new Pending("start", List.of(runId + "/_parameters/0"), -1, List.of()));
    try {
      while (failedTask == null && !stopped) {
        launchDueRetries();
        while (failedTask == null
            && !stopped
            && running.size() < settings.maxWorkers()
            && !queue.isEmpty()) {
          start(queue.poll());
        }
        if (failedTask != null
            || stopped
            || (running.isEmpty() && queue.isEmpty() && retries.isEmpty())) {
          break;
        }
        launcher.expect(upcoming());
        Event event = nextEvent();
        if (event != null) {
          handle(event);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    } finally {
      killAll();
    }
    boolean ok = failedTask == null && !stopped && endDone;
    return new Outcome(ok, Optional.ofNullable(failedTask), stopped && failedTask == null);
  }

  /**
   * Stops the run, as Ctrl-C does: no task starts any more, the running ones are killed, and {@link
   * #run} returns an outcome that is {@linkplain Outcome#stopped() stopped}. Thread-safe and
   * idempotent; returns at once, also before {@link #run} started (which then starts no task).
   */
  public void stop() {
    stopped = true;
    events.add(new StopRequested());
  }

  /** The next event; while a retry waits, null once it is due or the clock is to be read again. */
  private Event nextEvent() throws InterruptedException {
    if (retries.isEmpty()) {
      return events.take();
    }
    Duration untilDue = Duration.between(timing.clock().instant(), retries.peek().due());
    Duration wait = untilDue.compareTo(timing.clockCheck()) < 0 ? untilDue : timing.clockCheck();
    return events.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
  }

  private void launchDueRetries() {
    Instant now = timing.clock().instant();
    while (!retries.isEmpty() && !retries.peek().due().isAfter(now)) {
      RetryDue due = retries.poll();
      if (failedTask == null) {
        launch(due.task(), due.pending(), due.attempt());
      }
    }
  }

  private void start(Pending pending) {
    TaskPath task = new TaskPath(flow, runId, pending.step(), Integer.toString(nextTaskId++));
    Optional<TaskPath> origin = clones.originFor(pending.step(), pending.indices());
    if (origin.isPresent()) {
      clone(task, pending, origin.get());
      return;
    }
    metadata.registerTask(
        new TaskRecord(
            task, pending.inputPaths(), pending.splitIndex(), null, timing.clock().instant()));
    launch(task, pending, 0);
  }

  private void launch(TaskPath task, Pending pending, int attempt) {
    StepNode node = graph.requireStep(task.step());
    TaskSpec spec =
        new TaskSpec(
            task,
            pending.inputPaths(),
            pending.splitIndex(),
            attempt,
            settings.maxNumSplits(),
            settings.user(),
            settings.tags(),
            originRunId);
    TaskLaunch launch = new TaskLaunch(spec, node);
    TaskOutput output = (l, id, line, stderr) -> reporter.task(task, id, line);
    LaunchedTask handle = launcher.launch(launch, output);
    Active active = new Active(task, pending, attempt, handle);
    running.put(task, active);
    reporter.task(
        task,
        handle.id(),
        attempt == 0 ? "Task is starting." : "Task is starting (retry " + attempt + ").");
    reporter.started(task);
    handle
        .exit()
        .whenComplete(
            (code, error) -> events.add(new Finished(active, code == null ? -1 : code, error)));
  }

  private List<StepNode> upcoming() {
    return upcoming(
        graph,
        queue.stream().map(Pending::step).toList(),
        running.values().stream().map(a -> a.task().step()).toList(),
        settings.maxWorkers());
  }

  /**
   * The steps of the tasks that may be launched next, once per task, given the steps of the {@code
   * queued} and {@code running} tasks: the queued ones and, two steps ahead, the successors of the
   * running and queued ones: a join once, a foreach's body once per worker (its width is known only
   * when the foreach step ends). Each step counts at most {@code maxWorkers} times per level, which
   * is more than a launcher prepares for.
   */
  static List<StepNode> upcoming(
      FlowGraph graph, List<String> queued, List<String> running, int maxWorkers) {
    BinaryOperator<Integer> cappedSum = (a, b) -> Math.min(maxWorkers, a + b);
    Map<StepNode, Integer> level = new LinkedHashMap<>();
    queued.forEach(step -> level.merge(graph.requireStep(step), 1, cappedSum));
    List<StepNode> upcoming = expand(level);
    running.forEach(step -> level.merge(graph.requireStep(step), 1, cappedSum));
    Map<StepNode, Integer> current = level;
    for (int depth = 0; depth < 2; depth++) {
      Map<StepNode, Integer> next = new LinkedHashMap<>();
      current.forEach(
          (node, tasks) -> {
            int times = node.transition() == TransitionKind.FOREACH ? maxWorkers : tasks;
            for (String step : node.next()) {
              StepNode successor = graph.requireStep(step);
              next.merge(
                  successor,
                  successor.join() ? 1 : times,
                  successor.join() ? (x, y) -> 1 : cappedSum);
            }
          });
      upcoming.addAll(expand(next));
      current = next;
    }
    return upcoming;
  }

  private static List<StepNode> expand(Map<StepNode, Integer> counts) {
    List<StepNode> nodes = new ArrayList<>();
    counts.forEach((node, n) -> nodes.addAll(Collections.nCopies(n, node)));
    return nodes;
  }

  private void handle(Event event) {
    if (event instanceof StopRequested) {
      return;
    }
    Finished finished = (Finished) event;
    Active active = finished.active();
    running.remove(active.task());
    if (failedTask != null) {
      reporter.ended(active.task(), finished.error() == null && finished.exitCode() == 0);
      return;
    }
    Optional<AttemptResult> result =
        finished.error() == null && finished.exitCode() == 0
            ? tasks.readResult(active.task(), active.attempt()).filter(r -> r.status().usable())
            : Optional.empty();
    reporter.ended(active.task(), result.isPresent());
    if (result.isPresent()) {
      reporter.task(active.task(), active.handle().id(), "Task finished successfully.");
      succeeded(active.task(), active.pending(), tasks.readData(active.task(), active.attempt()));
      return;
    }
    if (finished.error() != null) {
      reporter.task(
          active.task(),
          active.handle().id(),
          "Task could not be run: " + finished.error().getMessage());
    }
    retryOrFail(active);
  }

  private void retryOrFail(Active active) {
    StepNode node = graph.requireStep(active.task().step());
    Optional<RetrySpec> retry = node.decorators().retry();
    int maxRetries = retry.map(RetrySpec::times).orElse(0);
    if (active.attempt() < maxRetries) {
      int minutes = retry.get().minutesBetweenRetries();
      retries.add(
          new RetryDue(
              active.task(),
              active.pending(),
              active.attempt() + 1,
              timing.clock().instant().plus(Duration.ofMinutes(minutes))));
      reporter.task(
          active.task(),
          active.handle().id(),
          "Task failed; "
              + (minutes == 0
                  ? "retrying now."
                  : "retrying in " + minutes + " minute" + (minutes == 1 ? "" : "s") + "."));
      return;
    }
    reporter.task(
        active.task(),
        active.handle().id(),
        "Task failed."
            + (maxRetries > 0
                ? " It failed " + (maxRetries + 1) + " attempts; it will not be retried."
                : " This failed task will not be retried."));
    failedTask = active.task();
  }

  private void clone(TaskPath task, Pending pending, TaskPath origin) {
    AttemptResult originResult =
        tasks
            .usableResult(origin)
            .orElseThrow(
                () ->
                    new PlatformException(
                        "Cannot clone %s: it has no finished attempt", origin.pathspec()));
    TaskData data = tasks.readData(origin, originResult.attempt());
    Instant now = timing.clock().instant();
    metadata.registerTask(
        new TaskRecord(task, pending.inputPaths(), pending.splitIndex(), origin.pathspec(), now));
    tasks.writeData(task, 0, data);
    tasks.writeResult(
        task,
        new AttemptResult(
            0, originResult.status(), now, now, originResult.error(), origin.pathspec()));
    metadata.recordAttempt(
        new AttemptRecord(
            task,
            0,
            originResult.status(),
            now,
            now,
            ProcessHandle.current().pid(),
            data.artifacts(),
            originResult.error()));
    reporter.task(task, null, "Cloning results of a previously run task " + origin.runStepTask());
    reporter.cloned(task);
    succeeded(task, pending, data);
  }

  private void succeeded(TaskPath task, Pending pending, TaskData data) {
    List<Integer> indices = data.foreachIndices();
    String path = task.runStepTask();
    switch (data.transition().kind()) {
      case END -> endDone = true;
      case LINEAR -> {
        String next = data.transition().next().get(0);
        if (graph.requireStep(next).join()) {
          arriveAtJoin(next, task, data);
        } else {
          queue.add(new Pending(next, List.of(path), -1, indices));
        }
      }
      case BRANCH ->
          data.transition()
              .next()
              .forEach(next -> queue.add(new Pending(next, List.of(path), -1, indices)));
      case FOREACH -> {
        String next = data.transition().next().get(0);
        for (int i = 0; i < data.transition().foreachItems().size(); i++) {
          List<Integer> child = new ArrayList<>(indices);
          child.add(i);
          queue.add(new Pending(next, List.of(path), i, child));
        }
      }
    }
  }

  private void arriveAtJoin(String join, TaskPath task, TaskData data) {
    List<String> splitParents = graph.requireStep(task.step()).splitParents();
    String split = splitParents.get(splitParents.size() - 1);
    boolean foreach = graph.requireStep(split).transition() == TransitionKind.FOREACH;
    List<Integer> indices = new ArrayList<>(data.foreachIndices());
    int order;
    int expected;
    if (foreach) {
      ForeachFrame last = data.foreachStack().get(data.foreachStack().size() - 1);
      indices.remove(indices.size() - 1);
      order = last.index();
      expected = last.numSplits();
    } else {
      List<String> predecessors = graph.predecessors(join).stream().map(StepNode::name).toList();
      order = predecessors.indexOf(task.step());
      expected = predecessors.size();
    }
    JoinKey key = new JoinKey(join, List.copyOf(indices));
    TreeMap<Integer, String> arrived = joins.computeIfAbsent(key, k -> new TreeMap<>());
    arrived.put(order, task.runStepTask());
    if (arrived.size() == expected) {
      joins.remove(key);
      queue.add(new Pending(join, List.copyOf(arrived.values()), -1, key.indices()));
    }
  }

  /**
   * Kills the running tasks and waits, for all of them at once, at most the kill grace period for
   * them to end.
   */
  private void killAll() {
    List<Active> active = new ArrayList<>(running.values());
    for (Active a : active) {
      a.handle().kill();
    }
    try {
      CompletableFuture.allOf(
              active.stream().map(a -> a.handle().exit()).toArray(CompletableFuture[]::new))
          .get(timing.killGrace().toNanos(), TimeUnit.NANOSECONDS);
    } catch (Exception e) {
      // killed forcibly; their logs may be incomplete
    }
  }
}
