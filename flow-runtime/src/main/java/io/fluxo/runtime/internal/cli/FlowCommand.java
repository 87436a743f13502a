package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.ProcessSetting;
import io.fluxo.runtime.error.FlowException;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.internal.launcher.JvmTaskProcesses;
import io.fluxo.runtime.internal.launcher.TaskProcesses;
import io.fluxo.runtime.spi.CommandPlugin;
import io.fluxo.runtime.spi.FluxoVersion;
import io.fluxo.runtime.spi.TaskEnvironment;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code flow} command of one flow: {@code run}, {@code resume}, {@code show}, ... */
@Command(
    name = "flow",
    mixinStandardHelpOptions = true,
    versionProvider = FlowCommand.Version.class,
    description = "Runs and inspects a Fluxo flow.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success",
      "1:A step or the platform failed",
      "2:Invalid input (usage)",
      "130:Interrupted (Ctrl-C): the run's tasks were stopped",
      "143:Terminated (SIGTERM, e.g. by kill or a container's stop): as Ctrl-C"
    })
public final class FlowCommand implements Runnable {
  /** What {@code --version} prints. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Fluxo " + FluxoVersion.current()};
    }
  }

  private final CliContext context;

  FlowCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        new CommandLine(this), "Missing command: try 'run', 'show' or --help");
  }

  /**
   * Parses and runs {@code args} for {@code flow}; returns the exit code. A flow compiled for
   * another ABI version is refused with one line and exit code 2.
   */
  public static int execute(FlowDefinition<?> flow, String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    try {
      FlowDefinition.requireCompatible(flow);
    } catch (UsageException e) {
      err.println("Error: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    return execute(flow, args, selfCommand(flow), new PrintWriter(System.out, true), err);
  }

  /** As {@link #execute(FlowDefinition, String[])}, printing to {@code out} and {@code err}. */
  static int execute(
      FlowDefinition<?> flow, String[] args, String selfCommand, PrintWriter out, PrintWriter err) {
    return execute(flow, args, selfCommand, out, err, ConfigSources.system());
  }

  /** As {@link #execute(FlowDefinition, String[])}, reading configuration from {@code sources}. */
  static int execute(
      FlowDefinition<?> flow,
      String[] args,
      String selfCommand,
      PrintWriter out,
      PrintWriter err,
      ConfigSources sources) {
    if (TaskFromStdin.invoked(args)) {
      return TaskFromStdin.serve(flow, sources, System.in, err);
    }
    List<String> taskCommand;
    int warmSpares;
    try {
      taskCommand = taskCommand(flow, sources.env());
      warmSpares = ProcessSetting.WARM_TASKS.wholeNumber(sources.env(), 2, 0, 64);
    } catch (UsageException e) {
      err.println("Error: " + e.getMessage());
      err.flush();
      return CommandLine.ExitCode.USAGE;
    }
    boolean runs = args.length > 0 && (args[0].equals("run") || args[0].equals("resume"));
    // a local run's first task processes warm up while its command line is parsed and the run is
    // created
    try (TaskProcesses taskProcesses =
        runs ? new JvmTaskProcesses(taskCommand, runsLocally(args) ? warmSpares : 0) : null) {
      CliContext context = new CliContext(flow, selfCommand, taskCommand, sources, taskProcesses);
      CommandLine cli = commandLine(context, args.length > 0 ? args[0] : null);
      if (runs && args[0].equals("run")) {
        new ParameterOptions(flow).addTo(cli.getSubcommands().get("run").getCommandSpec());
      }
      cli.setOut(out);
      cli.setErr(err);
      return cli.execute(args);
    }
  }

  /**
   * Whether a {@code run} or {@code resume} command line may run steps as local processes: it does
   * not send every step elsewhere with {@code --with NAME} ({@code --with local} is the default).
   * Read before picocli parses the line, to start no spare that no step would use.
   */
  static boolean runsLocally(String[] args) {
    for (int i = 1; i < args.length; i++) {
      String with =
          args[i].startsWith("--with=")
              ? args[i].substring("--with=".length())
              : args[i].equals("--with") && i + 1 < args.length ? args[i + 1] : null;
      if (with != null) {
        return with.equals("local");
      }
    }
    return true;
  }

  /**
   * The {@code flow} command line. When {@code invoked} names a built-in subcommand, only that one
   * is added (building every subcommand's model by reflection is most of the CLI's start-up);
   * otherwise, for help and for an unknown name, all are.
   */
  static CommandLine commandLine(CliContext context, String invoked) {
    CommandLine cli = new CommandLine(new FlowCommand(context));
    cli.setCommandName("flow");
    Map<String, Supplier<Object>> builtIns = new LinkedHashMap<>();
    builtIns.put("run", () -> new RunCommand(context));
    builtIns.put("resume", () -> new ResumeCommand(context));
    builtIns.put("show", () -> new ShowCommand(context));
    builtIns.put("check", () -> new CheckCommand(context));
    builtIns.put("step", () -> new StepCommand(context));
    builtIns.put("runs", () -> new RunsCommand(context));
    builtIns.put("dump", () -> new DumpCommand(context));
    builtIns.put("logs", () -> new LogsCommand(context));
    builtIns.put("tag", () -> TagCommand.commandLine(context));
    builtIns.put("configure", () -> ConfigureCommand.commandLine(context));
    builtIns.put("config", () -> ConfigCommand.commandLine(context));
    if (builtIns.containsKey(invoked)) {
      cli.addSubcommand(invoked, builtIns.get(invoked).get());
    } else {
      builtIns.forEach((name, command) -> cli.addSubcommand(name, command.get()));
      for (CommandPlugin plugin : ServiceLoader.load(CommandPlugin.class)) {
        if (!builtIns.containsKey(plugin.name())) {
          cli.addSubcommand(plugin.name(), plugin.command());
        }
      }
    }
    cli.setParameterExceptionHandler(
        (e, args) -> {
          CommandLine commandLine = e.getCommandLine();
          commandLine
              .getErr()
              .println("Error: " + e.getMessage() + suggestion(e) + hint(context, commandLine));
          return CommandLine.ExitCode.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof UsageException) {
            commandLine.getErr().println("Error: " + e.getMessage() + hint(context, commandLine));
            return CommandLine.ExitCode.USAGE;
          }
          return report(e, commandLine.getErr());
        });
    return cli;
  }

  /**
   * Reports an exception that ended a command on {@code err}: its message for a {@link
   * FlowException}, else an internal error (with the stack trace under {@code FLUXO_DEBUG});
   * returns the exit code.
   */
  static int report(Exception e, PrintWriter err) {
    if (e instanceof FlowException) {
      err.println("Error: " + e.getMessage());
      return CommandLine.ExitCode.SOFTWARE;
    }
    err.println("Internal error: " + e + " (set FLUXO_DEBUG=1 for the stack trace)");
    if (debug()) {
      e.printStackTrace(err);
    }
    return CommandLine.ExitCode.SOFTWARE;
  }

  /**
   * "; did you mean ...?" for a mistyped command or option that is close to one of {@code e}'s
   * command, else nothing.
   */
  static String suggestion(CommandLine.ParameterException e) {
    if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)) {
      return "";
    }
    List<String> typed = unmatched.getUnmatched();
    if (typed.isEmpty()) {
      return "";
    }
    CommandLine.Model.CommandSpec spec = unmatched.getCommandLine().getCommandSpec();
    String first = typed.get(0).replaceFirst("=.*", "");
    List<String> close =
        Suggestions.closest(
            first,
            first.startsWith("-")
                ? spec.options().stream()
                    .filter(o -> !o.hidden())
                    .flatMap(o -> Stream.of(o.names()))
                    .toList()
                : spec.subcommands().keySet());
    if (close.isEmpty()) {
      close = unmatched.getSuggestions();
    }
    if (close.isEmpty()) {
      return "";
    }
    return close.size() == 1
        ? "; did you mean '" + close.get(0) + "'?"
        : "; did you mean one of " + String.join(", ", close.stream().limit(5).toList()) + "?";
  }

  /** Where help is, as the user would type it: {@code (try 'java -jar flow.jar run --help')}. */
  private static String hint(CliContext context, CommandLine commandLine) {
    String qualified = commandLine.getCommandSpec().qualifiedName();
    int space = qualified.indexOf(' ');
    String subcommands = space < 0 ? "" : qualified.substring(space);
    return " (try '" + context.selfCommand() + subcommands + " --help')";
  }

  private static String selfCommand(FlowDefinition<?> flow) {
    return selfCommand(
        flow,
        System.getenv(),
        System.getProperty("java.class.path", ""),
        Path.of("").toAbsolutePath(),
        Main.flowsInClasspath() > 1);
  }

  /**
   * How to run this flow's CLI again, for the hints it prints: {@code FLUXO_COMMAND} when a
   * launcher sets it; else {@code java -jar <jar>} (relative to {@code workingDir} when under it),
   * with {@code --flow Name} when the jar has several flows; else {@code java -cp} with the class
   * path when it is short, or a {@code <class path>} placeholder when it is not.
   */
  static String selfCommand(
      FlowDefinition<?> flow,
      Map<String, String> env,
      String classpath,
      Path workingDir,
      boolean severalFlows) {
    Optional<String> launcher = ProcessSetting.COMMAND.text(env);
    if (launcher.isPresent()) {
      return launcher.get();
    }
    if (!classpath.contains(File.pathSeparator) && classpath.endsWith(".jar")) {
      Path jar = Path.of(classpath);
      Path relative = jar.isAbsolute() ? workingDir.relativize(jar) : jar;
      String flowOption = severalFlows ? " --flow " + flow.graph().name() : "";
      return "java -jar " + (relative.toString().startsWith("..") ? jar : relative) + flowOption;
    }
    return "java -cp "
        + (classpath.length() <= MAX_CLASSPATH_IN_HINTS ? classpath : "<class path>")
        + " "
        + flow.getClass().getName();
  }

  /** The longest class path that hints print as it is. */
  private static final int MAX_CLASSPATH_IN_HINTS = 200;

  /** Whether {@code FLUXO_DEBUG} asks for stack traces; a bad value counts as yes here. */
  private static boolean debug() {
    try {
      return ProcessSetting.DEBUG.on(System.getenv());
    } catch (UsageException e) {
      return true;
    }
  }

  private static List<String> taskCommand(FlowDefinition<?> flow, Map<String, String> env) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(TaskEnvironment.ADD_OPENS);
    ProcessSetting.TASK_JVM_OPTS
        .text(env)
        .ifPresent(options -> command.addAll(List.of(options.split("\\s+"))));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(flow.getClass().getName());
    return command;
  }
}
