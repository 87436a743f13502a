package io.fluxo.runtime.internal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logs of a running attempt are stored as they grow, and the store at its end is the last: real
 * task processes (JVMs started as a run starts them) that wait for gate files, their logs read from
 * the datastore while they wait.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LiveLogsTest {
  /** What a task process is handed here: its end marker and the folder of the gates it awaits. */
  record Request(String endMarker, String gates) {}

  private static final String FLOW = "LiveFlow";
  private static final Duration LOG_INTERVAL = Duration.ofMillis(200);
  private static final SubprocessStepLauncher.GracePeriods GRACE =
      new SubprocessStepLauncher.GracePeriods(
          Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30));

  /**
   * A task process: prints a line on stdout and one on stderr, waits for gate {@code more}, prints
   * a second line, waits for gate {@code end}, then ends its attempt with exit code 0. A gate that
   * does not come within a minute (a failed test) makes it exit with 1.
   */
  public static final class GatedMain {
    public static void main(String[] args) throws Exception {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      Request request =
          RecordJson.read(
              new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
              Request.class,
              "the request");
      Path gates = Path.of(request.gates());
      System.out.println("line 1");
      System.err.println("warning 1");
      awaitFile(gates.resolve("more"));
      System.out.println("line 2");
      awaitFile(gates.resolve("end"));
      System.out.println(request.endMarker() + " 0");
      System.err.println(request.endMarker() + " 0");
    }

    private static void awaitFile(Path file) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!Files.exists(file)) {
        if (System.nanoTime() > deadline) {
          System.exit(1);
        }
        Thread.sleep(20);
      }
    }
  }

  @TempDir Path root;
  @TempDir Path gates;

  @Test
  void runningAttempt_itsLogsAreReadableAsTheyGrow_andWholeOnceItEnds() throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    TaskPath path = startedTask();
    Task task = FlowRuns.of(FLOW, root).run(path.runId()).step("s").task(path.taskId());
    try (SubprocessStepLauncher launcher = launcher(tasks)) {
      LaunchedTask attempt = launch(launcher, path);

      awaitEqual("stdout", task::stdout, "line 1\n");
      awaitEqual("stderr", task::stderr, "warning 1\n");
      assertThat(attempt.exit()).as("the attempt still runs").isNotDone();

      Files.createFile(gates.resolve("more"));
      awaitEqual("stdout", () -> task.log(LogStream.STDOUT, 0).orElse(""), "line 1\nline 2\n");
      assertThat(attempt.exit()).as("the attempt still runs").isNotDone();

      Files.createFile(gates.resolve("end"));
      assertThat(attempt.exit().get(60, TimeUnit.SECONDS)).isZero();
      assertThat(log(tasks, path, LogStream.STDOUT)).isEqualTo("line 1\nline 2\n");
      assertThat(log(tasks, path, LogStream.STDERR)).isEqualTo("warning 1\n");
    }
  }

  @Test
  void storeWhileRunning_landingLate_doesNotOverwriteTheStoreAtTheEnd() throws Exception {
    FirstLogStoreHeldBack storage = new FirstLogStoreHeldBack(new LocalStorage(root));
    TaskStore tasks = new TaskStore(storage);
    TaskPath path = new TaskPath(FLOW, "1", "s", "2");
    try (SubprocessStepLauncher launcher = launcher(tasks)) {
      LaunchedTask attempt = launch(launcher, path);
      // a store of "line 1" has started and is held back: the attempt prints the rest and ends
      assertThat(storage.firstStarted.await(60, TimeUnit.SECONDS)).isTrue();
      Files.createFile(gates.resolve("more"));
      Files.createFile(gates.resolve("end"));

      assertThat(attempt.exit().get(60, TimeUnit.SECONDS)).isZero();
    }
    assertThat(log(tasks, path, LogStream.STDOUT)).isEqualTo("line 1\nline 2\n");
    assertThat(storage.overtaken).as("a store landed while an earlier one was under way").isFalse();
  }

  @Test
  void aLogIsStoredAgainOnlyWhenItGrew() throws Exception {
    CountingStorage storage = new CountingStorage(new LocalStorage(root));
    TaskStore tasks = new TaskStore(storage);
    TaskPath path = new TaskPath(FLOW, "1", "s", "2");
    LogSpool stdout = LogSpool.create(storage.scratchDir());
    LogSpool stderr = LogSpool.create(storage.scratchDir());
    stdout.append("line 1");
    LiveLogs live = new LiveLogs(tasks, path, 0, stdout, stderr, Duration.ofMillis(50), System.err);
    try {
      awaitEqual("stdout", () -> log(tasks, path, LogStream.STDOUT), "line 1\n");
      Thread.sleep(500);
      assertThat(storage.logStores.get()).as("one store of stdout, none of empty stderr").isOne();

      stdout.append("line 2");
      awaitEqual("stdout", () -> log(tasks, path, LogStream.STDOUT), "line 1\nline 2\n");
    } finally {
      live.stop();
      stdout.delete();
      stderr.delete();
    }
    int stores = storage.logStores.get();
    Thread.sleep(300);
    assertThat(storage.logStores.get()).as("none after stop").isEqualTo(stores);
  }

  @Test
  void storesFailingWhileRunning_areOneWarningLine() throws Exception {
    LogRefusingStorage storage = new LogRefusingStorage(new LocalStorage(root));
    TaskStore tasks = new TaskStore(storage);
    TaskPath path = new TaskPath(FLOW, "1", "s", "2");
    LogSpool stdout = LogSpool.create(tasks.storage().scratchDir());
    LogSpool stderr = LogSpool.create(tasks.storage().scratchDir());
    ByteArrayOutputStream warnings = new ByteArrayOutputStream();
    LiveLogs live =
        new LiveLogs(
            tasks,
            path,
            1,
            stdout,
            stderr,
            Duration.ofMillis(50),
            new PrintStream(warnings, true, StandardCharsets.UTF_8));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      for (int i = 0; storage.refused.get() < 6 && System.nanoTime() < deadline; i++) {
        stdout.append("line " + i);
        stderr.append("warning " + i);
        Thread.sleep(20);
      }
    } finally {
      live.stop();
      stdout.delete();
      stderr.delete();
    }
    assertThat(storage.refused).as("stores refused").hasValueGreaterThanOrEqualTo(6);
    assertThat(warnings.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "Warning: cannot store the logs of LiveFlow/1/s/2 attempt 1 while it runs (they are"
                + " stored when it ends): Cannot write "
                + FLOW
                + "/1/s/2/1.stdout.log: the store is unreachable\n");
  }

  /** A task of run 1 of {@link #FLOW} with a started attempt 0, as the run and task record it. */
  private TaskPath startedTask() {
    LocalMetadataStore metadata = new LocalMetadataStore(root);
    RunRecord run = metadata.createRun(FLOW, "ana", List.of(), null);
    TaskPath path = new TaskPath(FLOW, run.runId(), "s", "2");
    metadata.registerTask(new TaskRecord(path, List.of(), -1, null, Instant.now()));
    metadata.recordAttempt(
        new AttemptRecord(path, 0, null, Instant.now(), null, 1, Map.of(), null, Map.of()));
    return path;
  }

  private SubprocessStepLauncher launcher(TaskStore tasks) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            GatedMain.class.getName());
    return new SubprocessStepLauncher(
        new JvmTaskProcesses(command, 0),
        (launch, endMarker) -> new Request(endMarker, gates.toString()),
        tasks,
        GRACE,
        LOG_INTERVAL);
  }

  private static LaunchedTask launch(SubprocessStepLauncher launcher, TaskPath path) {
    TaskSpec spec = new TaskSpec(path, List.of(), -1, 0, 100, "ana", List.of(), null);
    StepNode node = StepNode.newBuilder("s", TransitionKind.LINEAR).next(List.of("end")).build();
    return launcher.launch(new TaskLaunch(spec, node), (launch, id, line, stderr) -> {});
  }

  /** Waits, 30 s at most, until the stored log {@code actual} gives is {@code expected}. */
  private static void awaitEqual(String stream, Supplier<String> actual, String expected)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = actual.get();
    while (!last.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      last = actual.get();
    }
    assertThat(last).as("the stored %s", stream).isEqualTo(expected);
  }

  /** The stored log, or "" if there is none yet. */
  private static String log(TaskStore tasks, TaskPath path, LogStream stream) {
    Optional<InputStream> stored = tasks.openLog(path, 0, stream);
    if (stored.isEmpty()) {
      return "";
    }
    try (InputStream in = stored.get()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Local storage whose writes a test watches or changes. */
  private static class ForwardingStorage implements DatastoreStorage {
    private final LocalStorage delegate;

    ForwardingStorage(LocalStorage delegate) {
      this.delegate = delegate;
    }

    @Override
    public void writeFile(String key, Path file) {
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

  /**
   * Holds back the first store of a stdout log until a later one has landed, 3 s at most: a store
   * made while the attempt ran, slow enough to race the store at its end.
   */
  private static final class FirstLogStoreHeldBack extends ForwardingStorage {
    final CountDownLatch firstStarted = new CountDownLatch(1);
    private final CountDownLatch laterLanded = new CountDownLatch(1);
    private final AtomicInteger stores = new AtomicInteger();
    volatile boolean overtaken;

    FirstLogStoreHeldBack(LocalStorage delegate) {
      super(delegate);
    }

    @Override
    public void writeFile(String key, Path file) {
      if (!key.endsWith(LogStream.STDOUT.fileSuffix())) {
        super.writeFile(key, file);
      } else if (stores.incrementAndGet() == 1) {
        firstStarted.countDown();
        try {
          overtaken = laterLanded.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.writeFile(key, file);
      } else {
        super.writeFile(key, file);
        laterLanded.countDown();
      }
    }
  }

  /** Counts the stores of logs. */
  private static final class CountingStorage extends ForwardingStorage {
    final AtomicInteger logStores = new AtomicInteger();

    CountingStorage(LocalStorage delegate) {
      super(delegate);
    }

    @Override
    public void writeFile(String key, Path file) {
      super.writeFile(key, file);
      if (key.endsWith(".log")) {
        logStores.incrementAndGet();
      }
    }
  }

  /** Cannot store logs (a full or unreachable store); counts the stores it refused. */
  private static final class LogRefusingStorage extends ForwardingStorage {
    final AtomicInteger refused = new AtomicInteger();

    LogRefusingStorage(LocalStorage delegate) {
      super(delegate);
    }

    @Override
    public void writeFile(String key, Path file) {
      if (key.endsWith(".log")) {
        refused.incrementAndGet();
        throw new PlatformException("Cannot write %s: the store is unreachable", key);
      }
      super.writeFile(key, file);
    }
  }
}
