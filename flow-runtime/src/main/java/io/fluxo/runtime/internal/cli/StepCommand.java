package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.internal.task.TaskExecutor;
import io.fluxo.runtime.spi.ExternalValueFormat;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flow step}: runs one attempt of one task in this process. The runtime launches it; users
 * do not need it. If the launching process dies, the task stops too.
 */
@Command(
    name = "step",
    hidden = true,
    description = "Run one task (internal: the runtime launches this).")
final class StepCommand implements Callable<Integer> {
  private final CliContext context;

  @Parameters(index = "0", paramLabel = "STEP")
  String step;

  @Option(names = "--run-id", required = true)
  String runId;

  @Option(names = "--task-id", required = true)
  String taskId;

  @Option(names = "--input-paths", split = ",", required = true)
  List<String> inputPaths;

  @Option(names = "--split-index", defaultValue = "-1")
  int splitIndex;

  @Option(names = "--retry-count", defaultValue = "0")
  int retryCount;

  @Option(names = "--max-num-splits", defaultValue = "100")
  int maxNumSplits;

  @Option(names = "--user", defaultValue = "unknown")
  String user;

  @Option(names = "--tag")
  List<String> tags = new ArrayList<>();

  @Option(names = "--origin-run-id")
  String originRunId;

  @Mixin StoreOptions storeOptions;

  StepCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return runTask(
        context.definition(),
        storeOptions.config(context),
        new TaskSpec(
            new TaskPath(context.graph().name(), runId, step, taskId),
            inputPaths,
            splitIndex,
            retryCount,
            maxNumSplits,
            user,
            tags,
            originRunId));
  }

  /**
   * Runs one attempt of {@code spec} against the stores {@code config} names, in this process, and
   * returns the process exit code. The installed value formats are prepared for the datastore first
   * ({@link ExternalValueFormat#prepare}, as its {@linkplain ExternalValueFormat.Scope#TASK task}),
   * so that, on S3, the step's Spark session gets the datastore's S3A settings. If the launching
   * process dies, the task stops too.
   */
  static int runTask(FlowDefinition<?> flow, FluxoConfig config, TaskSpec spec) {
    stopWithParent();
    FlowStores stores = FlowStores.forTask(config, flow.graph().name(), System.getenv());
    ExternalValueFormat.Context values =
        new ExternalValueFormat.Context(config.datastore(), ExternalValueFormat.Scope.TASK);
    ExternalValueFormat.installed().forEach(format -> format.prepare(values));
    int code =
        new TaskExecutor(flow, stores.blobs(), stores.tasks(), stores.metadata(), System.err)
            .run(spec);
    System.out.flush();
    System.err.flush();
    return code;
  }

  /**
   * The {@code step ...} arguments that run {@code launch} against {@code datastore}: only its type
   * and root; the task reads credentials from the configuration and environment it inherits.
   */
  static List<String> arguments(TaskLaunch launch, FluxoConfig.Datastore datastore) {
    TaskSpec spec = launch.spec();
    List<String> args =
        new ArrayList<>(
            List.of(
                "step", spec.task().step(),
                "--run-id", spec.task().runId(),
                "--task-id", spec.task().taskId(),
                "--input-paths", String.join(",", spec.inputPaths()),
                "--split-index", Integer.toString(spec.splitIndex()),
                "--retry-count", Integer.toString(spec.retryCount()),
                "--max-num-splits", Integer.toString(spec.maxNumSplits()),
                "--user", spec.user(),
                "--datastore", datastore.type().id(),
                "--datastore-root", datastore.root()));
    for (String tag : spec.tags()) {
      args.add("--tag");
      args.add(tag);
    }
    if (spec.originRunId() != null) {
      args.add("--origin-run-id");
      args.add(spec.originRunId());
    }
    return args;
  }

  /** Halts this process (exit 137) the moment the process that launched it ends, if one did. */
  static void stopWithParent() {
    String parent = System.getenv(TaskEnvironment.PARENT_PID_ENV);
    if (parent == null) {
      return;
    }
    ProcessHandle.of(Long.parseLong(parent))
        .ifPresentOrElse(
            p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(137)),
            () -> Runtime.getRuntime().halt(137));
  }
}
