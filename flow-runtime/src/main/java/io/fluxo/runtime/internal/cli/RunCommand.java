package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.ProcessSetting;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.internal.launcher.RoutingStepLauncher;
import io.fluxo.runtime.internal.launcher.SubprocessStepLauncher;
import io.fluxo.runtime.internal.scheduler.ClonePlan;
import io.fluxo.runtime.internal.scheduler.LocalScheduler;
import io.fluxo.runtime.internal.scheduler.RunExecution;
import io.fluxo.runtime.internal.scheduler.RunReporter;
import io.fluxo.runtime.spi.CodePackage;
import io.fluxo.runtime.spi.FluxoVersion;
import io.fluxo.runtime.spi.LauncherPlugin;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.StepLauncher;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code flow run}: runs the flow locally, each task in its own process. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the flow. The flow's parameters are options below.")
final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin RunSettingsOptions runOptions;
  @Mixin StoreOptions storeOptions;
  @Spec CommandSpec spec;

  RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Map<String, Object> parameters = new ParameterOptions(context.definition()).values(spec);
    LocalScheduler.Settings settings = runOptions.settings();
    RunLauncher launcher = new RunLauncher(context, storeOptions, spec, runOptions.with);
    RunExecution execution = launcher.execution();
    RunRecord run = launcher.withCodePackage(execution.createFresh(settings, parameters));
    launcher.header(run);
    return launcher.runAndReport(execution, () -> execution.run(run, settings, ClonePlan.NONE));
  }

  /** Builds the pieces of a run and reports its end; shared by {@code run} and {@code resume}. */
  static final class RunLauncher {
    /** Exit code of a run stopped by Ctrl-C (128 + SIGINT, as a shell reports it). */
    static final int INTERRUPTED = 130;

    /**
     * How long the JVM's shutdown waits for a stopped run to kill its tasks and print its report.
     */
    private static final long STOP_GRACE_SECONDS = 60;

    private final CliContext context;
    private final FlowStores stores;
    private final PrintWriter out;
    private final long startNanos = System.nanoTime();
    private final String with;
    private final String storeFlags;

    RunLauncher(CliContext context, StoreOptions storeOptions, CommandSpec spec, String with) {
      this.context = context;
      this.with = with;
      this.storeFlags = storeOptions.given();
      this.stores = storeOptions.open(context, context.graph().name());
      this.out = spec.commandLine().getOut();
    }

    FlowStores stores() {
      return stores;
    }

    RunExecution execution() {
      FluxoConfig.Datastore datastore = stores.config().datastore();
      Map<String, String> settings = taskEnvironment();
      SubprocessStepLauncher launcher =
          new SubprocessStepLauncher(
              context.taskProcesses(),
              (launch, endMarker) -> new TaskFromStdin.Request(launch.spec(), settings, endMarker),
              stores.tasks());
      StepLauncher chosen = withPlugin(launcher, datastore);
      return new RunExecution(
          context.graph(),
          stores.blobs(),
          stores.tasks(),
          stores.metadata(),
          chosen,
          new RunReporter(out, progressWidth(context.configSources().env(), System.console())));
    }

    /**
     * How wide the progress line under the run's output is, or 0 for none: as {@code
     * FLUXO_PROGRESS} says, else when this process writes to a terminal ({@code console} is not
     * null, {@code TERM} is not {@code dumb}); as wide as {@code COLUMNS} says, else 80.
     */
    static int progressWidth(Map<String, String> env, Object console) {
      boolean wanted =
          ProcessSetting.PROGRESS.text(env).isPresent()
              ? ProcessSetting.PROGRESS.on(env)
              : console != null && !"dumb".equals(env.get("TERM"));
      if (!wanted) {
        return 0;
      }
      try {
        return Math.max(20, Integer.parseInt(env.getOrDefault("COLUMNS", "80").strip()) - 1);
      } catch (NumberFormatException e) {
        return 79;
      }
    }

    /**
     * {@code local} unchanged, or a launcher that sends steps to the {@link LauncherPlugin} named
     * by {@code --with} (every step) or required by a step's decorators (those steps only).
     */
    private StepLauncher withPlugin(SubprocessStepLauncher local, FluxoConfig.Datastore datastore) {
      LauncherPlugin plugin;
      Predicate<StepNode> routed;
      if (with != null && !with.equals("local")) {
        plugin =
            LauncherPlugin.find(with)
                .orElseThrow(
                    () ->
                        new UsageException(
                            "Invalid value for option '--with': %s; launchers on the classpath: local%s",
                            with,
                            LauncherPlugin.all().stream()
                                .map(p -> ", " + p.name())
                                .collect(Collectors.joining())));
        routed = node -> true;
      } else {
        Optional<LauncherPlugin> required =
            LauncherPlugin.all().stream()
                .filter(
                    p -> context.graph().stepsByName().values().stream().anyMatch(p::requiredBy))
                .findFirst();
        if (required.isEmpty()) {
          return local;
        }
        plugin = required.get();
        routed = plugin::requiredBy;
      }
      StepLauncher special =
          plugin.create(
              new LauncherPlugin.Context(
                  stores.config(),
                  context.taskCommand(),
                  launch -> StepCommand.arguments(launch, datastore),
                  stores.tasks(),
                  stores.tasks(),
                  stores.metadata(),
                  taskEnvironment()));
      return new RoutingStepLauncher(routed, special, local);
    }

    /**
     * The settings of task processes, as environment variables: the effective settings (credentials
     * included: never on a command line) and where this process read its configuration, so a task
     * loads the same.
     */
    private Map<String, String> taskEnvironment() {
      Map<String, String> env = new HashMap<>(stores.config().taskEnvironment());
      ConfigSources sources = context.configSources();
      env.put(ConfigSources.HOME_ENV, sources.home().toString());
      sources.get(ConfigSources.PROFILE_ENV).ifPresent(p -> env.put(ConfigSources.PROFILE_ENV, p));
      return env;
    }

    /**
     * With a remote datastore, stores the code package (the classpath, content-addressed, once) and
     * records its key in the run; a local run is returned as it is.
     */
    RunRecord withCodePackage(RunRecord run) {
      if (stores.config().datastore().type() == DatastoreType.LOCAL) {
        return run;
      }
      CodePackage code =
          CodePackage.upload(stores.storage(), run.flow(), CodePackage.currentClasspath());
      RunRecord recorded = run.withCodePackage(code.key());
      stores.metadata().updateRun(recorded);
      return recorded;
    }

    /**
     * Runs {@code run} and reports its end. If the JVM shuts down meanwhile (Ctrl-C, {@code kill}),
     * the run is stopped first: its tasks are killed (local processes, pods) and the report, with
     * the resume command, is printed before the JVM exits.
     */
    int runAndReport(RunExecution execution, Supplier<RunExecution.Result> run) {
      CountDownLatch reported = new CountDownLatch(1);
      Thread stopOnExit =
          new Thread(
              () -> {
                execution.stop();
                try {
                  reported.await(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "fluxo-stop-run");
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      try {
        return report(run.get());
      } finally {
        reported.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it returns now that the report is out
        }
      }
    }

    /** The command resuming {@code run}, on the same launcher as this one. */
    private String resumeCommand(RunRecord run) {
      return context.selfCommand()
          + " resume --origin-run-id "
          + run.runId()
          + (with == null ? "" : " --with " + with)
          + storeFlags;
    }

    void header(RunRecord run) {
      out.println(
          "Fluxo "
              + FluxoVersion.current()
              + " executing "
              + context.graph().name()
              + " for user:"
              + run.user());
    }

    int report(RunExecution.Result result) {
      RunRecord run = result.run();
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      String where = stores.tasks().describeRun(run.flow(), run.runId());
      if (result.outcome().succeeded()) {
        out.printf("Done! Run %s of %s finished in %.1f s.%n", run.runId(), run.flow(), seconds);
        out.flush();
        out.println(
            "Artifacts are in "
                + where
                + "; list them with: "
                + context.selfCommand()
                + " dump "
                + run.runId()
                + storeFlags);
        return 0;
      }
      if (result.outcome().stopped()) {
        out.printf(
            "Run %s of %s was interrupted after %.1f s; its running tasks were stopped.%n",
            run.runId(), run.flow(), seconds);
        out.println("To resume it, run:");
        out.println("    " + resumeCommand(run));
        out.flush();
        return INTERRUPTED;
      }
      String failed =
          result
              .outcome()
              .failedTask()
              .map(t -> t.step() + " (task " + t.runStepTask() + ")")
              .orElse("(interrupted)");
      out.printf(
          "Run %s of %s failed at step %s after %.1f s.%n",
          run.runId(), run.flow(), failed, seconds);
      result
          .outcome()
          .failedTask()
          .ifPresent(
              t ->
                  out.println(
                      "See its log with: "
                          + context.selfCommand()
                          + " logs "
                          + t.runStepTask()
                          + " --stderr"
                          + storeFlags));
      out.println("To resume from the failed step, run:");
      out.println("    " + resumeCommand(run));
      out.flush();
      return 1;
    }
  }
}
