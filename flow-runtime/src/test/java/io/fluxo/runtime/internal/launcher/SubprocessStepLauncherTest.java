package io.fluxo.runtime.internal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child JVMs that end their attempt with or without the end marker, and then linger or not.
 */
class SubprocessStepLauncherTest {
  /** What the launcher sends here: the end marker alone. */
  record Request(String endMarker) {}

  /**
   * A task process: reads its request, prints a line on each stream, exits with code {@code
   * args[0]} (no marker) or, when {@code args[0]} is {@code marked}, prints the marker and exit
   * code 3, more output, and takes 3 s to "shut down".
   */
  public static final class ScriptedTask {
    public static void main(String[] args) throws Exception {
      String request =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      Matcher marker = Pattern.compile("\"endMarker\":\"([^\"]+)\"").matcher(request);
      System.out.println("working");
      System.err.println("warning");
      if (!args[0].equals("marked") || !marker.find()) {
        System.exit(Integer.parseInt(args[0]));
      }
      System.out.println(marker.group(1) + " 3");
      System.err.println(marker.group(1) + " 3");
      System.out.println("shutting down");
      Thread.sleep(3_000);
    }
  }

  private static final TaskPath TASK = new TaskPath("Flow", "1", "s", "2");
  private static final StepNode NODE =
      new StepNode(
          "s",
          TransitionKind.LINEAR,
          List.of("end"),
          false,
          List.of(),
          Optional.empty(),
          Set.of(),
          true,
          Decorators.NONE,
          "");

  @TempDir Path root;

  private final List<String> printed = new CopyOnWriteArrayList<>();

  @Test
  void endMarker_endsTheAttemptBeforeTheProcessExits_withItsCodeAndTheLogsBeforeIt()
      throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    ProcessHandle process;
    try (SubprocessStepLauncher launcher = launcher("marked", tasks)) {
      LaunchedTask task =
          launcher.launch(
              new TaskLaunch(spec(), NODE), (launch, id, line, stderr) -> printed.add(line));

      assertThat(task.exit().get(30, TimeUnit.SECONDS)).isEqualTo(3);

      process = ProcessHandle.of(Long.parseLong(task.id())).orElseThrow();
      assertThat(process.isAlive()).as("the JVM still shuts down").isTrue();
      assertThat(printed).containsExactlyInAnyOrder("working", "warning");
      // stored when the attempt ended (with what the JVM has printed since, if the pump has read
      // it)
      assertThat(log(tasks, LogStream.STDOUT)).startsWith("working\n");
      assertThat(log(tasks, LogStream.STDERR)).isEqualTo("warning\n");
    }
    // closing the launcher waited for it: no task JVM outlives the run
    assertThat(process.isAlive()).isFalse();
    // and what it printed while shutting down is in the log, not on the console
    assertThat(log(tasks, LogStream.STDOUT)).isEqualTo("working\nshutting down\n");
    assertThat(printed).doesNotContain("shutting down");
  }

  @Test
  void withoutMarker_theAttemptEndsWhenTheProcessExits_withItsExitCode() throws Exception {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    try (SubprocessStepLauncher launcher = launcher("5", tasks)) {
      LaunchedTask task =
          launcher.launch(
              new TaskLaunch(spec(), NODE), (launch, id, line, stderr) -> printed.add(line));

      assertThat(task.exit().get(30, TimeUnit.SECONDS)).isEqualTo(5);

      assertThat(ProcessHandle.of(Long.parseLong(task.id())).map(ProcessHandle::isAlive))
          .isNotEqualTo(Optional.of(true));
      assertThat(log(tasks, LogStream.STDOUT)).isEqualTo("working\n");
      assertThat(log(tasks, LogStream.STDERR)).isEqualTo("warning\n");
    }
  }

  private static SubprocessStepLauncher launcher(String scriptArgument, TaskStore tasks) {
    List<String> prefix =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            ScriptedTask.class.getName(),
            scriptArgument);
    return new SubprocessStepLauncher(
        new TaskProcesses(prefix, 0), (launch, endMarker) -> new Request(endMarker), tasks);
  }

  private static TaskSpec spec() {
    return new TaskSpec(TASK, List.of("1/start/1"), -1, 0, 100, "ana", List.of(), null);
  }

  private static String log(TaskStore tasks, LogStream stream) throws Exception {
    try (InputStream in = tasks.openLog(TASK, 0, stream).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
