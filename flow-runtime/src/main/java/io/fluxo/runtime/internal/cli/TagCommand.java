package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flow tag add|remove|list RUN [TAG...]}: changes or lists a run's user tags in the
 * metadata. System tags ({@code user:...}, {@code runtime:...}) cannot be removed; a running run
 * cannot be retagged, since its process rewrites its record when it ends.
 */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = "Add, remove or list a run's user tags.")
final class TagCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'add', 'remove' or 'list'");
  }

  /** {@code tag} with its three subcommands. */
  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new TagCommand())
        .addSubcommand(
            "add",
            change(new TagChange(context, "tag run", Run::addTags), "Add user tags to a run."))
        .addSubcommand(
            "remove",
            change(
                new TagChange(context, "untag run", Run::removeTags),
                "Remove user tags from a run; system tags stay."))
        .addSubcommand("list", new ListTags(context));
  }

  private static CommandLine change(TagChange command, String description) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.getCommandSpec().usageMessage().description(description);
    return commandLine;
  }

  /** A subcommand on one run: finds it, applies the change and prints the run's tags. */
  abstract static class RunTags implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id.")
    String runId;

    @Mixin StoreOptions storeOptions;
    @Spec CommandSpec spec;

    RunTags(CliContext context) {
      this.context = context;
    }

    /** What the command does, for messages: {@code Cannot <verb> <run>: ...}. */
    abstract String verb();

    /** Changes the run's tags, returning the updated run. */
    abstract Run apply(Run run);

    @Override
    public Integer call() {
      FlowRuns flow = FlowRuns.of(context.graph().name(), storeOptions.config(context));
      RunPath path = RunPath.parse(flow.name(), verb(), runId, 1);
      if (path.step().isPresent()) {
        throw path.error("expected a run id, e.g. 3");
      }
      Run run = path.run(flow);
      Run changed = path.lookUp(() -> apply(run));
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Run "
              + changed.pathspec()
              + " tags: "
              + Cells.list(changed.tags())
              + "  (system: "
              + Cells.list(changed.systemTags())
              + ")");
      out.flush();
      return 0;
    }
  }

  /** {@code tag add|remove RUN TAG...}: a change named and described when it is registered. */
  @Command(mixinStandardHelpOptions = true)
  static final class TagChange extends RunTags {
    private final String verb;
    private final BiFunction<Run, String[], Run> change;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "TAG",
        description = "One or more tags.")
    List<String> tags = new ArrayList<>();

    TagChange(CliContext context, String verb, BiFunction<Run, String[], Run> change) {
      super(context);
      this.verb = verb;
      this.change = change;
    }

    @Override
    String verb() {
      return verb;
    }

    @Override
    Run apply(Run run) {
      return change.apply(run, tags.toArray(String[]::new));
    }
  }

  /** {@code tag list RUN}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List a run's user and system tags.")
  static final class ListTags extends RunTags {
    ListTags(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "list the tags of run";
    }

    @Override
    Run apply(Run run) {
      return run;
    }
  }
}
