package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.examples.behaviour.ParametersFlow;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameters given to {@code flow run} reach the steps typed; bad input is a one-line usage error.
 */
class ParametersIT {
  @TempDir Path workDir;

  @Test
  void run_givesEveryParameterTypeToTheSteps() throws Exception {
    Map<String, Object> end =
        FlowJar.of("ParametersFlow", workDir)
            .runToEnd(
                "--name", "Ana",
                "--count", "2",
                "--big", "10000000000",
                "--ratio", "0.25",
                "--excited", "true",
                "--volume", "loud",
                "--labels", "a, b,c",
                "--limits", "{\"x\": 1, \"y\": 2}");

    assertThat(end)
        .containsEntry("name", "Ana")
        .containsEntry("count", 2)
        .containsEntry("big", 10_000_000_000L)
        .containsEntry("ratio", 0.25)
        .containsEntry("excited", true)
        .containsEntry("volume", ParametersFlow.Volume.LOUD)
        .containsEntry("labels", List.of("a", "b", "c"))
        .containsEntry("limits", Map.of("x", 1, "y", 2));
    assertThat(end.get("types"))
        .isEqualTo(
            Map.of(
                "name", String.class.getName(),
                "count", Integer.class.getName(),
                "big", Long.class.getName(),
                "ratio", Double.class.getName(),
                "excited", Boolean.class.getName(),
                "volume", ParametersFlow.Volume.class.getName(),
                "labels", String.class.getName(),
                "limits", Integer.class.getName()));
    assertThat(end)
        .containsEntry("greeting", "hello ANA hello ANA!")
        .containsEntry("scaled", 10_000_000_000L * 0.25)
        .containsEntry("tally", 3 + 1 + 2);
  }

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of("missing required parameter", List.of("run"), "--name"),
        Arguments.of("wrong type", List.of("run", "--name", "Ana", "--count", "abc"), "abc"),
        Arguments.of(
            "unknown option", List.of("run", "--name", "Ana", "--colour", "red"), "--colour"),
        Arguments.of("resume of an unknown run", List.of("resume", "--origin-run-id", "99"), "99"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void badInput_isAUsageErrorOnOneLine(String what, List<String> args, String named)
      throws Exception {
    CommandResult result = FlowJar.of("ParametersFlow", workDir).run(args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.stderrLines())
        .as(result.describe())
        .singleElement()
        .asString()
        .startsWith("Error: ")
        .contains(named);
    assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
  }
}
