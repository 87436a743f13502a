package io.fluxo.runtime.testing;

import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.task.TaskExecutor;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import io.fluxo.runtime.spi.TaskPath;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs each attempt's {@link TaskExecutor} in this JVM, on a new daemon thread, instead of in a
 * task process. What the attempt prints is captured (see {@link TaskConsole}), stored as its logs
 * and passed to the {@link TaskOutput} when it ends. A timed-out attempt ends the attempt and
 * interrupts its thread instead of halting the JVM; {@link LaunchedTask#kill()} interrupts the
 * thread too, and a step that ignores interrupts runs on in the background. {@code @Environment}
 * variables are not applied: a JVM cannot change its own environment. Thread-safe.
 */
final class InProcessStepLauncher implements StepLauncher {
  private final FlowDefinition<?> definition;
  private final ContentStore blobs;
  private final TaskStore tasks;
  private final MetadataStore metadata;

  /** The exception the step's code threw in each task's last ended attempt, if it threw one. */
  private final Map<TaskPath, Throwable> thrown = new ConcurrentHashMap<>();

  InProcessStepLauncher(
      FlowDefinition<?> definition, ContentStore blobs, TaskStore tasks, MetadataStore metadata) {
    this.definition = definition;
    this.blobs = blobs;
    this.tasks = tasks;
    this.metadata = metadata;
  }

  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    Attempt attempt = new Attempt(launch, output);
    attempt.thread.start();
    return attempt;
  }

  /** The exception that {@code task}'s step threw in its last ended attempt, if it threw one. */
  Optional<Throwable> thrown(TaskPath task) {
    return Optional.ofNullable(thrown.get(task));
  }

  private final class Attempt implements LaunchedTask {
    private final TaskLaunch launch;
    private final TaskOutput output;
    private final TaskConsole.Capture capture = new TaskConsole.Capture();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Thread thread;

    Attempt(TaskLaunch launch, TaskOutput output) {
      this.launch = launch;
      this.output = output;
      this.thread =
          new Thread(
              this::run, "fluxo-task-" + launch.spec().task().runStepTask().replace('/', '-'));
      thread.setDaemon(true);
    }

    private void run() {
      TaskConsole.captureThisThread(capture);
      ThrowRecording recording = new ThrowRecording(definition);
      int code;
      try {
        code =
            new TaskExecutor(recording, blobs, tasks, metadata, capture.err(), this::timedOut)
                .run(launch.spec());
      } catch (RuntimeException | Error e) {
        // the attempt could not run (e.g. an input is unreadable), as a task process would exit 1
        capture.err().println("Task " + launch.spec().task().pathspec() + " could not run: " + e);
        recording.error = e;
        code = TaskExecutor.FAILED;
      }
      end(code, recording.error);
    }

    private void timedOut(int code) {
      end(code, null);
      thread.interrupt();
    }

    /**
     * Stores the logs and, the first time, records what the step threw and completes {@link #exit};
     * later calls (the thread of a timed-out or killed attempt ending) only store the logs again.
     */
    private synchronized void end(int code, Throwable error) {
      TaskPath task = launch.spec().task();
      int attempt = launch.spec().retryCount();
      tasks.writeLog(task, attempt, LogStream.STDOUT, capture.bytes(false));
      tasks.writeLog(task, attempt, LogStream.STDERR, capture.bytes(true));
      if (exit.isDone()) {
        return;
      }
      if (error == null) {
        thrown.remove(task);
      } else {
        thrown.put(task, error);
      }
      capture.lines(false).forEach(line -> output.line(launch, id(), line, false));
      capture.lines(true).forEach(line -> output.line(launch, id(), line, true));
      exit.complete(code);
    }

    @Override
    public String id() {
      return thread.getName();
    }

    @Override
    public CompletableFuture<Integer> exit() {
      return exit;
    }

    @Override
    public void kill() {
      thread.interrupt();
      end(TaskExecutor.FAILED, null);
    }
  }

  /** The flow's definition, keeping what its steps throw. */
  private static final class ThrowRecording implements FlowDefinition<FlowSpec> {
    private final FlowDefinition<FlowSpec> delegate;
    private volatile Throwable error;

    @SuppressWarnings("unchecked")
    ThrowRecording(FlowDefinition<?> delegate) {
      this.delegate = (FlowDefinition<FlowSpec>) delegate;
    }

    @Override
    public int abiVersion() {
      return delegate.abiVersion();
    }

    @Override
    public FlowGraph graph() {
      return delegate.graph();
    }

    @Override
    public FlowSpec newInstance() {
      return delegate.newInstance();
    }

    @Override
    public void runStep(
        FlowSpec flow, String step, Inputs<FlowSpec> inputs, Supplier<Object> item) {
      try {
        delegate.runStep(flow, step, inputs, item);
      } catch (Throwable e) {
        error = e;
        throw e;
      }
    }

    @Override
    public Object getArtifact(FlowSpec flow, String artifact) {
      return delegate.getArtifact(flow, artifact);
    }

    @Override
    public void setArtifact(FlowSpec flow, String artifact, Object value) {
      delegate.setArtifact(flow, artifact, value);
    }
  }
}
