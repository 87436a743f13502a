package io.fluxo.runtime.internal.scheduler;

import io.fluxo.runtime.error.FlowException;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.Heartbeat;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run from start to finish: registers the run and its graph, freezes the parameters in the
 * {@code _parameters/0} pseudo-task (or clones them from the origin run), schedules the tasks and
 * records the final status.
 */
public final class RunExecution {
  /** The pseudo-step that holds a run's parameters. */
  public static final String PARAMETERS_STEP = "_parameters";

  /**
   * What a run ended with.
   *
   * @param run the run's final record
   * @param outcome whether it succeeded, and the failed task if not
   */
  public record Result(RunRecord run, LocalScheduler.Outcome outcome) {}

  private final FlowGraph graph;
  private final ContentStore blobs;
  private final TaskStore tasks;
  private final MetadataStore metadata;
  private final StepLauncher launcher;
  private final RunReporter reporter;
  private volatile LocalScheduler scheduler;
  private volatile boolean stopped;

  /** An execution of {@code graph} on these stores. */
  public RunExecution(
      FlowGraph graph,
      ContentStore blobs,
      TaskStore tasks,
      MetadataStore metadata,
      StepLauncher launcher,
      RunReporter reporter) {
    this.graph = graph;
    this.blobs = blobs;
    this.tasks = tasks;
    this.metadata = metadata;
    this.launcher = launcher;
    this.reporter = reporter;
  }

  /**
   * Creates a run with fresh parameter values (field name to value): the values are stored first,
   * then the run record (status running) and at once its parameters task, then the graph; a run
   * whose record exists without its parameters can only have been killed in between (see {@link
   * ResumePlanner}).
   */
  public RunRecord createFresh(LocalScheduler.Settings settings, Map<String, Object> parameters) {
    Map<String, ArtifactRef> refs = new LinkedHashMap<>();
    parameters.forEach((name, value) -> refs.put(name, blobs.put(value)));
    return create(settings, null, refs, null);
  }

  /** Creates a run that resumes the plan's origin, with the origin's parameters. */
  public RunRecord createResume(LocalScheduler.Settings settings, ClonePlan plan) {
    TaskPath origin = parametersTask(graph.name(), plan.originRunId());
    TaskData data =
        tasks
            .usableData(origin)
            .orElseThrow(
                () ->
                    new PlatformException(
                        "Cannot resume run %s: it has no parameters task %s",
                        plan.originRunId(), origin.pathspec()));
    return create(settings, plan.originRunId(), data.artifacts(), origin.pathspec());
  }

  /** The task holding the parameters of run {@code runId} of {@code flow}. */
  public static TaskPath parametersTask(String flow, String runId) {
    return new TaskPath(flow, runId, PARAMETERS_STEP, "0");
  }

  private RunRecord create(
      LocalScheduler.Settings settings,
      String originRunId,
      Map<String, ArtifactRef> parameters,
      String clonedFrom) {
    RunRecord run = metadata.createRun(graph.name(), settings.user(), settings.tags(), originRunId);
    writeParameters(run, parameters, clonedFrom);
    metadata.saveGraph(graph.name(), run.runId(), RecordJson.write(graph));
    return run;
  }

  /**
   * Runs {@code run}, made by {@link #createFresh} or {@link #createResume}: every task (cloning
   * those {@code plan} reuses) until the run ends.
   */
  public Result run(RunRecord run, LocalScheduler.Settings settings, ClonePlan plan) {
    return schedule(run, settings, plan);
  }

  /**
   * Stops the run, as Ctrl-C does (see {@link LocalScheduler#stop()}): its running tasks are killed
   * and {@link #run} returns a stopped outcome. Thread-safe; returns at once.
   */
  public void stop() {
    stopped = true;
    LocalScheduler current = scheduler;
    if (current != null) {
      current.stop();
    }
  }

  private void writeParameters(RunRecord run, Map<String, ArtifactRef> refs, String clonedFrom) {
    TaskPath task = parametersTask(graph.name(), run.runId());
    Instant now = Instant.now();
    metadata.registerTask(new TaskRecord(task, List.of(), -1, clonedFrom, now));
    tasks.writeData(
        task,
        0,
        new TaskData(
            refs,
            List.of(),
            new TakenTransition(TransitionKind.LINEAR, List.of("start"), List.of())));
    tasks.writeResult(
        task, new AttemptResult(0, AttemptStatus.SUCCEEDED, now, now, null, clonedFrom));
    metadata.recordAttempt(
        new AttemptRecord(
            task, 0, AttemptStatus.SUCCEEDED, now, now, ProcessHandle.current().pid(), refs, null));
  }

  private Result schedule(RunRecord run, LocalScheduler.Settings settings, ClonePlan plan) {
    reporter.run("Workflow starting (run-id " + run.runId() + "):");
    LocalScheduler scheduler =
        new LocalScheduler(graph, settings, launcher, tasks, metadata, reporter, plan);
    this.scheduler = scheduler;
    if (stopped) {
      scheduler.stop();
    }
    LocalScheduler.Outcome outcome;
    Heartbeat heartbeat = metadata.heartbeat(graph.name(), run.runId());
    try {
      outcome = scheduler.run(run.runId());
    } catch (FlowException e) {
      // the orchestrator itself lost its stores (e.g. the datastore went away): the run failed, and
      // can be resumed
      reporter.run("The run stopped: " + e.getMessage());
      outcome = new LocalScheduler.Outcome(false, Optional.empty(), false);
    } finally {
      reporter.finish();
      heartbeat.close();
      launcher.close();
    }
    RunRecord ended =
        run.withStatus(outcome.succeeded() ? RunStatus.SUCCEEDED : RunStatus.FAILED, Instant.now());
    try {
      metadata.updateRun(ended);
    } catch (FlowException e) {
      // the report (with the resume command) still comes; the run reads as its end task left it
      reporter.run("Cannot record how the run ended: " + e.getMessage());
    }
    return new Result(ended, outcome);
  }
}
