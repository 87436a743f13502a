package io.fluxo.runtime.internal.task;

import io.fluxo.Current;
import io.fluxo.FlowSpec;
import io.fluxo.internal.StepContexts;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.ForeachFrame;
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.Heartbeat;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs one attempt of one task in this process: reads its inputs, runs the step, checks the
 * transition against the compiled graph, persists the artifacts and only then marks the attempt
 * done. {@code @Timeout} is enforced here (the attempt is ended and the process halted) so that
 * {@code @Catch} also covers timeouts; the launcher kills a task that overruns further. The
 * attempt's result is written once, by whichever of the step's thread and the timeout ends it first
 * (see {@link AttemptRecorder}); a timeout hands down only what the task started from, never the
 * step's artifacts, which the step's thread may be storing meanwhile.
 */
public final class TaskExecutor {
  /** Exit code of a task that succeeded or whose failure {@code @Catch} caught. */
  public static final int SUCCEEDED = 0;

  /** Exit code of a failed attempt. */
  public static final int FAILED = 1;

  private final FlowDefinition<FlowSpec> definition;
  private final FlowGraph graph;
  private final ContentStore blobs;
  private final TaskStore tasks;
  private final MetadataStore metadata;
  private final PrintStream err;
  private final IntConsumer afterTimeout;
  private final TimeoutWatchdog watchdog;

  /** An executor for the flow {@code definition}, reporting errors to {@code err}. */
  public TaskExecutor(
      FlowDefinition<?> definition,
      ContentStore blobs,
      TaskStore tasks,
      MetadataStore metadata,
      PrintStream err) {
    this(definition, blobs, tasks, metadata, err, code -> Runtime.getRuntime().halt(code));
  }

  /**
   * As above, but once a timed-out attempt is recorded, {@code afterTimeout} receives its exit code
   * (on the watchdog thread) instead of the process being halted: for attempts run in a JVM that
   * must outlive them. It should end the attempt for its launcher and interrupt the step.
   */
  public TaskExecutor(
      FlowDefinition<?> definition,
      ContentStore blobs,
      TaskStore tasks,
      MetadataStore metadata,
      PrintStream err,
      IntConsumer afterTimeout) {
    this(definition, blobs, tasks, metadata, err, afterTimeout, TimeoutWatchdog.DAEMON_THREAD);
  }

  /** As above, with {@code watchdog} enforcing {@code @Timeout}. */
  @SuppressWarnings("unchecked")
  TaskExecutor(
      FlowDefinition<?> definition,
      ContentStore blobs,
      TaskStore tasks,
      MetadataStore metadata,
      PrintStream err,
      IntConsumer afterTimeout,
      TimeoutWatchdog watchdog) {
    this.definition = (FlowDefinition<FlowSpec>) definition;
    this.graph = definition.graph();
    this.blobs = blobs;
    this.tasks = tasks;
    this.metadata = metadata;
    this.err = err;
    this.afterTimeout = afterTimeout;
    this.watchdog = watchdog;
  }

  /**
   * Runs the attempt and returns the process exit code: {@link #SUCCEEDED} or {@link #FAILED}, as
   * the attempt was recorded (also when its timeout recorded it while the step went on). The
   * metadata store receives the task's heartbeats meanwhile.
   *
   * @throws io.fluxo.runtime.error.FlowException if the attempt cannot be started or its end cannot
   *     be recorded
   */
  public int run(TaskSpec spec) {
    Heartbeat heartbeat = metadata.heartbeat(spec.task());
    try {
      return runAttempt(spec);
    } finally {
      heartbeat.close();
    }
  }

  private int runAttempt(TaskSpec spec) {
    TaskPath task = spec.task();
    StepNode node = graph.requireStep(task.step());
    AttemptRecorder attempt = new AttemptRecorder(spec, Instant.now(), tasks, metadata);
    attempt.recordStart();
    List<StepInput> inputs = readInputs(spec);
    List<ForeachFrame> stack = foreachStack(spec, node, inputs);
    Map<String, ArtifactRef> inherited = inherited(node, inputs);

    Current current =
        new Current(
            graph.name(),
            task.runId(),
            task.step(),
            task.taskId(),
            spec.retryCount(),
            Optional.ofNullable(spec.originRunId()),
            spec.user(),
            spec.tags());
    TaskStepContext context = new TaskStepContext(current, stack, blobs);
    StepContexts.install(context);
    FlowSpec flow;
    try {
      flow = definition.newInstance();
    } finally {
      StepContexts.install(null);
    }
    TaskArtifacts artifacts =
        new TaskArtifacts(
            definition,
            flow,
            blobs,
            inherited,
            name -> tasks.describeValue(task, spec.retryCount(), name));
    context.bind(artifacts);
    List<String> used =
        node.usesAllArtifacts()
            ? graph.artifacts().stream().map(a -> a.name()).toList()
            : List.copyOf(node.artifactsUsed());

    System.setProperty(TaskEnvironment.PATHSPEC_PROPERTY, task.pathspec());
    node.decorators()
        .resources()
        .ifPresent(r -> System.setProperty(TaskEnvironment.CPU_PROPERTY, Double.toString(r.cpu())));
    Runnable disarm = armTimeout(spec, node, attempt, inherited, stack);
    Supplier<AttemptRecorder.Ending> ending;
    try {
      requireInputs(task, node, artifacts, spec.inputPaths());
      artifacts.load(used);
      StepInputs joined =
          node.join() ? new StepInputs(inputs, definition, viewArtifacts(node)) : null;
      definition.runStep(flow, task.step(), joined, context::input);
      TakenTransition transition = taken(node, context, spec.maxNumSplits());
      TaskData data =
          new TaskData(artifacts.persist(used, node.artifactsAssigned()), stack, transition);
      Map<String, Map<String, String>> details = artifacts.details();
      ending = () -> new AttemptRecorder.Ending(AttemptStatus.SUCCEEDED, data, details, null);
    } catch (Throwable thrown) {
      Throwable error = unwrap(thrown);
      ending = () -> failed(spec, node, artifacts.refs(), artifacts.details(), stack, error);
    } finally {
      disarm.run();
    }
    attempt.end(ending);
    return attempt.exitCode();
  }

  /**
   * How a failed attempt ends: caught, when {@code @Catch} covers it, handing down {@code refs}
   * (with the failure, if the catch names an artifact for it); else failed or timed out. Reports
   * the failure on {@code err}.
   */
  private AttemptRecorder.Ending failed(
      TaskSpec spec,
      StepNode node,
      Map<String, ArtifactRef> refs,
      Map<String, Map<String, String>> details,
      List<ForeachFrame> stack,
      Throwable error) {
    err.println(describeFailure(spec.task(), error));
    int maxRetries = node.decorators().retry().map(RetrySpec::times).orElse(0);
    if (node.decorators().catchSpec().isPresent()
        && spec.retryCount() >= maxRetries
        && !(error instanceof PlatformException)) {
      String var = node.decorators().catchSpec().get().var();
      Map<String, ArtifactRef> handedDown = new LinkedHashMap<>(refs);
      if (!var.isEmpty()) {
        handedDown.put(var, blobs.put(StepFailure.of(error)));
      }
      TakenTransition transition = new TakenTransition(node.transition(), node.next(), List.of());
      err.println(
          "@Catch caught the failure of step "
              + node.name()
              + (var.isEmpty() ? "" : "; it is stored in artifact '" + var + "'")
              + "; the flow goes on.");
      return new AttemptRecorder.Ending(
          AttemptStatus.CAUGHT, new TaskData(handedDown, stack, transition), details, error);
    }
    return new AttemptRecorder.Ending(
        error instanceof TimeoutException ? AttemptStatus.TIMED_OUT : AttemptStatus.FAILED,
        null,
        Map.of(),
        error);
  }

  /**
   * Arms the step's {@code @Timeout}, if it has one: when it expires before the attempt has ended,
   * the attempt ends as timed out, handing down (if caught) the {@code inherited} artifacts, and
   * {@link #afterTimeout} gets its exit code. Returns the disarm.
   */
  private Runnable armTimeout(
      TaskSpec spec,
      StepNode node,
      AttemptRecorder attempt,
      Map<String, ArtifactRef> inherited,
      List<ForeachFrame> stack) {
    if (node.decorators().timeout().isEmpty()) {
      return () -> {};
    }
    long seconds = node.decorators().timeout().get().seconds();
    return watchdog.arm(
        Duration.ofSeconds(seconds),
        () -> {
          TimeoutException timeout =
              new TimeoutException(
                  "Step " + node.name() + " ran longer than its @Timeout of " + seconds + " s");
          try {
            if (!attempt.end(() -> failed(spec, node, inherited, Map.of(), stack, timeout))) {
              return;
            }
          } catch (RuntimeException e) {
            err.println(
                "Cannot record the timeout of " + spec.task().pathspec() + ": " + e.getMessage());
          }
          err.flush();
          System.out.flush();
          afterTimeout.accept(attempt.exitCode());
        });
  }

  /**
   * Fails the task when its inputs lack an artifact that the step reads before assigning it. The
   * processor proved each such artifact set on every path, so this happens only when a step that
   * should have set it failed under {@code @Catch}, or when the inputs were made by another version
   * of the flow (a resumed run): never read a default value instead.
   */
  private static void requireInputs(
      TaskPath task, StepNode node, TaskArtifacts artifacts, List<String> inputPaths) {
    List<String> missing =
        node.artifactsRequired().stream().filter(n -> !artifacts.has(n)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new UserCodeException(
          "Step %s reads artifact %s, which its input %s does not hold: a step before it that"
              + " sets it failed under @Catch, or the input was made by another version of the"
              + " flow. Handle the caught failure before reading it, or start a new run",
          node.name(), String.join(", ", missing), String.join(", ", inputPaths));
    }
  }

  /** The artifacts a join's input views hold: what its code reads from them, or all. */
  private List<String> viewArtifacts(StepNode node) {
    return node.usesAllArtifacts()
        ? graph.artifacts().stream().map(a -> a.name()).toList()
        : List.copyOf(node.inputArtifactsUsed());
  }

  /**
   * What the task starts from: its input's artifacts; for a join, only the run's parameters (as in
   * Metaflow, a join has the parameters and what it assigns or merges). Parameters are the same in
   * every input, since every task of a run descends from the one {@code _parameters} task.
   */
  private Map<String, ArtifactRef> inherited(StepNode node, List<StepInput> inputs) {
    if (inputs.isEmpty()) {
      return Map.of();
    }
    Map<String, ArtifactRef> first = inputs.get(0).data().artifacts();
    if (!node.join()) {
      return first;
    }
    Map<String, ArtifactRef> parameters = new LinkedHashMap<>();
    for (ParameterSpec parameter : graph.parameters()) {
      ArtifactRef ref = first.get(parameter.field());
      if (ref != null) {
        parameters.put(parameter.field(), ref);
      }
    }
    return parameters;
  }

  private List<StepInput> readInputs(TaskSpec spec) {
    List<StepInput> inputs = new ArrayList<>();
    for (String path : spec.inputPaths()) {
      TaskPath input = TaskPath.parse(spec.task().flow(), path);
      TaskData data =
          tasks
              .usableData(input)
              .orElseThrow(
                  () ->
                      new PlatformException(
                          "Cannot run %s: its input %s has no finished attempt in %s",
                          spec.task().pathspec(),
                          input.pathspec(),
                          tasks.describeRun(input.flow(), input.runId())));
      inputs.add(new StepInput(input.step(), data, blobs));
    }
    return inputs;
  }

  private List<ForeachFrame> foreachStack(TaskSpec spec, StepNode node, List<StepInput> inputs) {
    if (inputs.isEmpty()) {
      return List.of();
    }
    TaskData first = inputs.get(0).data();
    List<ForeachFrame> stack = new ArrayList<>(first.foreachStack());
    if (node.join()) {
      String split = lastSplit(inputs.get(0).step());
      boolean closesForeach =
          !split.isEmpty() && graph.requireStep(split).transition() == TransitionKind.FOREACH;
      if (closesForeach && !stack.isEmpty()) {
        stack.remove(stack.size() - 1);
      }
      return stack;
    }
    TakenTransition parent = first.transition();
    if (parent != null && parent.kind() == TransitionKind.FOREACH) {
      int index = spec.splitIndex();
      if (index < 0 || index >= parent.foreachItems().size()) {
        throw new PlatformException(
            "Cannot run %s: split index %d is outside 0..%d",
            spec.task().pathspec(), index, parent.foreachItems().size() - 1);
      }
      stack.add(
          new ForeachFrame(
              inputs.get(0).step(),
              index,
              parent.foreachItems().size(),
              parent.foreachItems().get(index)));
    }
    return stack;
  }

  private String lastSplit(String step) {
    List<String> parents = graph.requireStep(step).splitParents();
    return parents.isEmpty() ? "" : parents.get(parents.size() - 1);
  }

  private TakenTransition taken(StepNode node, TaskStepContext context, int maxNumSplits) {
    TaskStepContext.Called called = context.called();
    if (node.transition() == TransitionKind.END) {
      if (called != null) {
        throw new UserCodeException(
            "Step end called a transition to %s; the end step has none", called.next());
      }
      return new TakenTransition(TransitionKind.END, List.of(), List.of());
    }
    if (called == null) {
      throw new UserCodeException(
          "Step %s returned without calling a transition; the compiled graph expects %s",
          node.name(), describe(node.transition(), node.next()));
    }
    if (called.kind() != node.transition() || !called.next().equals(node.next())) {
      throw new UserCodeException(
          "Step %s called %s, but the compiled graph expects %s; rebuild the flow",
          node.name(),
          describe(called.kind(), called.next()),
          describe(node.transition(), node.next()));
    }
    if (called.kind() != TransitionKind.FOREACH) {
      return new TakenTransition(called.kind(), called.next(), List.of());
    }
    int n = called.items().size();
    if (n == 0) {
      throw new UserCodeException(
          "Step %s called foreach over an empty list; a foreach needs at least one item",
          node.name());
    }
    if (n > maxNumSplits) {
      throw new UserCodeException(
          "Step %s called foreach over %d items, more than --max-num-splits %d;"
              + " raise --max-num-splits",
          node.name(), n, maxNumSplits);
    }
    List<String> items = new ArrayList<>(n);
    for (ArtifactRef ref : blobs.putAll(called.items())) {
      items.add(ref.sha());
    }
    return new TakenTransition(TransitionKind.FOREACH, called.next(), items);
  }

  private static String describe(TransitionKind kind, List<String> next) {
    return switch (kind) {
      case END -> "no transition";
      case FOREACH -> "foreach(..., this::" + next.get(0) + ")";
      default -> "next(" + String.join(", ", next.stream().map(s -> "this::" + s).toList()) + ")";
    };
  }

  private String describeFailure(TaskPath task, Throwable error) {
    if (error instanceof UserCodeException
        || error instanceof PlatformException
        || error instanceof TimeoutException) {
      return "Task " + task.pathspec() + " failed: " + error.getMessage();
    }
    StringBuilder text = new StringBuilder("Task " + task.pathspec() + " failed: " + error);
    for (StackTraceElement frame : error.getStackTrace()) {
      if (frame.getClassName().equals(definition.getClass().getName())) {
        break;
      }
      text.append("\n    at ").append(frame);
    }
    for (Throwable cause = error.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      text.append("\nCaused by: ").append(cause);
    }
    return text.toString();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while (current instanceof InvocationTargetException && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
