package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.RunStep;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.error.UsageException;
import java.util.Arrays;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@code RUN[/STEP[/TASK]]} argument of an inspection command, optionally prefixed by the flow's
 * name, resolved through the client API. Whatever it does not find becomes a one-line usage error:
 * {@code Cannot <verb> <path>: <what exists>}.
 *
 * @param verb what the command does, for messages ({@code dump}, {@code show logs of})
 * @param text the argument as given
 * @param runId the run id
 * @param step the step name, if given
 * @param taskId the task id, if given
 */
record RunPath(
    String verb, String text, String runId, Optional<String> step, Optional<String> taskId) {
  /**
   * Parses {@code text} for {@code flow}, requiring at least {@code minParts} of run, step and
   * task.
   *
   * @throws UsageException if it has too few or too many parts, or an empty one
   */
  static RunPath parse(String flow, String verb, String text, int minParts) {
    String path = text.startsWith(flow + "/") ? text.substring(flow.length() + 1) : text;
    String[] parts = path.split("/", -1);
    String shape = minParts == 1 ? "RUN[/STEP[/TASK]]" : "RUN/STEP[/TASK]";
    if (parts.length < minParts
        || parts.length > 3
        || Arrays.stream(parts).anyMatch(String::isBlank)) {
      throw new UsageException(
          "Cannot %s %s: expected %s, e.g. 3%s",
          verb, text, shape, minParts == 1 ? "/start" : "/start/1");
    }
    return new RunPath(verb, text, parts[0], part(parts, 1), part(parts, 2));
  }

  Run run(FlowRuns flow) {
    return lookUp(() -> flow.run(runId));
  }

  RunStep step(FlowRuns flow) {
    Run run = run(flow);
    return lookUp(() -> run.step(step.orElseThrow()));
  }

  Task task(FlowRuns flow) {
    RunStep found = step(flow);
    return lookUp(() -> found.task(taskId.orElseThrow()));
  }

  /**
   * Runs {@code lookUp}, turning a missing run, step, task, attempt or artifact into a usage error.
   */
  <T> T lookUp(Supplier<T> lookUp) {
    try {
      return lookUp.get();
    } catch (NoSuchElementException | IllegalArgumentException | IllegalStateException e) {
      throw e.getMessage().startsWith("Cannot ")
          ? new UsageException("%s", e.getMessage())
          : error(e.getMessage());
    }
  }

  /** {@code Cannot <verb> <path>: <reason>} as a usage error. */
  UsageException error(String reason) {
    return new UsageException("Cannot %s %s: %s", verb, text, reason);
  }

  private static Optional<String> part(String[] parts, int index) {
    return index < parts.length ? Optional.of(parts[index]) : Optional.empty();
  }
}
