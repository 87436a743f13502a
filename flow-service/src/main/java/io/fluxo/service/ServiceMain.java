package io.fluxo.service;

import io.fluxo.runtime.error.UsageException;
import picocli.CommandLine;

/**
 * Runs the metadata service without a flow: {@code java -cp <jars> io.fluxo.service.ServiceMain
 * [options]} takes the options of {@code flow service}, and {@code ... ServiceMain migrate} applies
 * the schema's migrations.
 */
public final class ServiceMain {
  private ServiceMain() {}

  /** Parses {@code args} as {@code flow service} would, runs, and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ServiceCommand());
    cli.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine()
              .getErr()
              .println("Error: " + e.getMessage() + " (try 'service --help')");
          return CommandLine.ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("Error: " + e.getMessage());
          return e instanceof UsageException
              ? CommandLine.ExitCode.USAGE
              : CommandLine.ExitCode.SOFTWARE;
        });
    return cli;
  }
}
