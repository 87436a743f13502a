package com.example;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.client.RunStep;
import io.fluxo.runtime.client.Task;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import javax.annotation.processing.Generated;

/**
 * Typed access to the runs of {@link ClientFlow}: one method per step, and on each step one per
 * artifact, returning the field's declared type. Values are read when asked for, through
 * {@link Run}; a missing step, task or artifact throws {@link NoSuchElementException} naming the
 * run and what it has. An accessor whose name is taken by a method of its class ends in
 * {@code Step}, {@code Artifact} or {@code Parameter}.
 */
@Generated("io.fluxo.processor.FlowProcessor")
public final class ClientFlowRun {
  private static final String FLOW = "ClientFlow";

  private final Run run;

  private ClientFlowRun(Run run) {
    this.run = run;
  }

  /**
   * The newest run of {@code ClientFlow}, whatever its status, in the configured datastore,
   * as {@code FlowRuns.of(name)} finds it.
   *
   * @throws NoSuchElementException if the flow has no run
   */
  public static ClientFlowRun latest() {
    return new ClientFlowRun(FlowRuns.of(FLOW).latestRun());
  }

  /**
   * The newest successful run of {@code ClientFlow} in the configured datastore,
   * as {@code FlowRuns.of(name)} finds it.
   *
   * @throws NoSuchElementException if no run succeeded, listing the runs
   */
  public static ClientFlowRun latestSuccessful() {
    return new ClientFlowRun(FlowRuns.of(FLOW).latestSuccessfulRun());
  }

  /**
   * The run {@code runId} of {@code ClientFlow} in the configured datastore,
   * as {@code FlowRuns.of(name)} finds it.
   *
   * @throws NoSuchElementException if there is no such run, listing the runs
   */
  public static ClientFlowRun of(String runId) {
    return new ClientFlowRun(FlowRuns.of(FLOW).run(runId));
  }

  /**
   * Reads {@code run}, found by the client API in any datastore.
   *
   * @throws IllegalArgumentException if {@code run} is not a run of {@code ClientFlow}
   */
  public static ClientFlowRun of(Run run) {
    if (!run.flowName().equals(FLOW)) {
      throw new IllegalArgumentException("Cannot read " + run + " as a run of " + FLOW + ": it is another flow's");
    }
    return new ClientFlowRun(run);
  }

  /**
   * The client API's run that this reads.
   */
  public Run run() {
    return run;
  }

  /**
   * The run id, unique within the flow.
   */
  public String id() {
    return run.id();
  }

  /**
   * Whether the run ended successfully.
   */
  public boolean successful() {
    return run.successful();
  }

  /**
   * The parameter values the run used.
   */
  public Parameters parameters() {
    return new Parameters(run);
  }

  /**
   * Sets the metrics.
   *
   * @throws NoSuchElementException if the run has no task of this step
   */
  public StepData start() {
    return new StepData(run.step("start"));
  }

  /**
   * Named like the method that returns the client run.
   *
   * @throws NoSuchElementException if the run has no task of this step
   */
  public StepData runStep() {
    return new StepData(run.step("run"));
  }

  /**
   * The step {@code join}.
   *
   * @throws NoSuchElementException if the run has no task of this step
   */
  public StepData join() {
    return new StepData(run.step("join"));
  }

  /**
   * The step {@code end}.
   *
   * @throws NoSuchElementException if the run has no task of this step
   */
  public StepData end() {
    return new StepData(run.step("end"));
  }

  /**
   * {@code ClientFlowRun(Flow/run)}.
   */
  @Override
  public String toString() {
    return "ClientFlowRun(" + run.pathspec() + ")";
  }

  private static Type declaredType(String field) {
    try {
      return ClientFlow.class.getDeclaredField(field).getGenericType();
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("Cannot read artifact " + field + ": ClientFlow has no such field; recompile it", e);
    }
  }

  /**
   * The artifacts of one task of a run of {@link ClientFlow}, each read as its field is declared.
   * An accessor throws {@link NoSuchElementException} if the task has no such artifact (never set),
   * naming the task and the artifacts it has.
   */
  public static class TaskData {
    private final Supplier<Task> task;

    private TaskData(Supplier<Task> task) {
      this.task = task;
    }

    /**
     * The client API's task that this reads.
     */
    public Task task() {
      return task.get();
    }

    /**
     * How many rounds to train.
     */
    public int rounds() {
      return (int) task().artifact("rounds", ClientFlowRun.declaredType("rounds"));
    }

    /**
     * The learning rate.
     */
    public double rate() {
      return (double) task().artifact("rate", ClientFlowRun.declaredType("rate"));
    }

    /**
     * The metrics by name, with accuracy among them.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Double> metrics() {
      return (Map<String, Double>) task().artifact("metrics", ClientFlowRun.declaredType("metrics"));
    }

    /**
     * One score per item.
     */
    public double[] scores() {
      return (double[]) task().artifact("scores", ClientFlowRun.declaredType("scores"));
    }

    /**
     * The artifact {@code table}.
     */
    @SuppressWarnings("unchecked")
    public List<List<Integer>> table() {
      return (List<List<Integer>>) task().artifact("table", ClientFlowRun.declaredType("table"));
    }

    /**
     * The artifact {@code anything}.
     */
    public Object anything() {
      return task().artifact("anything", ClientFlowRun.declaredType("anything"));
    }

    /**
     * Named like the method that returns the client task.
     */
    public String taskArtifact() {
      return (String) task().artifact("task", ClientFlowRun.declaredType("task"));
    }
  }

  /**
   * One step of a run: its tasks, and the artifacts of its task when it has exactly one;
   * those accessors throw {@link NoSuchElementException} for a step with several tasks (a foreach
   * body), whose tasks' artifacts {@link #tasks()} reads.
   */
  public static final class StepData extends TaskData {
    private final RunStep step;

    private StepData(RunStep step) {
      super(() -> onlyTask(step));
      this.step = step;
    }

    /**
     * The client API's step that this reads.
     */
    public RunStep step() {
      return step;
    }

    /**
     * The step's tasks, by task id: for a foreach body, one per item.
     */
    public List<TaskData> tasks() {
      return step.tasks().stream().map(t -> new TaskData(() -> t)).toList();
    }

    private static Task onlyTask(RunStep step) {
      List<Task> tasks = step.tasks();
      if (tasks.size() != 1) {
        throw new NoSuchElementException("step " + step.pathspec() + " has " + tasks.size() + " tasks, not one; read them through tasks()");
      }
      return tasks.get(0);
    }
  }

  /**
   * The parameter values of a run of {@link ClientFlow}. An accessor throws {@link NoSuchElementException}
   * if the run has no such parameter.
   */
  public static final class Parameters {
    private final Run run;

    private Parameters(Run run) {
      this.run = run;
    }

    /**
     * How many rounds to train.
     */
    public int rounds() {
      return (int) run.parameter("rounds");
    }

    /**
     * The learning rate.
     */
    public double rate() {
      return (double) run.parameter("rate");
    }
  }
}
