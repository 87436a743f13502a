package io.fluxo.runtime.internal.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.ForeachFrame;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler on graphs written by hand, with a launcher whose tasks write their results at once
 * (no process, no step code), and a clock the test moves: foreach, branches and their joins,
 * retries, and resume's clones.
 */
class LocalSchedulerTest {
  private static final String FLOW = "Flow";
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path root;

  private final ManualClock clock = new ManualClock(T0);
  private final StringWriter report = new StringWriter();
  private TaskStore tasks;
  private MetadataStore metadata;

  @Test
  void foreach_runsABodyTaskPerItem_thenTheJoinOnce_withItsInputsInItemOrder() {
    FlowGraph graph = foreachGraph(Decorators.NONE);
    FakeLauncher launcher = new FakeLauncher(graph).width("start", 5).finishInReverse("body", 5);

    LocalScheduler.Outcome outcome = run(graph, launcher, 5, ClonePlan.NONE);

    assertThat(outcome.succeeded()).isTrue();
    List<TaskSpec> bodies = launcher.launched("body");
    assertThat(bodies).extracting(TaskSpec::splitIndex).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    List<String> inItemOrder =
        bodies.stream()
            .sorted(Comparator.comparingInt(TaskSpec::splitIndex))
            .map(spec -> spec.task().runStepTask())
            .toList();
    assertThat(launcher.launched("join"))
        .singleElement()
        .satisfies(join -> assertThat(join.inputPaths()).isEqualTo(inItemOrder));
    assertThat(launcher.launched("end")).hasSize(1);
  }

  @Test
  void branches_joinOnceAllArrived_withInputsInSourceOrder() {
    FlowGraph graph =
        graph(
            StepNode.newBuilder("start", TransitionKind.BRANCH)
                .next(List.of("a", "b"))
                .matchingJoin("join")
                .build(),
            body("a", "start", Decorators.NONE),
            body("b", "start", Decorators.NONE),
            join(),
            end());
    FakeLauncher launcher = new FakeLauncher(graph).holdTogether(Set.of("a", "b"), 2);

    LocalScheduler.Outcome outcome = run(graph, launcher, 4, ClonePlan.NONE);

    assertThat(outcome.succeeded()).isTrue();
    String a = launcher.launched("a").get(0).task().runStepTask();
    String b = launcher.launched("b").get(0).task().runStepTask();
    assertThat(launcher.finishOrder).containsSubsequence("b", "a", "join");
    assertThat(launcher.launched("join"))
        .singleElement()
        .satisfies(join -> assertThat(join.inputPaths()).containsExactly(a, b));
  }

  @Test
  void failedAttempts_areRetriedAsTheNextAttemptsOfTheSameTask() {
    FlowGraph graph = linearGraph(retry(2, 0));
    FakeLauncher launcher = new FakeLauncher(graph).failFirst("work", 2);

    LocalScheduler.Outcome outcome = run(graph, launcher, 1, ClonePlan.NONE);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(launcher.launched("work")).extracting(TaskSpec::retryCount).containsExactly(0, 1, 2);
    assertThat(launcher.launched("work"))
        .extracting(TaskSpec::task)
        .containsOnly(task("1", "work"));
    assertThat(report.toString().split("Task failed; retrying now.", -1)).hasSize(3);
  }

  @Test
  void attemptsBeyondTheRetries_failTheRun_atThatTask() {
    FlowGraph graph = linearGraph(retry(1, 0));
    FakeLauncher launcher = new FakeLauncher(graph).failFirst("work", 5);

    LocalScheduler.Outcome outcome = run(graph, launcher, 1, ClonePlan.NONE);

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.stopped()).isFalse();
    assertThat(outcome.failedTask()).contains(task("1", "work"));
    assertThat(launcher.launched("work")).hasSize(2);
    assertThat(launcher.launched("end")).isEmpty();
    assertThat(report.toString())
        .contains("Task failed. It failed 2 attempts; it will not be retried.");
  }

  @Test
  void retry_isLaunchedWhenTheClockSaysItIsDue() throws Exception {
    FlowGraph graph = linearGraph(retry(1, 2));
    FakeLauncher launcher = new FakeLauncher(graph).failFirst("work", 1);

    CompletableFuture<LocalScheduler.Outcome> outcome =
        CompletableFuture.supplyAsync(() -> run(graph, launcher, 1, ClonePlan.NONE));
    // reported once the retry is due at T0 + 2 min
    awaitReport("Task failed; retrying in 2 minutes.");
    clock.advance(Duration.ofMinutes(1));
    Thread.sleep(50);
    clock.advance(Duration.ofMinutes(1));

    assertThat(outcome.get(10, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(launcher.launchedAt).containsEntry(attempt("work", 1), T0.plusSeconds(120));
  }

  @Test
  void resume_clonesTheOriginsUsableTasks_andRunsTheFailedStepAndAfter() {
    FlowGraph graph = foreachGraph(Decorators.NONE);
    LocalScheduler.Outcome failed =
        run(
            graph,
            new FakeLauncher(graph).width("start", 3).failFirst("join", 1),
            4,
            ClonePlan.NONE);
    assertThat(failed.failedTask()).map(TaskPath::step).contains("join");
    ClonePlan plan = new ResumePlanner(graph, tasks, metadata).plan("1", Optional.empty());
    clock.advance(Duration.ofHours(1));

    FakeLauncher resumed = new FakeLauncher(graph);
    LocalScheduler.Outcome outcome = run(graph, resumed, 4, plan);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(resumed.launchedSteps()).containsExactly("join", "end");
    List<TaskRecord> records = metadata.tasks(FLOW, "2");
    assertThat(records)
        .filteredOn(r -> r.path().step().equals("body"))
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.originTask()).startsWith(FLOW + "/1/body/");
              assertThat(r.createdAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
            });
    TaskPath start = task("2", "start");
    AttemptResult cloned = tasks.readResult(start, 0).orElseThrow();
    assertThat(cloned.clonedFrom()).isEqualTo(FLOW + "/1/start/1");
    assertThat(cloned.startedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    assertThat(resumed.launched("join").get(0).inputPaths())
        .allMatch(path -> path.startsWith("2/body/"))
        .hasSize(3);
  }

  private void awaitReport(String line) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!report.toString().contains(line)) {
      assertThat(System.nanoTime()).as("reported: " + line).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private LocalScheduler.Outcome run(
      FlowGraph graph, FakeLauncher launcher, int maxWorkers, ClonePlan plan) {
    if (tasks == null) {
      tasks = new TaskStore(new LocalStorage(root));
      metadata = new LocalMetadataStore(root);
    }
    String runId = metadata.createRun(FLOW, "ana", List.of(), plan.originRunId()).runId();
    TaskPath parameters = new TaskPath(FLOW, runId, RunExecution.PARAMETERS_STEP, "0");
    tasks.writeData(
        parameters,
        0,
        new TaskData(
            Map.of(),
            List.of(),
            new TakenTransition(TransitionKind.LINEAR, List.of("start"), List.of())));
    tasks.writeResult(
        parameters, new AttemptResult(0, AttemptStatus.SUCCEEDED, T0, T0, null, null));
    return new LocalScheduler(
            graph,
            new LocalScheduler.Settings(maxWorkers, 100, "ana", List.of()),
            launcher,
            tasks,
            metadata,
            new RunReporter(new PrintWriter(report)),
            plan,
            new LocalScheduler.Timing(clock, Duration.ZERO, Duration.ofMillis(10)))
        .run(runId);
  }

  private static TaskPath task(String runId, String step) {
    // the graphs here have one task per step before any foreach: start is task 1, the next 2
    return new TaskPath(FLOW, runId, step, step.equals("start") ? "1" : "2");
  }

  private static String attempt(String step, int attempt) {
    return step + "#" + attempt;
  }

  private static Decorators retry(int times, int minutes) {
    return new Decorators(
        Optional.of(new RetrySpec(times, minutes)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** start -> work -> end. */
  private static FlowGraph linearGraph(Decorators work) {
    return graph(
        StepNode.newBuilder("start", TransitionKind.LINEAR).next(List.of("work")).build(),
        StepNode.newBuilder("work", TransitionKind.LINEAR)
            .next(List.of("end"))
            .decorators(work)
            .build(),
        end());
  }

  /** start -> foreach(body) -> join -> end. */
  private static FlowGraph foreachGraph(Decorators body) {
    return graph(
        StepNode.newBuilder("start", TransitionKind.FOREACH)
            .next(List.of("body"))
            .matchingJoin("join")
            .build(),
        body("body", "start", body),
        join(),
        end());
  }

  private static StepNode body(String name, String split, Decorators decorators) {
    return StepNode.newBuilder(name, TransitionKind.LINEAR)
        .next(List.of("join"))
        .splitParents(List.of(split))
        .decorators(decorators)
        .build();
  }

  private static StepNode join() {
    return StepNode.newBuilder("join", TransitionKind.LINEAR)
        .next(List.of("end"))
        .join(true)
        .build();
  }

  private static StepNode end() {
    return StepNode.newBuilder("end", TransitionKind.END).build();
  }

  private static FlowGraph graph(StepNode... steps) {
    return new FlowGraph(FLOW, "test.Flow", "", List.of(steps), List.of(), List.of());
  }

  /** A clock that stands still until the test moves it. */
  private static final class ManualClock extends Clock {
    private volatile Instant now;

    ManualClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /**
   * Runs each attempt at once, in the launching thread: it writes the data a task of its step would
   * (the foreach stack, the transition, no artifact) and its result, or, for the first attempts
   * that are to fail, exits 1 with no result. Attempts of some steps are held back until a number
   * of them was launched, and then run in reverse launch order when the scheduler next tells what
   * it expects (it has then seen every launch), to make tasks end out of order.
   */
  private final class FakeLauncher implements StepLauncher {
    private final FlowGraph graph;
    private final Map<String, Integer> widths = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private Set<String> heldSteps = Set.of();
    private int heldCount = -1;
    private final List<Runnable> held = new ArrayList<>();
    final List<TaskSpec> launches = new CopyOnWriteArrayList<>();
    final List<String> finishOrder = new CopyOnWriteArrayList<>();
    final Map<String, Instant> launchedAt = new HashMap<>();

    FakeLauncher(FlowGraph graph) {
      this.graph = graph;
    }

    FakeLauncher width(String foreachStep, int items) {
      widths.put(foreachStep, items);
      return this;
    }

    FakeLauncher failFirst(String step, int attempts) {
      failures.put(step, attempts);
      return this;
    }

    FakeLauncher finishInReverse(String step, int count) {
      return holdTogether(Set.of(step), count);
    }

    FakeLauncher holdTogether(Set<String> steps, int count) {
      heldSteps = steps;
      heldCount = count;
      return this;
    }

    List<TaskSpec> launched(String step) {
      return launches.stream().filter(s -> s.task().step().equals(step)).toList();
    }

    List<String> launchedSteps() {
      return launches.stream().map(s -> s.task().step()).toList();
    }

    @Override
    public synchronized LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
      TaskSpec spec = launch.spec();
      launches.add(spec);
      launchedAt.put(attempt(spec.task().step(), spec.retryCount()), clock.instant());
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      Runnable finish = () -> finish(launch, exit);
      if (heldSteps.contains(spec.task().step())) {
        held.add(finish);
      } else {
        finish.run();
      }
      return new LaunchedTask() {
        @Override
        public String id() {
          return spec.task().taskId();
        }

        @Override
        public CompletableFuture<Integer> exit() {
          return exit;
        }

        @Override
        public void kill() {
          exit.complete(137);
        }
      };
    }

    @Override
    public synchronized void expect(List<StepNode> upcoming) {
      if (held.size() == heldCount) {
        List<Runnable> reversed = new ArrayList<>(held);
        Collections.reverse(reversed);
        held.clear();
        reversed.forEach(Runnable::run);
      }
    }

    private void finish(TaskLaunch launch, CompletableFuture<Integer> exit) {
      TaskSpec spec = launch.spec();
      TaskPath task = spec.task();
      finishOrder.add(task.step());
      if (spec.retryCount() < failures.getOrDefault(task.step(), 0)) {
        exit.complete(1);
        return;
      }
      tasks.writeData(task, spec.retryCount(), data(launch));
      tasks.writeResult(
          task,
          new AttemptResult(
              spec.retryCount(),
              AttemptStatus.SUCCEEDED,
              clock.instant(),
              clock.instant(),
              null,
              null));
      exit.complete(0);
    }

    /** What the task hands down: as TaskExecutor derives it from its first input. */
    private TaskData data(TaskLaunch launch) {
      TaskSpec spec = launch.spec();
      StepNode node = launch.node();
      TaskPath inputPath = TaskPath.parse(FLOW, spec.inputPaths().get(0));
      TaskData input = tasks.usableData(inputPath).orElseThrow();
      List<ForeachFrame> stack = new ArrayList<>(input.foreachStack());
      if (node.join()) {
        List<String> splits = graph.requireStep(inputPath.step()).splitParents();
        String split = splits.get(splits.size() - 1);
        if (graph.requireStep(split).transition() == TransitionKind.FOREACH) {
          stack.remove(stack.size() - 1);
        }
      } else if (input.transition().kind() == TransitionKind.FOREACH) {
        List<String> items = input.transition().foreachItems();
        stack.add(
            new ForeachFrame(
                inputPath.step(), spec.splitIndex(), items.size(), items.get(spec.splitIndex())));
      }
      List<String> items =
          node.transition() == TransitionKind.FOREACH
              ? Collections.nCopies(widths.get(node.name()), "0".repeat(64))
              : List.of();
      return new TaskData(
          Map.of(), stack, new TakenTransition(node.transition(), node.next(), items));
    }
  }
}
