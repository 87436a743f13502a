package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.error.UsageException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flow runs}: the flow's runs, newest first, one line each. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "List the flow's runs, newest first.")
final class RunsCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description = "Only runs with this tag, user or system (repeatable: all must match).")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Most runs to list. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Mixin StoreOptions storeOptions;
  @Spec CommandSpec spec;

  RunsCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (limit < 1) {
      throw new UsageException(
          "Invalid value for option '--limit': %d; it must be at least 1", limit);
    }
    FlowRuns flow = FlowRuns.of(context.graph().name(), storeOptions.config(context));
    List<Run> runs = tags.isEmpty() ? flow.runs() : flow.runsTagged(tags.toArray(String[]::new));
    PrintWriter out = spec.commandLine().getOut();
    if (runs.isEmpty()) {
      out.println(
          "No runs of "
              + flow.name()
              + (tags.isEmpty() ? "" : " tagged " + String.join(", ", tags))
              + " in "
              + flow.location()
              + ".");
      out.flush();
      return 0;
    }
    TextTable table =
        TextTable.of("RUN", "STATUS", "STARTED", "DURATION", "USER", "TAGS", "ORIGIN");
    for (Run run : runs.subList(0, Math.min(limit, runs.size()))) {
      table.row(
          run.id(),
          run.status().name(),
          Cells.time(Optional.of(run.startedAt())),
          Cells.duration(run.duration()),
          run.user(),
          Cells.list(run.tags()),
          run.originRunId().orElse("-"));
    }
    table.printTo(out, "");
    if (runs.size() > limit) {
      out.println("(" + (runs.size() - limit) + " older runs not shown; use --limit)");
    }
    out.flush();
    return 0;
  }
}
