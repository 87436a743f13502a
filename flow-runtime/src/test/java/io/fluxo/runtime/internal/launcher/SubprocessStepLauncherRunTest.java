package io.fluxo.runtime.internal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.runtime.graph.CatchSpec;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TimeoutSpec;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.internal.scheduler.ClonePlan;
import io.fluxo.runtime.internal.scheduler.LocalScheduler;
import io.fluxo.runtime.internal.scheduler.RunExecution;
import io.fluxo.runtime.internal.scheduler.RunReporter;
import io.fluxo.runtime.internal.task.TaskExecutor;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs of {@link WorkFlow} through the local launcher, each attempt a {@link TaskExecutor} in
 * a task process that is a thread of this JVM: {@code @Retry}, {@code @Catch} and {@code @Timeout}
 * as a run sees them, without starting a JVM.
 */
class SubprocessStepLauncherRunTest {
  /** What the launcher hands a task here. */
  record Request(TaskSpec spec, String endMarker) {}

  private static final TaskPath WORK = new TaskPath("WorkFlow", "1", "work", "2");

  @TempDir Path root;

  private final StringWriter report = new StringWriter();

  /** Tasks run in this JVM set the task's system properties; later tests must not see them. */
  @AfterEach
  void clearTaskProperties() {
    System.clearProperty(TaskEnvironment.PATHSPEC_PROPERTY);
  }

  @Test
  void failedAttempt_isRetried_andItsLogKept() throws Exception {
    RunRecord run =
        run(
            decorators(Optional.of(new RetrySpec(1, 0)), Optional.empty(), Optional.empty()),
            attempt -> {
              if (attempt == 0) {
                throw new IllegalStateException("flaky");
              }
            });

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(statuses()).containsExactly(AttemptStatus.FAILED, AttemptStatus.SUCCEEDED);
    assertThat(report.toString()).contains("Task failed; retrying now.");
    assertThat(log(0, LogStream.STDERR))
        .startsWith("Task WorkFlow/1/work/2 failed: java.lang.IllegalStateException: flaky");
  }

  @Test
  void failureUnderCatch_letsTheRunGoOn() {
    RunRecord run =
        run(
            decorators(Optional.empty(), Optional.of(new CatchSpec("failure")), Optional.empty()),
            attempt -> {
              throw new IllegalStateException("always");
            });

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(statuses()).containsExactly(AttemptStatus.CAUGHT);
  }

  @Test
  void stepPastItsTimeout_failsTheRun_asTimedOut() throws Exception {
    RunRecord run =
        run(
            decorators(Optional.empty(), Optional.empty(), Optional.of(new TimeoutSpec(1))),
            attempt -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);
              }
            });

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(statuses()).containsExactly(AttemptStatus.TIMED_OUT);
    assertThat(log(0, LogStream.STDERR))
        .contains("Task WorkFlow/1/work/2 failed: Step work ran longer than its @Timeout of 1 s");
  }

  private RunRecord run(Decorators work, IntConsumer workAtAttempt) {
    LocalStorage storage = new LocalStorage(root);
    TaskStore tasks = new TaskStore(storage);
    ContentStore blobs = new ContentStore(storage, "WorkFlow", new KryoArtifactCodec());
    MetadataStore metadata = new LocalMetadataStore(root);
    WorkFlowDefinition definition = new WorkFlowDefinition(work, workAtAttempt);
    InProcessTaskProcesses processes =
        new InProcessTaskProcesses(
            (launch, request, out, err) -> {
              Request task = (Request) request;
              Thread step = Thread.currentThread();
              boolean[] timedOut = new boolean[1];
              int code =
                  new TaskExecutor(
                          definition,
                          blobs,
                          tasks,
                          metadata,
                          err,
                          timedOutCode -> {
                            // as a task process halts: the attempt ends, the step is stopped
                            timedOut[0] = true;
                            announceEnd(task.endMarker(), timedOutCode, out, err);
                            step.interrupt();
                          })
                      .run(task.spec());
              if (!timedOut[0]) {
                announceEnd(task.endMarker(), code, out, err);
              }
              return code;
            });
    SubprocessStepLauncher launcher =
        new SubprocessStepLauncher(
            processes,
            (launch, endMarker) -> new Request(launch.spec(), endMarker),
            tasks,
            new SubprocessStepLauncher.GracePeriods(
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5)),
            Duration.ofMillis(200));
    RunExecution execution =
        new RunExecution(
            definition.graph(),
            blobs,
            tasks,
            metadata,
            launcher,
            new RunReporter(new PrintWriter(report)));
    LocalScheduler.Settings settings = new LocalScheduler.Settings(1, 100, "ana", List.of());
    return execution.run(execution.createFresh(settings, Map.of()), settings, ClonePlan.NONE).run();
  }

  private static void announceEnd(String marker, int code, PrintStream out, PrintStream err) {
    out.println(marker + " " + code);
    err.println(marker + " " + code);
  }

  private List<AttemptStatus> statuses() {
    return new TaskStore(new LocalStorage(root))
        .results(WORK).stream().map(AttemptResult::status).toList();
  }

  private String log(int attempt, LogStream stream) throws Exception {
    try (InputStream in =
        new TaskStore(new LocalStorage(root)).openLog(WORK, attempt, stream).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Decorators decorators(
      Optional<RetrySpec> retry, Optional<CatchSpec> catchSpec, Optional<TimeoutSpec> timeout) {
    return new Decorators(
        retry, catchSpec, timeout, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** start, then work, then end; no artifact. */
  public static final class WorkFlow extends FlowSpec {
    public void start() {
      next(this::work);
    }

    public void work() {
      next(this::end);
    }

    public void end() {}

    int attempt() {
      return current().retryCount();
    }
  }

  /** What the processor would generate for {@link WorkFlow}; work runs a test's code first. */
  private static final class WorkFlowDefinition implements FlowDefinition<WorkFlow> {
    private final FlowGraph graph;
    private final IntConsumer workAtAttempt;

    WorkFlowDefinition(Decorators work, IntConsumer workAtAttempt) {
      this.workAtAttempt = workAtAttempt;
      this.graph =
          new FlowGraph(
              "WorkFlow",
              WorkFlow.class.getName(),
              "",
              List.of(
                  StepNode.newBuilder("start", TransitionKind.LINEAR).next(List.of("work")).build(),
                  StepNode.newBuilder("work", TransitionKind.LINEAR)
                      .next(List.of("end"))
                      .decorators(work)
                      .build(),
                  StepNode.newBuilder("end", TransitionKind.END).build()),
              List.of(),
              List.of());
    }

    @Override
    public int abiVersion() {
      return ABI_VERSION;
    }

    @Override
    public FlowGraph graph() {
      return graph;
    }

    @Override
    public WorkFlow newInstance() {
      return new WorkFlow();
    }

    @Override
    public void runStep(
        WorkFlow flow, String step, Inputs<WorkFlow> inputs, Supplier<Object> item) {
      switch (step) {
        case "start" -> flow.start();
        case "work" -> {
          workAtAttempt.accept(flow.attempt());
          flow.work();
        }
        default -> flow.end();
      }
    }

    @Override
    public Object getArtifact(WorkFlow flow, String artifact) {
      throw new IllegalArgumentException(artifact);
    }

    @Override
    public void setArtifact(WorkFlow flow, String artifact, Object value) {
      throw new IllegalArgumentException(artifact);
    }
  }
}
