package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.client.Attempt;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.StepLauncher;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flow logs RUN/STEP[/TASK]}: the stored stdout (or stderr) of a task's latest attempt, or
 * of attempt n; of a running attempt, what it printed so far. For a step of several tasks, each
 * task's log follows a header line.
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Show the stored output of a task, or of each task of a step; of a running task, its"
            + " output so far.")
final class LogsCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "RUN/STEP[/TASK]",
      description = "Whose logs, e.g. 3/train or 3/train/5.")
  String path;

  @Option(names = "--stderr", description = "Show standard error instead of standard output.")
  boolean stderr;

  @Option(
      names = "--attempt",
      paramLabel = "N",
      description = "Show attempt N (from 0). Default: the latest attempt.")
  Integer attempt;

  @Mixin StoreOptions storeOptions;
  @Spec CommandSpec spec;

  LogsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    RunPath runPath = RunPath.parse(context.graph().name(), "show logs of", path, 2);
    FlowRuns flow = FlowRuns.of(context.graph().name(), storeOptions.config(context));
    List<Task> tasks =
        runPath.taskId().isPresent() ? List.of(runPath.task(flow)) : runPath.step(flow).tasks();
    LogStream stream = stderr ? LogStream.STDERR : LogStream.STDOUT;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Task task : tasks) {
      List<Attempt> attempts = task.attempts();
      if (attempts.isEmpty()) {
        err.println("Task " + task.pathspec() + " has not started an attempt yet; it has no logs.");
        continue;
      }
      int number = attempt != null ? attempt : attempts.get(attempts.size() - 1).number();
      Optional<String> log = runPath.lookUp(() -> task.log(stream, number));
      if (tasks.size() > 1) {
        out.println(
            "==> " + task.pathspec() + " (attempt " + number + ", " + streamName(stream) + ") <==");
      }
      if (log.isPresent()) {
        out.print(log.get());
      } else {
        err.println(
            "No "
                + streamName(stream)
                + " stored for "
                + task.pathspec()
                + " attempt "
                + number
                + " yet: a running attempt's logs are stored every "
                + StepLauncher.LIVE_LOG_INTERVAL.toSeconds()
                + " s once it prints.");
      }
      out.flush();
    }
    err.flush();
    return 0;
  }

  private static String streamName(LogStream stream) {
    return stream == LogStream.STDOUT ? "stdout" : "stderr";
  }
}
