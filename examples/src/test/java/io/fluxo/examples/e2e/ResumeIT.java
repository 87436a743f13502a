package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code resume} of ResumableFlow after a step failure, from a named step, and after the
 * orchestrator was killed: each resumed run ends with the artifacts of an uninterrupted run.
 */
class ResumeIT {
  private static final String FLOW = "ResumableFlow";
  private static final String FAIL_AT = "FLUXO_TEST_FAIL_AT";
  private static final String SLEEP_MS = "FLUXO_TEST_SLEEP_MS";
  private static final String[] PARAMETERS = {"--items", "6", "--seed", "11"};
  private static final List<String> STEPS =
      List.of("start", "generate", "score", "combine", "summarize", "end");
  private static final String CLONING = "Cloning results of a previously run task";

  /** The seed of the kill moments, so that a failure can be replayed. */
  private static final long KILL_SEED = 20261127L;

  @TempDir static Path cleanDir;

  private static FlowJar clean;
  private static String cleanRunId;
  private static Map<String, Object> cleanArtifacts;

  @TempDir Path workDir;

  @BeforeAll
  static void runUninterrupted() throws Exception {
    clean = FlowJar.of(FLOW, cleanDir);
    cleanRunId = clean.runOk(run()).requireRunId();
    cleanArtifacts = clean.endArtifacts(cleanRunId);
    assertThat(cleanArtifacts).containsKeys("numbers", "scores", "total", "summary");
  }

  @Test
  void failure_thenPrintedResume_endsLikeAnUninterruptedRun() throws Exception {
    FlowJar flow = FlowJar.of(FLOW, workDir);

    CommandResult failed = flow.withEnv(FAIL_AT, "combine").run(run());

    assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
    String failedRunId = failed.requireRunId();
    assertThat(failed.stdout()).contains("failed at step combine");
    String resume = failed.resumeCommand().orElseThrow(() -> new AssertionError(failed.describe()));
    assertThat(resume)
        .startsWith("java -jar ")
        .endsWith("--flow " + FLOW + " resume --origin-run-id " + failedRunId);

    CommandResult resumed = flow.runPrinted(resume);

    assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
    String runId = resumed.requireRunId();
    assertClonedThenRan(resumed, runId, "combine");
    assertThat(flow.stored(runId).originRunId()).contains(failedRunId);
    assertThat(flow.endArtifacts(runId)).isEqualTo(cleanArtifacts);
  }

  @Test
  void sigterm_stopsTheRunAsCtrlCDoes_withTheResumeCommand() throws Exception {
    FlowJar flow = FlowJar.of(FLOW, workDir);
    FlowProcess running = flow.withEnv(SLEEP_MS, "300").start(run());
    running.awaitOutput("/score/", FlowJar.COMMAND_TIMEOUT);
    List<ProcessHandle> tasks = running.handle().descendants().toList();

    new ProcessBuilder("kill", "-TERM", Long.toString(running.handle().pid()))
        .inheritIO()
        .start()
        .waitFor();
    CommandResult stopped = running.await(FlowJar.COMMAND_TIMEOUT);

    assertThat(stopped.exitCode()).as(stopped.describe()).isEqualTo(143);
    assertThat(stopped.stdout())
        .contains(
            "was interrupted", "To resume it, run:", "--flow " + FLOW + " resume --origin-run-id");
    assertThat(stopped.showsStackTrace()).as(stopped.describe()).isFalse();
    for (ProcessHandle task : tasks) {
      task.onExit().get(15, TimeUnit.SECONDS);
    }
  }

  @Test
  void resumeFromStep_clonesTheStepsBeforeItAndRunsTheRest() throws Exception {
    CommandResult resumed = clean.runOk("resume", "score", "--origin-run-id", cleanRunId);

    String runId = resumed.requireRunId();
    assertClonedThenRan(resumed, runId, "score");
    assertThat(clean.endArtifacts(runId)).isEqualTo(cleanArtifacts);
  }

  /**
   * Kills {@code flow run} with SIGKILL at a random moment while {@code killDuring} runs; its task
   * processes must stop with it, and resume must end like an uninterrupted run.
   */
  @ParameterizedTest(name = "killed while {0} runs")
  @ValueSource(strings = {"start", "score", "summarize"})
  void killedOrchestrator_leavesNoTaskRunning_andResumeEndsLikeAnUninterruptedRun(String killDuring)
      throws Exception {
    FlowJar flow = FlowJar.of(FLOW, workDir);
    int sleepMs = 300;
    long delayMs = new Random(KILL_SEED + STEPS.indexOf(killDuring)).nextInt(sleepMs);
    FlowProcess running = flow.withEnv(SLEEP_MS, Integer.toString(sleepMs)).start(run());

    running.awaitOutput("/" + killDuring + "/", FlowJar.COMMAND_TIMEOUT);
    Thread.sleep(delayMs);
    List<ProcessHandle> tasks = running.handle().descendants().toList();
    running.killForcibly();

    String at =
        "killed "
            + delayMs
            + " ms after "
            + killDuring
            + " started; output was:\n"
            + running.stdoutSoFar();
    assertThat(tasks).as(at).isNotEmpty();
    for (ProcessHandle task : tasks) {
      task.onExit().get(15, TimeUnit.SECONDS);
    }
    String originRunId =
        FlowProcess.runId(running.stdoutSoFar()).orElseThrow(() -> new AssertionError(at));

    CommandResult resumed = flow.run("resume", "--origin-run-id", originRunId);

    assertThat(resumed.exitCode()).as(at + "\nResume: " + resumed.describe()).isZero();
    assertThat(flow.endArtifacts(resumed.requireRunId())).as(at).isEqualTo(cleanArtifacts);
  }

  /**
   * Requires that resume cloned every task of the steps before {@code from}, and ran {@code from}
   * and every later step in new processes.
   */
  private static void assertClonedThenRan(CommandResult resumed, String runId, String from) {
    List<String> lines = resumed.stdout().lines().toList();
    for (String step : STEPS) {
      String prefix = "[" + runId + "/" + step + "/";
      List<String> stepLines = lines.stream().filter(line -> line.contains(prefix)).toList();
      if (STEPS.indexOf(step) < STEPS.indexOf(from)) {
        assertThat(stepLines)
            .as(step + " in " + resumed.describe())
            .isNotEmpty()
            .allMatch(line -> line.contains(CLONING));
      } else {
        assertThat(stepLines)
            .as(step + " in " + resumed.describe())
            .noneMatch(line -> line.contains(CLONING))
            .anyMatch(line -> line.contains("Task is starting."));
      }
    }
  }

  private static String[] run() {
    String[] args = new String[PARAMETERS.length + 1];
    args[0] = "run";
    System.arraycopy(PARAMETERS, 0, args, 1, PARAMETERS.length);
    return args;
  }
}
