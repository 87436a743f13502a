package io.fluxo.runtime.testing;

import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.ForeachFrame;
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.scheduler.LocalScheduler;
import io.fluxo.runtime.internal.scheduler.RunExecution;
import io.fluxo.runtime.internal.scheduler.RunReporter;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.runtime.spi.TaskSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * One step of a flow run alone: the run's {@code _parameters} task as {@code flow run} writes it,
 * then the step's inputs written from given values, as the tasks before it would have left them
 * (these are in the datastore only, not in the metadata), then the step's task, attempted again as
 * its {@code @Retry} says (without waiting).
 */
final class SingleStepRun {
  /**
   * A join's input, given by the test.
   *
   * @param step the step the input task ran
   * @param artifacts the artifacts it left
   */
  record Input(String step, Map<String, Object> artifacts) {}

  /**
   * How the step ended.
   *
   * @param run the run's final record
   * @param failedTask the step's task, if it failed for good
   */
  record Result(RunRecord run, Optional<TaskPath> failedTask) {}

  private final FlowGraph graph;
  private final StepNode node;
  private final Map<String, Object> parameters;
  private final Map<String, Object> artifacts;
  private final Optional<Object> foreachItem;
  private final List<Input> inputs;

  /**
   * Checks that {@code step} can run on what is given: a foreach body needs an item, a join at
   * least one input of a step that leads to it.
   */
  SingleStepRun(
      FlowGraph graph,
      String step,
      Map<String, Object> parameters,
      Map<String, Object> artifacts,
      Optional<Object> foreachItem,
      List<Input> inputs) {
    this.graph = graph;
    this.node = graph.requireStep(step);
    this.parameters = new LinkedHashMap<>(parameters);
    this.artifacts = new LinkedHashMap<>(artifacts);
    this.foreachItem = foreachItem;
    this.inputs = List.copyOf(inputs);
    List<String> predecessors = graph.predecessors(step).stream().map(StepNode::name).toList();
    if (node.join()) {
      if (inputs.isEmpty()) {
        throw new IllegalArgumentException(
            "Cannot run join step "
                + step
                + " alone without inputs; add them with"
                + " withInput(step, artifacts), from the steps "
                + predecessors);
      }
      for (Input input : inputs) {
        if (!predecessors.contains(input.step())) {
          throw new IllegalArgumentException(
              "Invalid input of join step "
                  + step
                  + ": step "
                  + input.step()
                  + " does not lead to it; steps that do: "
                  + predecessors);
        }
      }
    } else if (!predecessors.isEmpty() && foreachParent().isPresent() && foreachItem.isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot run step "
              + step
              + " alone without its foreach item; give it with"
              + " withForeachItem(item)");
    }
    if (foreachItem.isPresent() && enclosingForeach().isEmpty()) {
      throw new IllegalArgumentException(
          "Invalid foreach item for step " + step + ": it is not inside a foreach");
    }
  }

  /**
   * Writes the inputs of the step into {@code run} and runs the step's task with {@code launcher}.
   */
  Result run(
      RunRecord run,
      LocalScheduler.Settings settings,
      ContentStore blobs,
      TaskStore tasks,
      MetadataStore metadata,
      StepLauncher launcher,
      RunReporter reporter) {
    Map<String, Object> shared = new LinkedHashMap<>(parameters);
    shared.putAll(artifacts);
    List<String> inputPaths = new ArrayList<>();
    int splitIndex = -1;
    int taskId = 1;
    if (node.join()) {
      for (Input input : inputs) {
        Map<String, Object> values = new LinkedHashMap<>(shared);
        values.putAll(input.artifacts());
        TaskPath task = path(run, input.step(), taskId++);
        write(
            tasks,
            task,
            put(blobs, values),
            new TakenTransition(TransitionKind.LINEAR, List.of(node.name()), List.of()));
        inputPaths.add(task.runStepTask());
      }
    } else {
      Optional<StepNode> foreach = foreachParent();
      String parent =
          node.name().equals("start")
              ? RunExecution.PARAMETERS_STEP
              : graph.predecessors(node.name()).get(0).name();
      TakenTransition transition =
          foreach.isPresent()
              ? new TakenTransition(
                  TransitionKind.FOREACH,
                  List.of(node.name()),
                  List.of(blobs.put(foreachItem.get()).sha()))
              : new TakenTransition(TransitionKind.LINEAR, List.of(node.name()), List.of());
      splitIndex = foreach.isPresent() ? 0 : -1;
      // deeper in a foreach body, the item comes from the input's innermost foreach frame
      List<ForeachFrame> stack =
          foreach.isPresent() || foreachItem.isEmpty()
              ? List.of()
              : List.of(
                  new ForeachFrame(
                      enclosingForeach().get(), 0, 1, blobs.put(foreachItem.get()).sha()));
      TaskPath task = path(run, parent, taskId++);
      write(tasks, task, put(blobs, shared), stack, transition);
      inputPaths.add(task.runStepTask());
    }

    TaskPath task = path(run, node.name(), taskId);
    metadata.registerTask(new TaskRecord(task, inputPaths, splitIndex, null, Instant.now()));
    reporter.run("Running step " + node.name() + " alone (run-id " + run.runId() + "):");
    int maxRetries = node.decorators().retry().map(RetrySpec::times).orElse(0);
    boolean succeeded = false;
    for (int attempt = 0; attempt <= maxRetries && !succeeded; attempt++) {
      TaskSpec spec =
          new TaskSpec(
              task,
              inputPaths,
              splitIndex,
              attempt,
              settings.maxNumSplits(),
              settings.user(),
              settings.tags(),
              null);
      LaunchedTask handle =
          launcher.launch(
              new TaskLaunch(spec, node), (l, id, line, stderr) -> reporter.task(task, id, line));
      reporter.task(
          task,
          handle.id(),
          attempt == 0 ? "Task is starting." : "Task is starting (retry " + attempt + ").");
      int code;
      try {
        code = handle.exit().join();
      } catch (CompletionException e) {
        code = -1;
      }
      succeeded =
          code == 0 && tasks.readResult(task, attempt).filter(r -> r.status().usable()).isPresent();
      reporter.task(task, handle.id(), succeeded ? "Task finished successfully." : "Task failed.");
    }
    RunRecord ended =
        run.withStatus(succeeded ? RunStatus.SUCCEEDED : RunStatus.FAILED, Instant.now());
    metadata.updateRun(ended);
    return new Result(ended, succeeded ? Optional.empty() : Optional.of(task));
  }

  /** The foreach step the step's input comes from, if its predecessor is one. */
  private Optional<StepNode> foreachParent() {
    if (node.name().equals("start")) {
      return Optional.empty();
    }
    StepNode parent = graph.predecessors(node.name()).get(0);
    return parent.transition() == TransitionKind.FOREACH ? Optional.of(parent) : Optional.empty();
  }

  /** The innermost foreach the step is inside, if any. */
  private Optional<String> enclosingForeach() {
    List<String> splits = node.splitParents();
    for (int i = splits.size() - 1; i >= 0; i--) {
      if (graph.requireStep(splits.get(i)).transition() == TransitionKind.FOREACH) {
        return Optional.of(splits.get(i));
      }
    }
    return Optional.empty();
  }

  private TaskPath path(RunRecord run, String step, int taskId) {
    return new TaskPath(graph.name(), run.runId(), step, Integer.toString(taskId));
  }

  private static Map<String, ArtifactRef> put(ContentStore blobs, Map<String, Object> values) {
    Map<String, ArtifactRef> refs = new LinkedHashMap<>();
    values.forEach((name, value) -> refs.put(name, blobs.put(value)));
    return refs;
  }

  private static void write(
      TaskStore tasks, TaskPath task, Map<String, ArtifactRef> refs, TakenTransition transition) {
    write(tasks, task, refs, List.of(), transition);
  }

  private static void write(
      TaskStore tasks,
      TaskPath task,
      Map<String, ArtifactRef> refs,
      List<ForeachFrame> stack,
      TakenTransition transition) {
    Instant now = Instant.now();
    tasks.writeData(task, 0, new TaskData(refs, stack, transition));
    tasks.writeResult(task, new AttemptResult(0, AttemptStatus.SUCCEEDED, now, now, null, null));
  }
}
