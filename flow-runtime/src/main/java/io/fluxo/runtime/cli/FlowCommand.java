package io.fluxo.runtime.cli;

import io.fluxo.runtime.graph.FlowDefinition;

/** The root {@code flow} command. */
public final class FlowCommand {
  private FlowCommand() {}

  /** Parses and runs {@code args} for {@code flow}; returns the exit code. */
  public static int execute(FlowDefinition<?> flow, String[] args) {
    throw new UnsupportedOperationException("not yet");
  }
}
