package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.graph.StepNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flow check}: confirms that the compiled graph is complete and consistent (every successor
 * exists, start leads everywhere), then prints it. The full lint rules ran at compile time.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Validate the flow's graph and print it.")
final class CheckCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  CheckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.println("Validating your flow...");
    for (StepNode node : context.graph().steps()) {
      for (String next : node.next()) {
        context.graph().requireStep(next);
      }
    }
    out.println("    The graph looks good!");
    out.println();
    out.print(GraphText.of(context.definition()));
    out.flush();
    return 0;
  }
}
