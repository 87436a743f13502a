package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.LoadedConfig;
import io.fluxo.runtime.config.ProcessSetting;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code flow config show}: the effective settings, where each comes from, secrets masked. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show the effective configuration.")
final class ConfigCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing command: try 'config show'");
  }

  static CommandLine commandLine(CliContext context) {
    return new CommandLine(new ConfigCommand()).addSubcommand("show", new Show(context));
  }

  /** {@code config show}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Print every setting with its effective value and source (file, profile, FLUXO_* variable, option"
              + " or default), secrets masked, then the process settings the environment gives.")
  static final class Show implements Callable<Integer> {
    private final CliContext context;

    @Mixin StoreOptions storeOptions;
    @Spec CommandSpec spec;

    Show(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      LoadedConfig loaded = LoadedConfig.load(context.configSources(), storeOptions.overrides());
      PrintWriter out = spec.commandLine().getOut();
      out.println("Profile: " + loaded.profile().orElse("(none; set FLUXO_PROFILE to choose one)"));
      out.println(
          "Files read: "
              + (loaded.files().isEmpty()
                  ? "none ("
                      + context.configSources().userFile()
                      + " and fluxo.json upward from here do not exist)"
                  : String.join(", ", loaded.files())));
      TextTable table = TextTable.of("KEY", "VALUE", "SOURCE");
      for (LoadedConfig.Row row : loaded.rows()) {
        table.row(
            row.key(),
            row.value().isEmpty() ? "-" : row.value(),
            row.source().isEmpty() ? "-" : row.source());
      }
      table.printTo(out, "");
      out.println();
      out.println("Process settings (environment only):");
      TextTable process = TextTable.of("VARIABLE", "VALUE", "TAKES");
      for (ProcessSetting setting : ProcessSetting.values()) {
        process.row(
            setting.variable(),
            setting.text(context.configSources().env()).orElse("-"),
            setting.description());
      }
      process.printTo(out, "");
      out.flush();
      return 0;
    }
  }
}
