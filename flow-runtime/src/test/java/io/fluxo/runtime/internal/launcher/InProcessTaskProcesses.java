package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.spi.TaskLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Task "processes" that are threads of the test's JVM, each running {@link Script}: what a task
 * process prints and how it exits, without starting a JVM.
 */
final class InProcessTaskProcesses implements TaskProcesses {
  /** Exit code of a killed process, as a shell reports SIGKILL. */
  static final int KILLED = 137;

  /** What a task process does with the request it was handed; returns its exit code. */
  @FunctionalInterface
  interface Script {
    int run(TaskLaunch launch, Record request, PrintStream out, PrintStream err) throws Exception;
  }

  private static final AtomicLong PIDS = new AtomicLong(1_000_000);

  private final Script script;
  final List<ThreadProcess> started = new CopyOnWriteArrayList<>();
  final List<List<StepNode>> expected = new CopyOnWriteArrayList<>();

  InProcessTaskProcesses(Script script) {
    this.script = script;
  }

  @Override
  public Process start(TaskLaunch launch, Record request) {
    ThreadProcess process = new ThreadProcess(launch, request, script);
    started.add(process);
    return process;
  }

  @Override
  public void expect(List<StepNode> upcoming) {
    expected.add(upcoming);
  }

  @Override
  public void close() {}

  /**
   * A process that is a thread running a script; killing it closes its output and interrupts it.
   */
  static final class ThreadProcess extends Process {
    private final long pid = PIDS.incrementAndGet();
    private final PipedInputStream stdout = new PipedInputStream(1 << 16);
    private final PipedInputStream stderr = new PipedInputStream(1 << 16);
    private final PrintStream out;
    private final PrintStream err;
    private final CompletableFuture<Process> exited = new CompletableFuture<>();
    private final Thread thread;
    private volatile int exitCode;

    ThreadProcess(TaskLaunch launch, Record request, Script script) {
      try {
        out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
        err = new PrintStream(new PipedOutputStream(stderr), true, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      thread =
          new Thread(
              () -> {
                int code;
                try {
                  code = script.run(launch, request, out, err);
                } catch (Exception e) {
                  code = KILLED;
                }
                exit(code);
              },
              "test-task-" + pid);
      thread.setDaemon(true);
      thread.start();
    }

    private synchronized void exit(int code) {
      if (exited.isDone()) {
        return;
      }
      exitCode = code;
      out.close();
      err.close();
      exited.complete(this);
    }

    @Override
    public OutputStream getOutputStream() {
      return OutputStream.nullOutputStream();
    }

    @Override
    public InputStream getInputStream() {
      return stdout;
    }

    @Override
    public InputStream getErrorStream() {
      return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
      try {
        exited.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
      return exitCode;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
      try {
        exited.get(timeout, unit);
        return true;
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public CompletableFuture<Process> onExit() {
      return exited.thenApply(p -> p);
    }

    @Override
    public int exitValue() {
      if (!exited.isDone()) {
        throw new IllegalThreadStateException("process " + pid + " has not exited");
      }
      return exitCode;
    }

    @Override
    public boolean isAlive() {
      return !exited.isDone();
    }

    @Override
    public void destroy() {
      exit(KILLED);
      thread.interrupt();
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public Stream<ProcessHandle> descendants() {
      return Stream.empty();
    }
  }
}
