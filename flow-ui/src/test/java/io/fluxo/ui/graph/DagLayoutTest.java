package io.fluxo.ui.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DagLayoutTest {
  private static StepGraph graph(String steps) {
    return StepGraph.parse(
        ("{\"name\":\"F\",\"steps\":[" + steps + "]}").getBytes(StandardCharsets.UTF_8));
  }

  private static String step(String name, String transition, String... next) {
    return "{\"name\":\""
        + name
        + "\",\"transition\":\""
        + transition
        + "\",\"next\":["
        + (next.length == 0 ? "" : "\"" + String.join("\",\"", next) + "\"")
        + "]}";
  }

  private static Map<String, DagLayout.Node> nodes(DagLayout.Drawing drawing) {
    return drawing.nodes().stream()
        .collect(Collectors.toMap(n -> n.step().name(), Function.identity()));
  }

  @Test
  void branch_putsItsStepsSideBySideInOneLayer_andTheJoinBelowTheLongerPath() {
    DagLayout.Drawing drawing =
        DagLayout.layout(
            graph(
                String.join(
                    ",",
                    step("start", "BRANCH", "a", "b"),
                    step("a", "LINEAR", "a2"),
                    step("a2", "LINEAR", "join"),
                    step("b", "LINEAR", "join"),
                    step("join", "LINEAR", "end"),
                    step("end", "END"))));
    Map<String, DagLayout.Node> nodes = nodes(drawing);

    assertThat(nodes.get("start").layer()).isZero();
    assertThat(nodes.get("a").layer()).isEqualTo(1);
    assertThat(nodes.get("b").layer()).isEqualTo(1);
    assertThat(nodes.get("a2").layer()).isEqualTo(2);
    assertThat(nodes.get("join").layer()).isEqualTo(3);
    assertThat(nodes.get("end").layer()).isEqualTo(4);
    assertThat(nodes.get("a").y()).isEqualTo(nodes.get("b").y());
    assertThat(nodes.get("a").x()).isLessThan(nodes.get("b").x());
    assertThat(nodes.get("a").x() + nodes.get("a").width()).isLessThan(nodes.get("b").x());
    assertThat(drawing.edges()).hasSize(6);
    assertThat(drawing.width()).isGreaterThanOrEqualTo(2 * DagLayout.MIN_NODE_WIDTH);
    assertThat(drawing.nodes())
        .allSatisfy(
            n -> assertThat(n.y() + DagLayout.NODE_HEIGHT).isLessThanOrEqualTo(drawing.height()));
  }

  @Test
  void foreach_marksItsEdgeAsAFanOut_andCentresALoneStep() {
    DagLayout.Drawing drawing =
        DagLayout.layout(
            graph(
                String.join(
                    ",",
                    step("start", "FOREACH", "square"),
                    step("square", "LINEAR", "join"),
                    step("join", "LINEAR", "end"),
                    step("end", "END"))));

    assertThat(drawing.edges())
        .extracting(DagLayout.Edge::from, DagLayout.Edge::fanOut)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("start", true),
            org.assertj.core.groups.Tuple.tuple("square", false),
            org.assertj.core.groups.Tuple.tuple("join", false));
    DagLayout.Node start = nodes(drawing).get("start");
    assertThat(start.centerX()).isEqualTo(drawing.width() / 2);
    assertThat(drawing.edges().get(0).path()).startsWith("M" + start.centerX() + ",");
  }

  @Test
  void boxes_widenToFitTheLongestStepName() {
    DagLayout.Drawing drawing =
        DagLayout.layout(
            graph(
                String.join(
                    ",",
                    step("start", "LINEAR", "ingestAndValidateTheRawData"),
                    step("ingestAndValidateTheRawData", "END"))));

    assertThat(drawing.nodes())
        .allSatisfy(
            n -> assertThat(n.width()).isGreaterThan("ingestAndValidateTheRawData".length() * 8));
  }

  @Test
  void parse_refusesWhatIsNotAGraph() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> StepGraph.parse("[1]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no steps");
  }
}
