package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ConfigFiles;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flow configure}: writes settings into {@code ~/.fluxo/config.json} (or the project's
 * {@code ./fluxo.json} with {@code --project}), from options, or by asking when none is given and a
 * terminal is attached. There is one option per {@link ConfigKey} that has a variable, named after
 * it ({@code --s3-endpoint} for {@code FLUXO_S3_ENDPOINT}); a secret option given without a value
 * is asked for without echo.
 */
@Command(
    name = "configure",
    mixinStandardHelpOptions = true,
    description =
        "Write settings to ~/.fluxo/config.json (or ./fluxo.json with --project); asks for them when no option is given.")
final class ConfigureCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--project",
      description = "Write ./fluxo.json in the working directory instead of ~/.fluxo/config.json.")
  boolean project;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Write the settings under profiles.NAME (selected with FLUXO_PROFILE).")
  String profile;

  @Spec CommandSpec spec;

  private ConfigureCommand(CliContext context) {
    this.context = context;
  }

  /** The command with its options, one per configuration key. */
  static CommandLine commandLine(CliContext context) {
    CommandLine command = new CommandLine(new ConfigureCommand(context));
    for (ConfigKey key : ConfigKey.values()) {
      key.option()
          .ifPresent(
              name -> {
                boolean secret = key.kind() == ConfigKey.Kind.SECRET;
                command
                    .getCommandSpec()
                    .addOption(
                        OptionSpec.builder(name)
                            .paramLabel(secret ? "SECRET" : "VALUE")
                            .type(String.class)
                            .arity(secret ? "0..1" : "1")
                            .interactive(secret)
                            .description(
                                key.description()
                                    + (secret ? " (asked for if no value is given)" : "")
                                    + "; sets "
                                    + key.key()
                                    + ".")
                            .build());
              });
    }
    return command;
  }

  @Override
  public Integer call() {
    ConfigSources sources = context.configSources();
    Path file =
        project ? sources.workingDir().resolve(ConfigSources.PROJECT_FILE) : sources.userFile();
    Map<ConfigKey, String> values = given();
    if (values.isEmpty()) {
      Console console = System.console();
      if (console == null) {
        throw new UsageException(
            "Nothing to configure: give settings as options (see --help), or run in a terminal to be asked");
      }
      values = ask(console, FluxoConfig.load(sources, Map.of()));
    }
    ConfigFiles.write(file, Optional.ofNullable(profile), values);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Wrote "
            + String.join(", ", values.keySet().stream().map(ConfigKey::key).toList())
            + " to "
            + file
            + (profile == null ? "" : " (profile " + profile + ")")
            + "; see the result with: "
            + context.selfCommand()
            + " config show");
    out.flush();
    return 0;
  }

  private Map<ConfigKey, String> given() {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      key.option()
          .map(spec::findOption)
          .map(OptionSpec::<String>getValue)
          .ifPresent(
              value -> {
                if (!value.isBlank()) {
                  values.put(key, value.strip());
                }
              });
    }
    return values;
  }

  private static Map<ConfigKey, String> ask(Console console, FluxoConfig current) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    String type =
        console.readLine("Datastore (local or s3) [%s]: ", current.datastore().type().id()).strip();
    DatastoreType chosen =
        type.isEmpty() ? current.datastore().type() : DatastoreType.parse(type, "the answer");
    values.put(ConfigKey.DATASTORE_TYPE, chosen.id());
    for (ConfigKey key : ConfigFiles.promptedKeys(chosen)) {
      String shown = current.shown(key);
      String answer;
      if (key.kind() == ConfigKey.Kind.SECRET) {
        char[] secret =
            console.readPassword(
                "%s%s: ", key.description(), shown == null ? "" : " [keep " + shown + "]");
        answer = secret == null ? "" : new String(secret);
      } else {
        answer =
            console.readLine("%s%s: ", key.description(), shown == null ? "" : " [" + shown + "]");
      }
      if (answer != null && !answer.isBlank()) {
        values.put(key, answer.strip());
      }
    }
    return values;
  }
}
