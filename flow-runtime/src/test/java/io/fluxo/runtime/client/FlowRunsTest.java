package io.fluxo.runtime.client;

import static io.fluxo.runtime.internal.cli.CountingRuns.FLOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.internal.cli.CountingRuns;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.RunStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class FlowRunsTest {
  private final FlowRuns flow = FlowRuns.of(FLOW, CountingRuns.root());

  @Test
  void runs_areNewestFirst() {
    assertThat(flow.runs()).extracting(Run::id).containsExactly("3", "2", "1");
    assertThat(flow.runs())
        .extracting(Run::status)
        .containsExactly(RunStatus.FAILED, RunStatus.FAILED, RunStatus.SUCCEEDED);
  }

  @Test
  void latestRun_isTheNewest_latestSuccessfulRun_skipsFailures() {
    assertThat(flow.latestRun().id()).isEqualTo("3");
    assertThat(flow.latestSuccessfulRun().id()).isEqualTo("1");
  }

  @Test
  void runsTagged_matchesUserAndSystemTags() {
    assertThat(flow.runsTagged("nightly")).extracting(Run::id).containsExactly("1");
    assertThat(flow.runsTagged("runtime:local", "nightly"))
        .extracting(Run::id)
        .containsExactly("1");
    assertThat(flow.runsTagged("runtime:local")).hasSize(3);
    assertThat(flow.runsTagged("nope")).isEmpty();
  }

  @Test
  void run_unknownId_listsRuns() {
    assertThatThrownBy(() -> flow.run("9"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("flow CountingFlow has no run 9; runs are: 1, 2, 3");
  }

  @Test
  void flowWithoutRuns_namesTheFlowsThere() {
    FlowRuns typo = FlowRuns.of("CountngFlow", CountingRuns.root());

    assertThat(typo.runs()).isEmpty();
    assertThatThrownBy(typo::latestRun)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageStartingWith("flow CountngFlow has no runs in ")
        .hasMessageEndingWith("; flows there are: CountingFlow");
    assertThatThrownBy(() -> typo.run("1"))
        .hasMessageStartingWith("flow CountngFlow has no run 1; it has no runs in ");
  }

  @Test
  void latestSuccessfulRun_whenNone_listsRunsWithStatus() {
    Path copy = CountingRuns.copy();
    LocalMetadataStore metadata = new LocalMetadataStore(copy);
    metadata.updateRun(
        metadata.run(FLOW, "1").orElseThrow().withStatus(RunStatus.FAILED, Instant.now()));

    assertThatThrownBy(FlowRuns.of(FLOW, copy)::latestSuccessfulRun)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage(
            "flow CountingFlow has no successful run; runs are: 1 (FAILED), 2 (FAILED), 3 (FAILED)");
  }

  @Test
  void of_rejectsInvalidNames() {
    assertThatThrownBy(() -> FlowRuns.of("a/b", CountingRuns.root()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid flow name: a/b");
  }
}
