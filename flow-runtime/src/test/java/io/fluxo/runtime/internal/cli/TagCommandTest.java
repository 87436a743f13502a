package io.fluxo.runtime.internal.cli;

import static io.fluxo.runtime.internal.cli.CountingRuns.flow;
import static io.fluxo.runtime.internal.cli.CountingRuns.usageError;
import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.internal.cli.CountingRuns.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TagCommandTest {
  @Test
  void tag_addListRemove_roundTrips() {
    Result added = flow("tag", "add", "2", "tag-test-a", "tag-test-b");
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.out()).contains("tags: tag-test-a, tag-test-b");

    assertThat(flow("tag", "list", "2").out())
        .contains("tags: tag-test-a, tag-test-b", "system: user:");
    assertThat(flow("runs", "--tag", "tag-test-b").out().lines().skip(1))
        .singleElement()
        .asString()
        .startsWith("2 ");

    Result removed = flow("tag", "remove", "2", "tag-test-a", "tag-test-b");
    assertThat(removed.code()).isZero();
    assertThat(flow("tag", "list", "2").out()).contains("tags: -");
  }

  @Test
  void tag_addTwice_keepsOneCopy() {
    flow("tag", "add", "3", "tag-test-twice");
    Result again = flow("tag", "add", "3", "tag-test-twice");
    flow("tag", "remove", "3", "tag-test-twice");

    assertThat(again.out()).contains("tags: tag-test-twice ");
  }

  @Test
  void tag_removeSystemTag_isRefused() {
    assertThat(usageError("tag", "remove", "1", "runtime:local"))
        .contains("Cannot remove tag runtime:local from run CountingFlow/1: it is a system tag");
    assertThat(flow("tag", "list", "1").out()).contains("runtime:local");
  }

  @Test
  void tag_unknownRun_listsRuns() {
    assertThat(usageError("tag", "add", "9", "x"))
        .contains("Cannot tag run 9: flow CountingFlow has no run 9; runs are: 1, 2, 3");
  }

  @Test
  void tag_blankTag_isUsageError() {
    assertThat(usageError("tag", "add", "1", " ")).contains("Invalid tag ' '");
  }

  @Test
  void tag_withControlCharacters_isRefusedInOneLine() {
    String error = usageError("tag", "add", "1", "two\nlines");

    assertThat(error).contains("Invalid tag 'two\\u000alines'", "without control characters");
    assertThat(error.strip().lines()).hasSize(1);
    assertThat(flow("tag", "list", "1").out()).doesNotContain("two");
    assertThat(usageError("run", "--tag", "tab\there")).contains("Invalid tag 'tab\\u0009here'");
  }

  @Test
  void tag_withoutSubcommand_isUsageError() {
    StringWriter err = new StringWriter();
    int code =
        FlowCommand.execute(
            new CountingFlowDefinition(),
            new String[] {"tag"},
            "flow",
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .hasLineCount(1)
        .contains("Missing command: try 'add', 'remove' or 'list'");
  }
}
