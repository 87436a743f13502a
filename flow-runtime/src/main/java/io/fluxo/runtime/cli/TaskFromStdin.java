package io.fluxo.runtime.cli;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.launcher.TaskProcesses;
import io.fluxo.runtime.task.TaskSpec;
import io.fluxo.runtime.task.TaskWarmup;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A local task process ({@code step --from-stdin}), started ahead of need or when its task comes:
 * it warms up the task code paths, then waits for one {@link Request} as a JSON line on stdin and
 * runs that task. It never builds the command-line parser: a task costs what its task costs, not
 * the CLI's start-up. ({@code step} with arguments remains for pods and for running a task by hand.)
 */
final class TaskFromStdin {
  private TaskFromStdin() {}

  /**
   * What a local task process is sent: the task, and the run's settings. The process may have been
   * started before the run's configuration was read, so the settings come here rather than in its
   * environment; on stdin, they never appear on a command line.
   *
   * @param spec the task
   * @param settings the run's effective settings, as the environment variables that set them
   *     ({@code FLUXO_DATASTORE_ROOT}, ...); they take precedence over the process's environment
   */
  record Request(TaskSpec spec, Map<String, String> settings) {}

  /** Whether {@code args} start a local task process that reads its task from stdin. */
  static boolean invoked(String[] args) {
    return args.length == 2 && args[0].equals("step") && args[1].equals(TaskProcesses.FROM_STDIN);
  }

  /**
   * Warms up, waits for the request and runs it; returns the exit code (0 if none came). Errors are
   * reported on {@code err} as the {@code step} command reports them.
   */
  static int serve(FlowDefinition<?> flow, ConfigSources sources, InputStream in, PrintWriter err) {
    TaskWarmup.run();
    try {
      Request request = read(in);
      if (request == null) {
        return 0;
      }
      Map<String, String> env = new HashMap<>(sources.env());
      env.putAll(request.settings());
      ConfigSources withSettings = ConfigSources.of(env, sources.workingDir());
      return StepCommand.runTask(flow, FluxoConfig.load(withSettings, Map.of()), request.spec());
    } catch (RuntimeException e) {
      return FlowCommand.report(e, err);
    }
  }

  private static Request read(InputStream in) {
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        return null;
      }
      return RecordJson.read(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), Request.class, "task request");
    } catch (IOException e) {
      return null;
    }
  }
}
