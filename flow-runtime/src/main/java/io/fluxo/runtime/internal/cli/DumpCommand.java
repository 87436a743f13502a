package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.client.Attempt;
import io.fluxo.runtime.client.DataArtifact;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.RunStep;
import io.fluxo.runtime.client.Task;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flow dump RUN[/STEP[/TASK]]}: a run with its parameters, steps, tasks and final data; a
 * step's tasks with their artifacts; or one task's artifacts, with type, stored size and value (a
 * value stored in its own format, such as a Spark Dataset, is described, not opened).
 */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description =
        "Show a run (parameters, steps, tasks, end data), a step's tasks, or a task's artifacts.")
final class DumpCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "RUN[/STEP[/TASK]]",
      description = "What to show, e.g. 3, 3/train or 3/train/5.")
  String path;

  @Option(
      names = "--full",
      description =
          "Show artifact values whole instead of cut to " + Cells.VALUE_WIDTH + " characters.")
  boolean full;

  @Option(
      names = "--include",
      split = ",",
      paramLabel = "NAME",
      description = "Show only these artifacts (comma-separated).")
  List<String> include = new ArrayList<>();

  @Mixin StoreOptions storeOptions;
  @Spec CommandSpec spec;

  private PrintWriter out;
  private RunPath runPath;

  DumpCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    out = spec.commandLine().getOut();
    runPath = RunPath.parse(context.graph().name(), "dump", path, 1);
    FlowRuns flow = FlowRuns.of(context.graph().name(), storeOptions.config(context));
    if (runPath.taskId().isPresent()) {
      Task task = runPath.task(flow);
      checkIncluded(List.of(task));
      dumpTask(task);
    } else if (runPath.step().isPresent()) {
      RunStep step = runPath.step(flow);
      List<Task> tasks = step.tasks();
      checkIncluded(tasks);
      out.println(
          "Step "
              + step.pathspec()
              + "  ("
              + tasks.size()
              + (tasks.size() == 1 ? " task)" : " tasks)"));
      taskTable(tasks, false).printTo(out, "    ");
      for (Task task : tasks) {
        out.println();
        dumpTask(task);
      }
    } else {
      dumpRun(runPath.run(flow));
    }
    out.flush();
    return 0;
  }

  private void dumpRun(Run run) {
    out.println("Run " + run.pathspec() + "  " + run.status());
    TextTable facts =
        TextTable.facts()
            .row("started", Cells.time(Optional.of(run.startedAt())))
            .row("duration", Cells.duration(run.duration()))
            .row("user", run.user())
            .row("tags", Cells.list(run.tags()))
            .row("system tags", Cells.list(run.systemTags()))
            .row("origin run", run.originRunId().orElse("-"));
    facts.printTo(out, "    ");
    out.println();
    Map<String, Object> parameters = run.parameters();
    out.println("Parameters:" + (parameters.isEmpty() ? " none" : ""));
    if (!parameters.isEmpty()) {
      TextTable table = TextTable.of("NAME", "VALUE");
      parameters.forEach((name, value) -> table.row(name, Cells.value(value, full)));
      table.printTo(out, "    ");
    }
    out.println();
    List<Task> tasks = new ArrayList<>();
    run.steps().forEach(step -> tasks.addAll(step.tasks()));
    out.println("Steps:" + (tasks.isEmpty() ? " none" : ""));
    if (!tasks.isEmpty()) {
      taskTable(tasks, true).printTo(out, "    ");
    }
    Optional<Task> end = tasks.stream().filter(t -> t.stepName().equals("end")).findFirst();
    if (end.isPresent()) {
      checkIncluded(List.of(end.get()));
      out.println();
      out.print("Data (end task " + end.get().id() + "):");
      artifacts(end.get());
    }
  }

  private void dumpTask(Task task) {
    List<Attempt> attempts = task.attempts();
    out.println("Task " + task.pathspec() + "  " + task.status());
    TextTable facts =
        TextTable.facts()
            .row("started", Cells.time(task.startedAt()))
            .row("duration", Cells.duration(duration(task)))
            .row("attempts", Integer.toString(attempts.size()));
    task.originTask().ifPresent(origin -> facts.row("cloned from", origin.pathspec()));
    if (!attempts.isEmpty()) {
      attempts
          .get(attempts.size() - 1)
          .failure()
          .ifPresent(error -> facts.row("error", Cells.value(error, full)));
    }
    facts.printTo(out, "    ");
    out.print("Artifacts:");
    artifacts(task);
  }

  /**
   * Prints the task's (included) artifacts after a heading the caller has printed without a
   * newline.
   */
  private void artifacts(Task task) {
    List<DataArtifact> artifacts =
        task.artifacts().stream()
            .filter(a -> include.isEmpty() || include.contains(a.name()))
            .toList();
    if (artifacts.isEmpty()) {
      out.println(task.successful() ? " none" : " none (the task is " + task.status() + ")");
      return;
    }
    out.println();
    TextTable table = TextTable.of("NAME", "TYPE", "SIZE", "VALUE");
    for (DataArtifact artifact : artifacts) {
      table.row(
          artifact.name(),
          String.valueOf(artifact.type()),
          Cells.size(artifact.storedSize()),
          Cells.value(artifact.preview(), full));
    }
    table.printTo(out, "    ");
  }

  private static TextTable taskTable(List<Task> tasks, boolean withStep) {
    TextTable table =
        withStep
            ? TextTable.of("STEP", "TASK", "STATUS", "ATTEMPTS", "STARTED", "DURATION")
            : TextTable.of("TASK", "STATUS", "ATTEMPTS", "STARTED", "DURATION");
    for (Task task : tasks) {
      List<String> cells = new ArrayList<>();
      if (withStep) {
        cells.add(task.stepName());
      }
      cells.addAll(
          List.of(
              task.id(),
              task.status().name(),
              Integer.toString(task.attempts().size()),
              Cells.time(task.startedAt()),
              Cells.duration(duration(task))));
      table.row(cells.toArray(String[]::new));
    }
    return table;
  }

  private static Optional<Duration> duration(Task task) {
    return task.startedAt()
        .flatMap(start -> task.endedAt().map(end -> Duration.between(start, end)));
  }

  /**
   * Rejects {@code --include} names that none of {@code tasks} has, listing the names they have.
   */
  private void checkIncluded(List<Task> tasks) {
    Set<String> names = new LinkedHashSet<>();
    tasks.forEach(t -> names.addAll(t.artifactNames()));
    for (String name : include) {
      if (!names.contains(name)) {
        throw runPath.error(
            "no artifact named "
                + name
                + "; artifacts are: "
                + (names.isEmpty() ? "none" : String.join(", ", names)));
      }
    }
  }
}
