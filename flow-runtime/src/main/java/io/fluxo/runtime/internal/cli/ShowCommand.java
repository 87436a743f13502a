package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.internal.json.RecordJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flow show}: the steps, transitions, decorators and parameters, as Metaflow's show. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show the flow's steps, transitions, decorators and parameters.")
final class ShowCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--json", description = "Print the graph as JSON.")
  boolean json;

  @Spec CommandSpec spec;

  ShowCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new String(RecordJson.write(context.graph()), StandardCharsets.UTF_8));
    } else {
      out.print(GraphText.of(context.definition()));
    }
    out.flush();
    return 0;
  }
}
