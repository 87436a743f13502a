package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.internal.json.RecordJson;
import io.fluxo.runtime.internal.launcher.JvmTaskProcesses;
import io.fluxo.runtime.internal.task.TaskWarmup;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
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
 * the CLI's start-up. ({@code step} with arguments remains for pods and for running a task by
 * hand.)
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
   * @param endMarker printed on stdout and on stderr, followed by the exit code, once the attempt
   *     is recorded: the launcher then goes on while this JVM shuts down; null for none
   */
  record Request(TaskSpec spec, Map<String, String> settings, String endMarker) {}

  /** Whether {@code args} start a local task process that reads its task from stdin. */
  static boolean invoked(String[] args) {
    return args.length == 2
        && args[0].equals("step")
        && args[1].equals(JvmTaskProcesses.FROM_STDIN);
  }

  /**
   * Warms up, waits for the request and runs it; returns the exit code (0 if none came). Errors are
   * reported on {@code err} as the {@code step} command reports them.
   */
  static int serve(FlowDefinition<?> flow, ConfigSources sources, InputStream in, PrintWriter err) {
    // a spare whose run is killed while it warms up stops at once, not once it has warmed up
    StepCommand.stopWithParent();
    TaskWarmup.run();
    Request request = null;
    int code;
    try {
      request = read(in);
      if (request == null) {
        return 0;
      }
      Map<String, String> env = new HashMap<>(sources.env());
      env.putAll(request.settings());
      ConfigSources withSettings = ConfigSources.of(env, sources.workingDir());
      code = StepCommand.runTask(flow, FluxoConfig.load(withSettings, Map.of()), request.spec());
    } catch (RuntimeException e) {
      code = FlowCommand.report(e, err);
    }
    if (request != null && request.endMarker() != null) {
      err.flush();
      announceEnd(request.endMarker() + " " + code + "\n");
    }
    return code;
  }

  /**
   * Writes {@code line} on the process's stdout and stderr themselves, after what the task printed:
   * not through {@code System.out}, which the task's code may have replaced.
   */
  private static void announceEnd(String line) {
    System.out.flush();
    System.err.flush();
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    for (FileDescriptor descriptor :
        new FileDescriptor[] {FileDescriptor.out, FileDescriptor.err}) {
      try {
        FileOutputStream stream = new FileOutputStream(descriptor);
        stream.write(bytes);
        stream.flush();
      } catch (IOException e) {
        // the launcher is gone or stopped reading: it will see the process exit instead
      }
    }
  }

  private static Request read(InputStream in) {
    try {
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null) {
        return null;
      }
      return RecordJson.read(
          new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)),
          Request.class,
          "task request");
    } catch (IOException e) {
      return null;
    }
  }
}
