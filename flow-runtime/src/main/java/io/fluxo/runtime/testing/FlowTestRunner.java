package io.fluxo.runtime.testing;

import io.fluxo.FlowSpec;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.internal.scheduler.ClonePlan;
import io.fluxo.runtime.internal.scheduler.LocalScheduler;
import io.fluxo.runtime.internal.scheduler.RunExecution;
import io.fluxo.runtime.internal.scheduler.RunReporter;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs a flow, or one of its steps, inside the calling JVM, for unit tests: the compiled graph,
 * parameters validated as {@code flow run} validates them, the real scheduler (joins, foreach,
 * {@code @Retry}, {@code @Catch}, {@code @Timeout}) and a local datastore with its metadata in a
 * folder: by default a new temporary folder, kept after the run for inspection (give a JUnit
 * {@code @TempDir} to {@link #withDatastore} to have it deleted).
 *
 * <pre>{@code
 * FlowTestRun<ForeachFlow> run = FlowTestRunner.of(ForeachFlow.class).run();
 * assertThat(run.succeeded()).isTrue();
 * assertThat(run.step("join").sum).isEqualTo(55);
 * }</pre>
 *
 * <p>Tasks run on threads of this JVM, one at a time unless {@link #withMaxWorkers} says more. What
 * a task prints is kept as its logs ({@code run.clientRun()}) and echoed to the console with the
 * task's progress lines. Differences from {@code flow run}: {@code @Environment} variables are not
 * set; {@link #run()} waits between attempts as {@code @Retry(minutesBetweenRetries)} says, but
 * {@link #runStep} retries at once; a step that exceeds its {@code @Timeout} is interrupted (a step
 * that ignores interrupts runs on in the background), and the runner never exits or halts the JVM.
 * System properties that a task sets ({@link TaskEnvironment#PATHSPEC_PROPERTY}, {@link
 * TaskEnvironment#CPU_PROPERTY}) are restored afterwards. While it runs, the runner replaces {@code
 * System.out} and {@code System.err}, so tests that run flows must not run in parallel in one JVM.
 *
 * <p>A runner is not thread-safe; it may run several times, each time a new run.
 *
 * @param <F> the flow class
 */
public final class FlowTestRunner<F extends FlowSpec> {
  /** The most items a foreach may fan out to, as {@code flow run}'s default. */
  private static final int MAX_NUM_SPLITS = 100;

  private final FlowDefinition<F> definition;
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  private final Map<String, Object> artifacts = new LinkedHashMap<>();
  private final List<SingleStepRun.Input> inputs = new ArrayList<>();
  private Optional<Object> foreachItem = Optional.empty();
  private Path datastore;
  private int maxWorkers = 1;

  private FlowTestRunner(FlowDefinition<F> definition) {
    this.definition = definition;
  }

  /**
   * A runner for {@code flowClass}, through the definition the processor generated for it: {@code
   * <package>.FlowMain_<Name>} ({@code FlowMain_Outer_Inner} for a nested class), else one that
   * {@link ServiceLoader} finds for the class.
   *
   * @throws IllegalArgumentException if no definition of {@code flowClass} is on the classpath
   */
  public static <F extends FlowSpec> FlowTestRunner<F> of(Class<F> flowClass) {
    Objects.requireNonNull(flowClass, "flowClass");
    return of(definitionOf(flowClass));
  }

  /**
   * A runner for the flow {@code definition} describes, e.g. one written by hand.
   *
   * @throws UsageException if it was generated for another ABI version than this runtime's
   */
  public static <F extends FlowSpec> FlowTestRunner<F> of(FlowDefinition<F> definition) {
    FlowDefinition.requireCompatible(Objects.requireNonNull(definition, "definition"));
    return new FlowTestRunner<>(definition);
  }

  /**
   * Sets a {@code @Parameter}, named by its option ({@code max-iter}) or its field ({@code
   * maxIter}). Text is converted as {@code flow run} converts the option's text; any other value
   * must be of the field's type. Parameters not set keep their defaults.
   *
   * @throws IllegalArgumentException if the flow has no such parameter, listing those it has, or
   *     the value is not of the field's type
   * @throws UsageException if text is not a valid value, as {@code flow run} reports it
   */
  public FlowTestRunner<F> withParameter(String name, Object value) {
    ParameterSpec parameter =
        definition.graph().parameters().stream()
            .filter(p -> p.option().equals(name) || p.field().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "Invalid parameter "
                            + name
                            + " of flow "
                            + definition.graph().name()
                            + "; parameters are: "
                            + definition.graph().parameters().stream()
                                .map(ParameterSpec::option)
                                .toList()));
    Object converted = value instanceof String text ? parameter.parse(text) : value;
    Class<?> boxed = MethodType.methodType(parameter.valueClass()).wrap().returnType();
    if (converted == null || !boxed.isInstance(converted)) {
      throw new IllegalArgumentException(
          "Invalid value for parameter "
              + name
              + ": "
              + converted
              + " is not a "
              + parameter.javaType());
    }
    parameters.put(parameter.field(), converted);
    return this;
  }

  /**
   * Uses the local datastore folder {@code root} (created if needed) instead of a new temporary
   * folder; runs already there are kept.
   */
  public FlowTestRunner<F> withDatastore(Path root) {
    this.datastore = Objects.requireNonNull(root, "root");
    return this;
  }

  /**
   * Lets {@code n} tasks run at once, each on its own thread; default 1. Tasks that run at once
   * share the JVM's system properties, so steps that read {@link TaskEnvironment#PATHSPEC_PROPERTY}
   * need 1.
   *
   * @throws IllegalArgumentException if {@code n} is less than 1
   */
  public FlowTestRunner<F> withMaxWorkers(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("Invalid max workers: " + n + "; it must be at least 1");
    }
    this.maxWorkers = n;
    return this;
  }

  /**
   * For {@link #runStep}: an artifact value the step receives from its input, as if an earlier step
   * had set it. For a join it is given to every input, under each input's own values.
   *
   * @throws IllegalArgumentException if the flow has no such artifact, listing those it has
   */
  public FlowTestRunner<F> withArtifact(String name, Object value) {
    requireArtifact(name);
    artifacts.put(name, value);
    return this;
  }

  /**
   * For {@link #runStep} of a foreach body: the item the task works on (the step's argument, or
   * {@code input()}), as item 0 of a foreach over one item.
   */
  public FlowTestRunner<F> withForeachItem(Object item) {
    this.foreachItem = Optional.of(item);
    return this;
  }

  /**
   * For {@link #runStep} of a join: one more input, the task of {@code step} (a step that leads to
   * the join) that left these artifacts. Inputs reach the join in the order they are added; a
   * foreach join takes one per item, all of the same step.
   *
   * @throws IllegalArgumentException if the flow has no such step or artifact
   */
  public FlowTestRunner<F> withInput(String step, Map<String, ?> artifacts) {
    definition.graph().requireStep(step);
    artifacts.keySet().forEach(this::requireArtifact);
    inputs.add(new SingleStepRun.Input(step, new LinkedHashMap<>(artifacts)));
    return this;
  }

  /**
   * Runs the whole flow, from {@code start} until {@code end} is done or a task fails for good, and
   * returns the finished run. A failing step does not throw: see {@link FlowTestRun#failure()}.
   *
   * @throws UsageException if a required parameter is not set
   * @throws PlatformException if the datastore cannot be written
   */
  public FlowTestRun<F> run() {
    Map<String, Object> values = parameterValues();
    Stores stores = openStores();
    LocalScheduler.Settings settings = settings();
    try (TaskConsole console = TaskConsole.open();
        SavedProperties saved = new SavedProperties()) {
      InProcessStepLauncher launcher =
          new InProcessStepLauncher(definition, stores.blobs(), stores.tasks(), stores.metadata());
      RunExecution execution =
          new RunExecution(
              definition.graph(),
              stores.blobs(),
              stores.tasks(),
              stores.metadata(),
              launcher,
              reporter(console));
      RunRecord run = execution.createFresh(settings, values);
      RunExecution.Result result = execution.run(run, settings, ClonePlan.NONE);
      TaskFailure failure =
          result.outcome().failedTask().map(task -> failure(stores, launcher, task)).orElse(null);
      return new FlowTestRun<>(definition, stores.root(), stores.tasks(), result.run(), failure);
    }
  }

  /**
   * Runs only {@code step}, once (and again as its {@code @Retry} says), in a new run whose other
   * steps do not run: its input is written from the parameters and the values given with {@link
   * #withArtifact}, {@link #withForeachItem} (a foreach body needs one) and {@link #withInput} (a
   * join needs at least one). The returned run has this one task; {@link FlowTestRun#step} reads
   * what it left.
   *
   * @throws IllegalArgumentException if the flow has no such step, or a foreach body has no item,
   *     or a join no input
   * @throws UsageException if a required parameter is not set
   */
  public FlowTestRun<F> runStep(String step) {
    FlowGraph graph = definition.graph();
    graph.requireStep(step);
    Map<String, Object> values = parameterValues();
    SingleStepRun single = new SingleStepRun(graph, step, values, artifacts, foreachItem, inputs);
    Stores stores = openStores();
    LocalScheduler.Settings settings = settings();
    try (TaskConsole console = TaskConsole.open();
        SavedProperties saved = new SavedProperties()) {
      InProcessStepLauncher launcher =
          new InProcessStepLauncher(definition, stores.blobs(), stores.tasks(), stores.metadata());
      RunReporter reporter = reporter(console);
      RunRecord run =
          new RunExecution(
                  graph, stores.blobs(), stores.tasks(), stores.metadata(), launcher, reporter)
              .createFresh(settings, values);
      SingleStepRun.Result result =
          single.run(
              run, settings, stores.blobs(), stores.tasks(), stores.metadata(), launcher, reporter);
      TaskFailure failure =
          result.failedTask().map(task -> failure(stores, launcher, task)).orElse(null);
      return new FlowTestRun<>(definition, stores.root(), stores.tasks(), result.run(), failure);
    }
  }

  private Map<String, Object> parameterValues() {
    F fresh = definition.newInstance();
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParameterSpec p : definition.graph().parameters()) {
      if (parameters.containsKey(p.field())) {
        values.put(p.field(), parameters.get(p.field()));
      } else if (p.required()) {
        throw new UsageException("Missing required option '--%s' (%s)", p.option(), p.javaType());
      } else {
        values.put(p.field(), definition.getArtifact(fresh, p.field()));
      }
    }
    return values;
  }

  private LocalScheduler.Settings settings() {
    return new LocalScheduler.Settings(
        maxWorkers, MAX_NUM_SPLITS, System.getProperty("user.name", "test"), List.of());
  }

  private Stores openStores() {
    Path root;
    try {
      root =
          datastore != null
              ? Files.createDirectories(datastore)
              : Files.createTempDirectory("fluxo-test-");
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot create datastore folder %s: %s", datastore, e.getMessage());
    }
    LocalStorage storage = new LocalStorage(root);
    return new Stores(
        root,
        new ContentStore(storage, definition.graph().name(), new KryoArtifactCodec()),
        new TaskStore(storage),
        new LocalMetadataStore(root));
  }

  private static RunReporter reporter(TaskConsole console) {
    return new RunReporter(new PrintWriter(console.out(), true));
  }

  private static TaskFailure failure(Stores stores, InProcessStepLauncher launcher, TaskPath task) {
    String error =
        stores.tasks().results(task).stream()
            .reduce((first, second) -> second)
            .map(r -> r.error())
            .orElse(null);
    return TaskFailure.of(task.step(), task.pathspec(), error, launcher.thrown(task).orElse(null));
  }

  private void requireArtifact(String name) {
    List<String> names = definition.graph().artifacts().stream().map(ArtifactSpec::name).toList();
    if (!names.contains(name)) {
      throw new IllegalArgumentException(
          "Invalid artifact "
              + name
              + " of flow "
              + definition.graph().name()
              + "; artifacts are: "
              + names);
    }
  }

  @SuppressWarnings("unchecked")
  private static <F extends FlowSpec> FlowDefinition<F> definitionOf(Class<F> flowClass) {
    String nested =
        flowClass
            .getName()
            .substring(flowClass.getPackageName().length())
            .replaceFirst("^\\.", "")
            .replace('$', '_');
    String generated =
        (flowClass.getPackageName().isEmpty() ? "" : flowClass.getPackageName() + ".")
            + "FlowMain_"
            + nested;
    try {
      Class<?> type = Class.forName(generated, true, flowClass.getClassLoader());
      return (FlowDefinition<F>) type.getConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      // not generated under that name: look for a registered definition
    } catch (ReflectiveOperationException | ClassCastException e) {
      Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
      throw new IllegalArgumentException(
          "Cannot create "
              + generated
              + ", the definition of flow "
              + flowClass.getName()
              + ": "
              + cause,
          cause);
    }
    for (FlowDefinition<?> found :
        ServiceLoader.load(FlowDefinition.class, flowClass.getClassLoader())) {
      if (found.graph().className().equals(flowClass.getName())) {
        return (FlowDefinition<F>) found;
      }
    }
    throw new IllegalArgumentException(
        "Cannot find the definition of flow "
            + flowClass.getName()
            + ": no class "
            + generated
            + " and none registered for ServiceLoader; compile the flow with the Fluxo processor");
  }

  /** The stores of a test run: a local datastore folder with its metadata inside. */
  private record Stores(Path root, ContentStore blobs, TaskStore tasks, MetadataStore metadata) {}

  /** The task system properties as they were before a run; closing puts them back. */
  private static final class SavedProperties implements AutoCloseable {
    private static final List<String> NAMES =
        List.of(TaskEnvironment.PATHSPEC_PROPERTY, TaskEnvironment.CPU_PROPERTY);
    private final Map<String, String> values = new LinkedHashMap<>();

    SavedProperties() {
      NAMES.forEach(name -> values.put(name, System.getProperty(name)));
    }

    @Override
    public void close() {
      values.forEach(
          (name, value) -> {
            if (value == null) {
              System.clearProperty(name);
            } else {
              System.setProperty(name, value);
            }
          });
    }
  }
}
