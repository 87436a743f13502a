package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.spi.RunRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path root;

  private CountingRuns.Result flow(String... args) {
    return CountingRuns.flow(root, args);
  }

  @Test
  void run_foreachAndJoin_sumsSquares() {
    CountingRuns.Result result = flow("run", "--count", "4");

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("Workflow starting (run-id 1):", "total 30", "Done!");
    FlowStores stores = FlowStores.open(root, "CountingFlow");
    var endTask =
        stores.metadata().tasks("CountingFlow", "1").stream()
            .filter(t -> t.path().step().equals("end"))
            .findFirst()
            .orElseThrow()
            .path();
    var data = stores.tasks().usableData(endTask).orElseThrow();
    assertThat(stores.blobs().get(data.artifacts().get("total").sha())).isEqualTo(30);
  }

  @Test
  void run_failure_thenResume_reusesFinishedTasks() {
    CountingRuns.Result failed = flow("run", "--count", "3", "--fail-at", "square");
    assertThat(failed.code()).isEqualTo(1);
    // the printed commands repeat the store options, so that they find this run
    assertThat(failed.out())
        .contains(
            "resume --origin-run-id 1 --datastore-root " + root,
            "--stderr --datastore-root " + root);

    CountingRuns.Result resumed = flow("resume", "--origin-run-id", "1");
    // the parameters are kept, so square fails again on item 2, after cloning start
    assertThat(resumed.out()).contains("Cloning results of a previously run task 1/start/");
    assertThat(resumed.code()).isEqualTo(1);
  }

  @Test
  void resume_ofARunKilledBeforeItsParameters_saysStartANewRun_andMakesNoRun() {
    // what a kill between the run record and its parameters task leaves
    FlowStores stores = FlowStores.open(root, "CountingFlow");
    RunRecord killed = stores.metadata().createRun("CountingFlow", "ana", List.of(), null);

    CountingRuns.Result resumed = flow("resume", "--origin-run-id", killed.runId());

    assertThat(resumed.code()).isEqualTo(2);
    assertThat(resumed.err().lines())
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .startsWith(
            "Error: Cannot resume run 1: it was stopped before its parameters were stored, so none"
                + " of its tasks ran; start a new run instead");
    assertThat(stores.metadata().runs("CountingFlow")).hasSize(1);
  }

  @Test
  void progressLine_onATerminal_orAsFluxoProgressSays() {
    Object terminal = new Object();

    assertThat(RunCommand.RunLauncher.progressWidth(Map.of(), null)).isZero();
    assertThat(RunCommand.RunLauncher.progressWidth(Map.of(), terminal)).isEqualTo(79);
    assertThat(RunCommand.RunLauncher.progressWidth(Map.of("COLUMNS", "132"), terminal))
        .isEqualTo(131);
    assertThat(RunCommand.RunLauncher.progressWidth(Map.of("TERM", "dumb"), terminal)).isZero();
    assertThat(RunCommand.RunLauncher.progressWidth(Map.of("FLUXO_PROGRESS", "0"), terminal))
        .isZero();
    assertThat(RunCommand.RunLauncher.progressWidth(Map.of("FLUXO_PROGRESS", "1"), null))
        .isEqualTo(79);
    assertThatThrownBy(
            () -> RunCommand.RunLauncher.progressWidth(Map.of("FLUXO_PROGRESS", "auto"), null))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("Invalid FLUXO_PROGRESS 'auto'");
  }

  @Test
  void run_withTheProgressLine_drawsItUnderTheLines_andErasesItAtTheEnd() {
    CountingRuns.Result result =
        CountingRuns.flow(
            new ConfigSources(Map.of("FLUXO_PROGRESS", "1"), root.resolve("home"), root),
            "run",
            "--count",
            "3",
            "--datastore-root",
            root.resolve("store").toString());

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("\r\033[Krun 1 | ".translateEscapes())
        .containsPattern("square: 3 done")
        .contains("join: 1 done")
        .contains("Done!");
    assertThat(result.out().lines().filter(l -> l.contains("Done!")))
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .doesNotContain("run 1 |");
  }

  @Test
  void run_badParameter_isUsageError() {
    CountingRuns.Result result = flow("run", "--count", "many");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("'--count'")
        .contains("not an int")
        .doesNotContain("Exception");
  }

  @Test
  void run_numericOptionsOutOfBounds_areUsageErrors() {
    CountingRuns.Result workers = flow("run", "--max-workers", "2147483647");
    CountingRuns.Result splits = flow("run", "--max-num-splits", "0");

    assertThat(workers.code()).isEqualTo(2);
    assertThat(workers.err())
        .contains("Invalid value for option '--max-workers': 2147483647; it must be 1 to 1024");
    assertThat(splits.code()).isEqualTo(2);
    assertThat(splits.err()).contains("'--max-num-splits': 0; it must be 1 to 1000000");
  }

  @Test
  void run_unknownOption_isUsageError() {
    CountingRuns.Result result = flow("run", "--nope", "1");

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err().lines().count()).isEqualTo(1);
  }
}
