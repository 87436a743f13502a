package io.fluxo.examples.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a {@code flow.jar} command ended.
 *
 * @param exitCode the process exit code
 * @param stdout everything it printed on standard output
 * @param stderr everything it printed on standard error
 * @param took how long it ran
 */
record CommandResult(int exitCode, String stdout, String stderr, Duration took) {
  /** Standard output then standard error. */
  String output() {
    return stdout + stderr;
  }

  /** The non-blank lines of standard error. */
  List<String> stderrLines() {
    return stderr.lines().filter(line -> !line.isBlank()).toList();
  }

  /**
   * The run id from the {@code Workflow starting (run-id N):} line, if the command started a run.
   */
  Optional<String> runId() {
    return FlowProcess.runId(stdout);
  }

  /** The run id, or an assertion failure showing the output. */
  String requireRunId() {
    return runId()
        .orElseThrow(() -> new AssertionError("No run started; output was:\n" + output()));
  }

  /** The command printed after {@code To resume from the failed step, run:}, or empty. */
  Optional<String> resumeCommand() {
    List<String> lines = stdout.lines().toList();
    int heading = lines.indexOf("To resume from the failed step, run:");
    return heading < 0 || heading + 1 >= lines.size()
        ? Optional.empty()
        : Optional.of(lines.get(heading + 1).trim());
  }

  /**
   * Whether the output looks like a stack trace or a raw exception: a line {@code at <frame>}, or
   * the word {@code Exception}.
   */
  boolean showsStackTrace() {
    return output().lines().anyMatch(line -> line.strip().startsWith("at "))
        || output().contains("Exception");
  }

  /** A summary for assertion messages. */
  String describe() {
    return "exit "
        + exitCode
        + " after "
        + took.toMillis()
        + " ms\n--- stdout\n"
        + stdout
        + "--- stderr\n"
        + stderr;
  }
}
