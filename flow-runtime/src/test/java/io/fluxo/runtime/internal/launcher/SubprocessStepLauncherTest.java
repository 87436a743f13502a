package io.fluxo.runtime.internal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TimeoutSpec;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's side of an attempt, on task processes that are threads of this JVM: attempts that
 * end with or without the end marker, linger, overrun their timeout, or whose logs cannot be
 * stored.
 */
class SubprocessStepLauncherTest {
  /** What the launcher hands a task here: the end marker alone. */
  record Request(String endMarker) {}

  private static final TaskPath TASK = new TaskPath("Flow", "1", "s", "2");
  private static final StepNode NODE = node(Decorators.NONE);
  private static final SubprocessStepLauncher.GracePeriods NO_GRACE =
      new SubprocessStepLauncher.GracePeriods(
          Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(30));
  private static final Duration LOG_INTERVAL = Duration.ofMillis(200);

  @TempDir Path root;

  private final List<String> printed = new CopyOnWriteArrayList<>();

  @Test
  void endMarker_endsTheAttemptBeforeTheProcessExits_withItsCodeAndTheLogsBeforeIt()
      throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    CountDownLatch shutDown = new CountDownLatch(1);
    InProcessTaskProcesses processes =
        new InProcessTaskProcesses(
            (launch, request, out, err) -> {
              String marker = ((Request) request).endMarker();
              out.println("working");
              err.println("warning");
              out.println(marker + " 3");
              err.println(marker + " 3");
              out.println("shutting down");
              shutDown.await();
              return 0;
            });
    Process process;
    try (SubprocessStepLauncher launcher = launcher(processes, tasks)) {
      LaunchedTask task = launch(launcher, NODE);

      assertThat(task.exit().get(30, TimeUnit.SECONDS)).isEqualTo(3);

      process = processes.started.get(0);
      assertThat(process.isAlive()).as("the process still shuts down").isTrue();
      assertThat(printed).containsExactlyInAnyOrder("working", "warning");
      // stored when the attempt ended (with what the process has printed since, if the pump has
      // read it)
      assertThat(log(tasks, LogStream.STDOUT)).startsWith("working\n");
      assertThat(log(tasks, LogStream.STDERR)).isEqualTo("warning\n");
      shutDown.countDown();
    }
    // closing the launcher waited for it: no task process outlives the run
    assertThat(process.isAlive()).isFalse();
    // and what it printed while shutting down is in the log, not on the console
    assertThat(log(tasks, LogStream.STDOUT)).isEqualTo("working\nshutting down\n");
    assertThat(printed).doesNotContain("shutting down");
    // the spooled logs are gone from the scratch folder once stored for good
    try (var scratch = Files.list(tasks.storage().scratchDir())) {
      assertThat(scratch).isEmpty();
    }
  }

  @Test
  void withoutMarker_theAttemptEndsWhenTheProcessExits_withItsExitCode() throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    InProcessTaskProcesses processes =
        new InProcessTaskProcesses(
            (launch, request, out, err) -> {
              out.println("working");
              err.println("warning");
              return 5;
            });
    try (SubprocessStepLauncher launcher = launcher(processes, tasks)) {
      LaunchedTask task = launch(launcher, NODE);

      assertThat(task.exit().get(30, TimeUnit.SECONDS)).isEqualTo(5);

      assertThat(processes.started.get(0).isAlive()).isFalse();
      assertThat(log(tasks, LogStream.STDOUT)).isEqualTo("working\n");
      assertThat(log(tasks, LogStream.STDERR)).isEqualTo("warning\n");
    }
  }

  @Test
  void processKilledFromOutside_isSaidSo_onTheConsoleAndInItsLog() throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    InProcessTaskProcesses processes =
        new InProcessTaskProcesses(
            (launch, request, out, err) -> {
              err.println("loading 40 GB");
              return InProcessTaskProcesses.KILLED;
            });
    try (SubprocessStepLauncher launcher = launcher(processes, tasks)) {
      LaunchedTask task = launch(launcher, NODE);

      assertThat(task.exit().get(30, TimeUnit.SECONDS)).isEqualTo(137);

      assertThat(log(tasks, LogStream.STDERR))
          .isEqualTo(
              "loading 40 GB\nKilled by signal 9 (SIGKILL), exit code 137: the task was stopped"
                  + " from outside the run, e.g. by the out-of-memory killer or kill\n");
    }
  }

  @Test
  void taskOverrunningItsTimeoutAndTheGrace_isKilled_withItsLogsKept() throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    InProcessTaskProcesses processes =
        new InProcessTaskProcesses(
            (launch, request, out, err) -> {
              out.println("stuck");
              new CountDownLatch(1).await();
              return 0;
            });
    StepNode timed =
        node(
            new Decorators(
                Optional.empty(),
                Optional.empty(),
                Optional.of(new TimeoutSpec(1)),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()));
    try (SubprocessStepLauncher launcher = launcher(processes, tasks)) {
      LaunchedTask task = launch(launcher, timed);

      assertThat(task.exit().get(30, TimeUnit.SECONDS)).isEqualTo(InProcessTaskProcesses.KILLED);
      assertThat(log(tasks, LogStream.STDOUT)).isEqualTo("stuck\n");
    }
  }

  @Test
  void logThatCannotBeStored_isAWarning_andTheAttemptEndsAsItDid() throws Exception {
    TaskStore tasks = new TaskStore(new LogRefusingStorage(new LocalStorage(root)));
    InProcessTaskProcesses processes =
        new InProcessTaskProcesses(
            (launch, request, out, err) -> {
              out.println("done");
              return 0;
            });
    try (SubprocessStepLauncher launcher = launcher(processes, tasks)) {
      LaunchedTask task = launch(launcher, NODE);

      assertThat(task.exit().get(30, TimeUnit.SECONDS)).isZero();
    }
    assertThat(printed)
        .contains("done")
        .anyMatch(line -> line.startsWith("Warning: Cannot write") && line.contains("stdout.log"))
        .anyMatch(line -> line.startsWith("Warning: Cannot write") && line.contains("stderr.log"));
  }

  @Test
  void expect_isPassedToTheProcesses() {
    InProcessTaskProcesses processes = new InProcessTaskProcesses((l, r, o, e) -> 0);
    try (SubprocessStepLauncher launcher =
        launcher(processes, new TaskStore(new LocalStorage(root)))) {
      launcher.expect(List.of(NODE, NODE));
    }
    assertThat(processes.expected).containsExactly(List.of(NODE, NODE));
  }

  private SubprocessStepLauncher launcher(InProcessTaskProcesses processes, TaskStore tasks) {
    return new SubprocessStepLauncher(
        processes, (launch, endMarker) -> new Request(endMarker), tasks, NO_GRACE, LOG_INTERVAL);
  }

  private LaunchedTask launch(SubprocessStepLauncher launcher, StepNode node) {
    TaskSpec spec = new TaskSpec(TASK, List.of("1/start/1"), -1, 0, 100, "ana", List.of(), null);
    return launcher.launch(
        new TaskLaunch(spec, node), (launch, id, line, stderr) -> printed.add(line));
  }

  private static StepNode node(Decorators decorators) {
    return new StepNode(
        "s",
        TransitionKind.LINEAR,
        List.of("end"),
        false,
        List.of(),
        Optional.empty(),
        Set.of(),
        true,
        decorators,
        "");
  }

  private static String log(TaskStore tasks, LogStream stream) throws Exception {
    try (InputStream in = tasks.openLog(TASK, 0, stream).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Local storage that cannot store logs (a full or unreachable store). */
  private record LogRefusingStorage(LocalStorage delegate) implements DatastoreStorage {
    @Override
    public void writeFile(String key, Path file) {
      if (key.endsWith(".log")) {
        throw new PlatformException("Cannot write %s: the store is unreachable", key);
      }
      delegate.writeFile(key, file);
    }

    @Override
    public void write(String key, byte[] bytes) {
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
    public List<String> list(String prefix) {
      return delegate.list(prefix);
    }

    @Override
    public Path scratchDir() {
      return delegate.scratchDir();
    }
  }
}
