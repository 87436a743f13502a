package io.fluxo.runtime.internal.cli;

import static io.fluxo.runtime.internal.cli.CountingRuns.flow;
import static io.fluxo.runtime.internal.cli.CountingRuns.usageError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.internal.cli.CountingRuns.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunsCommandTest {
  @Test
  void runs_listsNewestFirst_withStatusTagsAndOrigin() {
    Result result = flow("runs");

    assertThat(result.code()).as(result.err()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0))
        .startsWith("RUN")
        .contains("STATUS", "STARTED", "DURATION", "USER", "TAGS", "ORIGIN");
    assertThat(lines.get(1))
        .matches(
            "3\\s+FAILED\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+\\S+\\s+\\S+\\s+-\\s+2");
    assertThat(lines.get(2)).matches("2\\s+FAILED\\s+.*\\s+-\\s+-");
    assertThat(lines.get(3)).matches("1\\s+SUCCEEDED\\s+.*\\d\\.\\ds\\s+\\S+\\s+nightly\\s+-");
    assertThat(lines).hasSize(4);
  }

  @Test
  void runs_tag_filtersRuns() {
    Result result = flow("runs", "--tag", "nightly");

    assertThat(result.out().lines().skip(1)).singleElement().asString().startsWith("1 ");
  }

  @Test
  void runs_limit_saysHowManyAreHidden() {
    Result result = flow("runs", "--limit", "1");

    assertThat(result.out().lines()).hasSize(3);
    assertThat(result.out()).contains("(2 older runs not shown; use --limit)");
  }

  @Test
  void runs_badLimit_isUsageError() {
    assertThat(usageError("runs", "--limit", "0")).contains("'--limit'");
  }

  @Test
  void runs_emptyDatastore_saysSo() {
    Result result = CountingRuns.flow(CountingRuns.tempDir(), "runs");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("No runs of CountingFlow in ");
  }
}
