package io.fluxo.runtime.internal.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.ArtifactSpec;
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
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One attempt of {@link TimedFlow}'s start step, whose {@code @Timeout} a test watchdog expires
 * when the test says: the attempt's result is written once, by whoever ends it first.
 */
class TaskExecutorTest {
  private static final TaskPath TASK = new TaskPath("TimedFlow", "1", "start", "1");
  private static final Decorators TIMEOUT =
      new Decorators(
          Optional.empty(),
          Optional.empty(),
          Optional.of(new TimeoutSpec(60)),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
  private static final Decorators CAUGHT_TIMEOUT =
      new Decorators(
          Optional.empty(),
          Optional.of(new CatchSpec("failure")),
          Optional.of(new TimeoutSpec(60)),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  @TempDir Path root;

  private final ManualWatchdog watchdog = new ManualWatchdog();
  private final List<Integer> afterTimeout = new CopyOnWriteArrayList<>();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private CountingStorage storage;
  private TaskStore tasks;
  private ContentStore blobs;

  @BeforeEach
  void writeParameters() {
    storage = new CountingStorage(new LocalStorage(root));
    tasks = new TaskStore(storage);
    blobs = new ContentStore(storage, "TimedFlow", new KryoArtifactCodec());
    TaskPath parameters = new TaskPath("TimedFlow", "1", "_parameters", "0");
    tasks.writeData(
        parameters,
        0,
        new TaskData(
            Map.of(),
            List.of(),
            new TakenTransition(TransitionKind.LINEAR, List.of("start"), List.of())));
    tasks.writeResult(
        parameters,
        new AttemptResult(0, AttemptStatus.SUCCEEDED, Instant.now(), Instant.now(), null, null));
    storage.doneWrites.set(0);
  }

  /** Tasks run in this JVM set the task's system properties; later tests must not see them. */
  @AfterEach
  void clearTaskProperties() {
    System.clearProperty(TaskEnvironment.PATHSPEC_PROPERTY);
  }

  @Test
  void timeoutWhileTheStepRuns_isCaughtOnce_andTheStepsOwnEndIsIgnored() {
    int code = run(new TimedFlowDefinition(CAUGHT_TIMEOUT, watchdog::expire));

    // the attempt is recorded as the timeout ended it, and its exit code is that one's
    assertThat(code).isEqualTo(TaskExecutor.SUCCEEDED);
    assertThat(afterTimeout).containsExactly(TaskExecutor.SUCCEEDED);
    assertThat(storage.doneWrites).hasValue(1);
    assertThat(tasks.readResult(TASK, 0).orElseThrow().status()).isEqualTo(AttemptStatus.CAUGHT);
    // what the step assigned is not handed down: only what the task started from, and the failure
    TaskData data = tasks.readData(TASK, 0);
    assertThat(data.artifacts()).containsOnlyKeys("failure");
    assertThat(blobs.get(data.artifacts().get("failure").sha()))
        .isInstanceOfSatisfying(
            StepFailure.class,
            failure -> assertThat(failure.type()).isEqualTo(TimeoutException.class.getName()));
    assertThat(err())
        .containsOnlyOnce("Step start ran longer than its @Timeout of 60 s")
        .containsOnlyOnce("@Catch caught the failure of step start");
  }

  @Test
  void timeoutWhileTheStepRuns_uncaught_isRecordedAsTimedOut() {
    int code = run(new TimedFlowDefinition(TIMEOUT, watchdog::expire));

    assertThat(code).isEqualTo(TaskExecutor.FAILED);
    assertThat(afterTimeout).containsExactly(TaskExecutor.FAILED);
    assertThat(storage.doneWrites).hasValue(1);
    assertThat(tasks.readResult(TASK, 0).orElseThrow().status()).isEqualTo(AttemptStatus.TIMED_OUT);
  }

  @Test
  void timeoutAfterTheStepEnded_recordsNothing() {
    int code = run(new TimedFlowDefinition(TIMEOUT, () -> {}));
    watchdog.expire();

    assertThat(code).isEqualTo(TaskExecutor.SUCCEEDED);
    assertThat(afterTimeout).isEmpty();
    assertThat(storage.doneWrites).hasValue(1);
    assertThat(tasks.readResult(TASK, 0).orElseThrow().status()).isEqualTo(AttemptStatus.SUCCEEDED);
    assertThat(tasks.readData(TASK, 0).artifacts()).containsKey("value");
    assertThat(err()).isEmpty();
  }

  @Test
  void failureUnderCatch_onTheLastAttempt_isCaught_withTheFailureStored() {
    int code =
        run(
            new TimedFlowDefinition(
                CAUGHT_TIMEOUT,
                () -> {
                  throw new IllegalStateException("no data today");
                }));

    assertThat(code).isEqualTo(TaskExecutor.SUCCEEDED);
    assertThat(tasks.readResult(TASK, 0).orElseThrow().status()).isEqualTo(AttemptStatus.CAUGHT);
    TaskData data = tasks.readData(TASK, 0);
    assertThat(data.transition().next()).containsExactly("end");
    assertThat(blobs.get(data.artifacts().get("failure").sha()))
        .isInstanceOfSatisfying(
            StepFailure.class, failure -> assertThat(failure.message()).isEqualTo("no data today"));
    assertThat(err()).contains("Task TimedFlow/1/start/1 failed: java.lang.IllegalStateException");
  }

  @Test
  void failureUnderCatch_beforeTheLastRetry_failsTheAttempt_soThatItIsRetried() {
    Decorators retriedAndCaught =
        new Decorators(
            Optional.of(new RetrySpec(1, 0)),
            Optional.of(new CatchSpec("failure")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    int code =
        run(
            new TimedFlowDefinition(
                retriedAndCaught,
                () -> {
                  throw new IllegalStateException("no data today");
                }));

    assertThat(code).isEqualTo(TaskExecutor.FAILED);
    assertThat(tasks.readResult(TASK, 0).orElseThrow().status()).isEqualTo(AttemptStatus.FAILED);
    assertThat(err()).doesNotContain("@Catch");
  }

  @Test
  void timeoutThatCannotBeRecorded_isReported_andTheAttemptFails() {
    storage.failDoneWrites = true;

    int code = run(new TimedFlowDefinition(CAUGHT_TIMEOUT, watchdog::expire));

    assertThat(code).isEqualTo(TaskExecutor.FAILED);
    assertThat(afterTimeout).containsExactly(TaskExecutor.FAILED);
    assertThat(err())
        .contains("Cannot record the timeout of TimedFlow/1/start/1: Cannot write")
        .contains("1/start/1/0.done.json: the disk is full");
  }

  @Test
  void endThatCannotBeRecorded_isThrown_notReportedAsAStepFailure() {
    storage.failDoneWrites = true;

    assertThatThrownBy(() -> run(new TimedFlowDefinition(Decorators.NONE, () -> {})))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Cannot write")
        .hasMessageContaining("1/start/1/0.done.json");
    assertThat(err()).isEmpty();
  }

  @Test
  void endThatTheMetadataCannotRecord_leavesNoDoneMarker() {
    LocalMetadataStore local = new LocalMetadataStore(root);
    MetadataStore unreachableAtTheEnd =
        (MetadataStore)
            Proxy.newProxyInstance(
                MetadataStore.class.getClassLoader(),
                new Class<?>[] {MetadataStore.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("recordAttempt")
                      && ((AttemptRecord) args[0]).status() != null) {
                    throw new PlatformException("Cannot reach the metadata service");
                  }
                  try {
                    return method.invoke(local, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    assertThatThrownBy(
            () -> run(new TimedFlowDefinition(Decorators.NONE, () -> {}), unreachableAtTheEnd))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Cannot reach the metadata service");
    assertThat(tasks.readResult(TASK, 0)).isEmpty();
  }

  private int run(TimedFlowDefinition definition) {
    return run(definition, new LocalMetadataStore(root));
  }

  private int run(TimedFlowDefinition definition, MetadataStore metadata) {
    TaskExecutor executor =
        new TaskExecutor(
            definition,
            blobs,
            tasks,
            metadata,
            new PrintStream(err, true, StandardCharsets.UTF_8),
            afterTimeout::add,
            watchdog);
    return executor.run(
        new TaskSpec(TASK, List.of("1/_parameters/0"), -1, 0, 100, "ana", List.of(), null));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A watchdog whose limit passes when {@link #expire} is called, on a thread of its own. */
  private static final class ManualWatchdog implements TimeoutWatchdog {
    private volatile Runnable expired;

    @Override
    public Runnable arm(Duration limit, Runnable onExpiry) {
      this.expired = onExpiry;
      // disarming lets a test expire the limit late, as a timer thread that already fired would
      return () -> {};
    }

    void expire() {
      Thread thread = new Thread(expired, "test-timeout");
      thread.start();
      try {
        thread.join();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A flow of two steps: start assigns {@code value}, then goes to end. */
  public static final class TimedFlow extends FlowSpec {
    String value = "initial";

    public void start() {
      value = "assigned by start";
      next(this::end);
    }

    public void end() {}
  }

  /** What the processor would generate for {@link TimedFlow}; runs {@code duringStart} in start. */
  private static final class TimedFlowDefinition implements FlowDefinition<TimedFlow> {
    private final FlowGraph graph;
    private final Runnable duringStart;

    TimedFlowDefinition(Decorators startDecorators, Runnable duringStart) {
      this.duringStart = duringStart;
      this.graph =
          new FlowGraph(
              "TimedFlow",
              TimedFlow.class.getName(),
              "",
              List.of(
                  new StepNode(
                      "start",
                      TransitionKind.LINEAR,
                      List.of("end"),
                      false,
                      List.of(),
                      Optional.empty(),
                      Set.of("value"),
                      false,
                      startDecorators,
                      ""),
                  new StepNode(
                      "end",
                      TransitionKind.END,
                      List.of(),
                      false,
                      List.of(),
                      Optional.empty(),
                      Set.of(),
                      false,
                      Decorators.NONE,
                      "")),
              List.of(),
              List.of(new ArtifactSpec("value", "java.lang.String")));
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
    public TimedFlow newInstance() {
      return new TimedFlow();
    }

    @Override
    public void runStep(
        TimedFlow flow, String step, Inputs<TimedFlow> inputs, Supplier<Object> item) {
      duringStart.run();
      flow.start();
    }

    @Override
    public Object getArtifact(TimedFlow flow, String artifact) {
      return flow.value;
    }

    @Override
    public void setArtifact(TimedFlow flow, String artifact, Object value) {
      flow.value = (String) value;
    }
  }

  /** Local storage that counts the done markers written, and fails writing them when told. */
  private static final class CountingStorage implements DatastoreStorage {
    private final LocalStorage delegate;
    final AtomicInteger doneWrites = new AtomicInteger();
    volatile boolean failDoneWrites;

    CountingStorage(LocalStorage delegate) {
      this.delegate = delegate;
    }

    @Override
    public void write(String key, byte[] bytes) {
      if (key.endsWith(".done.json")) {
        if (failDoneWrites) {
          throw new PlatformException("Cannot write %s: the disk is full", key);
        }
        doneWrites.incrementAndGet();
      }
      delegate.write(key, bytes);
    }

    @Override
    public String describe(String key) {
      return delegate.describe(key);
    }

    @Override
    public boolean exists(String key) {
      return delegate.exists(key);
    }

    @Override
    public InputStream open(String key) {
      return delegate.open(key);
    }

    @Override
    public void writeFile(String key, Path file) {
      delegate.writeFile(key, file);
    }

    @Override
    public List<String> list(String prefix) {
      return delegate.list(prefix);
    }

    @Override
    public Path scratchDir() {
      return delegate.scratchDir();
    }
  }
}
