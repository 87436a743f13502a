package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.scheduler.ClonePlan;
import io.fluxo.runtime.internal.scheduler.LocalScheduler;
import io.fluxo.runtime.internal.scheduler.ResumePlanner;
import io.fluxo.runtime.internal.scheduler.RunExecution;
import io.fluxo.runtime.spi.RunRecord;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow resume [STEP]}: a new run reusing the origin's finished tasks before STEP. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description =
        "Resume a run: reuse every task that finished before the failed step (or STEP), run the rest.")
final class ResumeCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "STEP",
      description = "Step to resume from. Default: the failed steps.")
  String step;

  @Option(
      names = "--origin-run-id",
      paramLabel = "RUN",
      description = "Run to resume. Default: the latest run of this flow.")
  String originRunId;

  @Mixin RunSettingsOptions runOptions;
  @Mixin StoreOptions storeOptions;
  @Spec CommandSpec spec;

  ResumeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    LocalScheduler.Settings settings = runOptions.settings();
    RunCommand.RunLauncher launcher =
        new RunCommand.RunLauncher(context, storeOptions, spec, runOptions.with);
    FlowStores stores = launcher.stores();
    String origin =
        originRunId != null
            ? originRunId
            : stores.metadata().runs(context.graph().name()).stream()
                .findFirst()
                .map(RunRecord::runId)
                .orElseThrow(
                    () ->
                        new UsageException(
                            "Cannot resume: flow %s has no runs yet in %s",
                            context.graph().name(), stores.location()));
    ClonePlan plan =
        new ResumePlanner(context.graph(), stores.tasks(), stores.metadata())
            .plan(origin, Optional.ofNullable(step));
    RunExecution execution = launcher.execution();
    RunRecord run = launcher.withCodePackage(execution.createResume(settings, plan));
    launcher.header(run);
    spec.commandLine()
        .getOut()
        .println(
            "Resuming run "
                + origin
                + "; steps to run again: "
                + String.join(
                    ", ",
                    context.graph().stepNames().stream()
                        .filter(plan.rerunSteps()::contains)
                        .toList()));
    return launcher.runAndReport(execution, () -> execution.run(run, settings, plan));
  }
}
