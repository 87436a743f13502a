package io.fluxo.runtime;

import io.fluxo.runtime.graph.FlowDefinition;

/** Entry point of a flow's command line; each generated {@code FlowMain_<Flow>.main} calls it. */
public final class FlowCli {
  private FlowCli() {}

  /** Runs the {@code flow} command for one flow and exits with its exit code. */
  public static void main(FlowDefinition<?> flow, String[] args) {
    System.exit(io.fluxo.runtime.internal.cli.FlowCommand.execute(flow, args));
  }
}
