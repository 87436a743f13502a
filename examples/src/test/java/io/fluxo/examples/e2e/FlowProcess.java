package io.fluxo.examples.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running {@code flow.jar} command: its output is collected as it comes, so a test can wait for a
 * line, kill the process or wait for its end.
 */
final class FlowProcess {
  private static final Pattern RUN_STARTED =
      Pattern.compile("Workflow starting \\(run-id (\\w+)\\)");

  private final Process process;
  private final long startNanos = System.nanoTime();
  private final StringBuffer stdout = new StringBuffer();
  private final StringBuffer stderr = new StringBuffer();
  private final Thread stdoutPump;
  private final Thread stderrPump;

  private FlowProcess(Process process) {
    this.process = process;
    this.stdoutPump = pump(process.getInputStream(), stdout);
    this.stderrPump = pump(process.getErrorStream(), stderr);
  }

  /** Starts {@code builder}'s command with its standard input closed. */
  static FlowProcess start(ProcessBuilder builder) {
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return new FlowProcess(process);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + builder.command(), e);
    }
  }

  /** The run id that {@code stdout} announces, if any. */
  static Optional<String> runId(String stdout) {
    Matcher m = RUN_STARTED.matcher(stdout);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The process, to inspect its descendants. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  /**
   * Waits until standard output contains {@code text}.
   *
   * @throws AssertionError if the process ends or {@code timeout} passes first
   */
  void awaitOutput(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (stdout.indexOf(text) < 0) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("Never printed '" + text + "'; output was:\n" + stdout + stderr);
      }
      Thread.sleep(10);
    }
  }

  /** What standard output holds so far. */
  String stdoutSoFar() {
    return stdout.toString();
  }

  /** Kills the process with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
  void killForcibly() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Waits for the process to end.
   *
   * @throws AssertionError if it runs longer than {@code timeout}; it is killed then
   */
  CommandResult await(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      List<ProcessHandle> tree = process.descendants().toList();
      process.destroyForcibly();
      tree.forEach(ProcessHandle::destroyForcibly);
      throw new AssertionError(
          "Still running after " + timeout + "; output was:\n" + stdout + stderr);
    }
    stdoutPump.join(timeout.toMillis());
    stderrPump.join(timeout.toMillis());
    return new CommandResult(
        process.exitValue(),
        stdout.toString(),
        stderr.toString(),
        Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private static Thread pump(InputStream in, StringBuffer sink) {
    Thread thread =
        new Thread(
            () -> {
              try (BufferedReader reader =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  sink.append(line).append('\n');
                }
              } catch (IOException e) {
                // the process was killed; what was read is kept
              }
            },
            "flow-process-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
