package io.fluxo.runtime.internal.metadata;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Metadata in files beside the local datastore: {@code <Flow>/<run>/_meta/run.json}, {@code
 * graph.json}, and per task {@code <Flow>/<run>/<step>/<task>/_meta/task.json} and {@code
 * attempt-<n>.json}. Run ids are consecutive numbers per flow, allocated by creating the run's
 * folder atomically. A run left {@code RUNNING} by a process that no longer exists on this host is
 * reported as failed.
 */
public final class LocalMetadataStore implements MetadataStore {
  private static final String META = "_meta";
  private static final Map<Path, Path> RUN_LOCKS = new ConcurrentHashMap<>();

  private final LocalStorage files;

  /** Metadata kept in the local datastore folder {@code root}. */
  public LocalMetadataStore(Path root) {
    this.files = new LocalStorage(root);
  }

  @Override
  public RunRecord createRun(String flow, String user, List<String> tags, String originRunId) {
    Path flowDir = files.path(flow);
    try {
      Files.createDirectories(flowDir);
      while (true) {
        long next = highestRunNumber(flowDir) + 1;
        try {
          Files.createDirectory(flowDir.resolve(Long.toString(next)));
        } catch (FileAlreadyExistsException e) {
          continue;
        }
        RunRecord run =
            new RunRecord(
                flow,
                Long.toString(next),
                user,
                tags,
                List.of("user:" + user, "runtime:local"),
                originRunId,
                RunStatus.RUNNING,
                Instant.now(),
                null,
                hostName(),
                ProcessHandle.current().pid());
        updateRun(run);
        return run;
      }
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot create a run of %s in %s: %s", flow, flowDir, e.getMessage());
    }
  }

  @Override
  public void updateRun(RunRecord run) {
    files.write(runKey(run.flow(), run.runId()), RecordJson.write(run));
  }

  /**
   * Changes the run's record under a lock on {@code _meta/run.lock}, so that concurrent changes by
   * other threads and processes (two {@code flow tag add}) are applied one after the other.
   */
  @Override
  public RunRecord changeRun(String flow, String runId, UnaryOperator<RunRecord> change) {
    String key = runKey(flow, runId);
    Path lockFile = files.path(key).resolveSibling("run.lock");
    // a file lock is held per JVM, not per thread: threads of this JVM queue on the path first
    synchronized (RUN_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> p)) {
      try (FileChannel channel =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        RunRecord current =
            run(flow, runId)
                .orElseThrow(() -> new IllegalArgumentException("No run " + flow + "/" + runId));
        RunRecord changed = change.apply(current);
        updateRun(changed);
        return changed;
      } catch (IOException e) {
        throw new PlatformException(
            e, "Cannot change run %s/%s in %s: %s", flow, runId, lockFile, e.getMessage());
      }
    }
  }

  @Override
  public Optional<RunRecord> run(String flow, String runId) {
    String key = runKey(flow, runId);
    if (runId.contains("/") || !files.exists(key)) {
      return Optional.empty();
    }
    RunRecord run = RecordJson.read(files.open(key), RunRecord.class, files.describe(key));
    return Optional.of(withLiveness(run));
  }

  /**
   * The readable runs of {@code flow}; a run whose record cannot be read (a damaged {@code
   * run.json}) is left out with a warning on stderr naming its file, so that it does not hide the
   * others. Reading that run itself fails with the same message.
   */
  @Override
  public List<RunRecord> runs(String flow) {
    List<RunRecord> runs = new ArrayList<>();
    for (String name : files.list(flow)) {
      try {
        run(flow, name).ifPresent(runs::add);
      } catch (PlatformException unreadable) {
        System.err.println("Warning: leaving out run " + name + ": " + unreadable.getMessage());
      }
    }
    runs.sort(Comparator.comparing(RunRecord::startedAt).reversed());
    return runs;
  }

  @Override
  public List<String> flows() {
    List<String> flows = new ArrayList<>();
    for (String name : files.list("")) {
      if (!name.startsWith(".") && hasRuns(name)) {
        flows.add(name);
      }
    }
    flows.sort(Comparator.naturalOrder());
    return flows;
  }

  private boolean hasRuns(String flow) {
    return files.list(flow).stream().anyMatch(name -> files.exists(runKey(flow, name)));
  }

  @Override
  public void saveGraph(String flow, String runId, byte[] graphJson) {
    files.write(graphKey(flow, runId), graphJson);
  }

  @Override
  public Optional<byte[]> graph(String flow, String runId) {
    String key = graphKey(flow, runId);
    if (runId.contains("/") || !files.exists(key)) {
      return Optional.empty();
    }
    try (InputStream in = files.open(key)) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot read %s: %s", files.describe(key), e.getMessage());
    }
  }

  private static String graphKey(String flow, String runId) {
    return flow + "/" + runId + "/" + META + "/graph.json";
  }

  @Override
  public void registerTask(TaskRecord task) {
    files.write(taskMeta(task.path()) + "/task.json", RecordJson.write(task));
  }

  @Override
  public List<TaskRecord> tasks(String flow, String runId) {
    List<TaskRecord> tasks = new ArrayList<>();
    String runPrefix = flow + "/" + runId;
    for (String step : files.list(runPrefix)) {
      if (step.equals(META)) {
        continue;
      }
      for (String task : files.list(runPrefix + "/" + step)) {
        String key = runPrefix + "/" + step + "/" + task + "/" + META + "/task.json";
        if (files.exists(key)) {
          tasks.add(RecordJson.read(files.open(key), TaskRecord.class, files.describe(key)));
        }
      }
    }
    tasks.sort(
        Comparator.comparing((TaskRecord t) -> t.createdAt())
            .thenComparing(t -> t.path().taskId()));
    return tasks;
  }

  @Override
  public void recordAttempt(AttemptRecord attempt) {
    files.write(
        taskMeta(attempt.task()) + "/attempt-" + attempt.attempt() + ".json",
        RecordJson.write(attempt));
  }

  @Override
  public List<AttemptRecord> attempts(TaskPath task) {
    List<AttemptRecord> attempts = new ArrayList<>();
    String meta = taskMeta(task);
    for (String name : files.list(meta)) {
      if (name.startsWith("attempt-") && name.endsWith(".json")) {
        attempts.add(
            RecordJson.read(
                files.open(meta + "/" + name),
                AttemptRecord.class,
                files.describe(meta + "/" + name)));
      }
    }
    attempts.sort(Comparator.comparingInt(AttemptRecord::attempt));
    return attempts;
  }

  /**
   * {@code run} as it stands: a run recorded RUNNING whose process on this host is gone (killed, or
   * it could not record its end) reads as the service derives it: SUCCEEDED if an attempt of its
   * {@code end} step succeeded, else FAILED.
   */
  private RunRecord withLiveness(RunRecord run) {
    if (run.status() != RunStatus.RUNNING || !run.host().equals(hostName())) {
      return run;
    }
    boolean alive = ProcessHandle.of(run.pid()).map(ProcessHandle::isAlive).orElse(false);
    if (alive) {
      return run;
    }
    boolean ended =
        tasks(run.flow(), run.runId()).stream()
            .filter(t -> t.path().step().equals("end"))
            .flatMap(t -> attempts(t.path()).stream())
            .anyMatch(a -> a.status() == AttemptStatus.SUCCEEDED);
    return run.withStatus(ended ? RunStatus.SUCCEEDED : RunStatus.FAILED, null);
  }

  private static long highestRunNumber(Path flowDir) throws IOException {
    try (var entries = Files.list(flowDir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{1,18}"))
          .mapToLong(Long::parseLong)
          .max()
          .orElse(0);
    }
  }

  private static String runKey(String flow, String runId) {
    return flow + "/" + runId + "/" + META + "/run.json";
  }

  private static String taskMeta(TaskPath task) {
    return task.pathspec() + "/" + META;
  }

  private static String hostName() {
    return HostName.VALUE;
  }

  /** This machine's name, resolved once per process: a lookup can take a while. */
  private static final class HostName {
    static final String VALUE = resolve();

    private static String resolve() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
