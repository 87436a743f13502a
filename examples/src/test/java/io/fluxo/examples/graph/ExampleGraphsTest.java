package io.fluxo.examples.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.examples.shapes.FlowMain_BranchFlow;
import io.fluxo.examples.shapes.FlowMain_ForeachFlow;
import io.fluxo.examples.shapes.FlowMain_LinearFlow;
import io.fluxo.examples.shapes.FlowMain_NestedForeachFlow;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.graph.ParameterType;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TransitionKind;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The graph the processor generated for each example, compared with the one intended. */
class ExampleGraphsTest {
  /** What the processor proves about artifacts; checked on its own below. */
  private static final String[] PROVED = {
    "artifactsRequired", "artifactsAssigned", "inputArtifactsUsed"
  };

  @Test
  void linearFlow() {
    FlowGraph graph = new FlowMain_LinearFlow().graph();

    assertThat(graph.parameters())
        .containsExactly(
            new ParameterSpec(
                "startAt",
                "start-at",
                ParameterType.INT,
                int.class,
                "int",
                "The count at start",
                false));
    assertThat(graph.artifacts())
        .containsExactly(
            new ArtifactSpec("startAt", "int"),
            new ArtifactSpec("counter", "int"),
            new ArtifactSpec("trail", "java.lang.String"));
    assertThat(graph.steps())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields(PROVED)
        .containsExactly(
            linear("start", "a", "Starts the count.", "counter", "startAt", "trail"),
            linear("a", "b", "Counts once.", "counter", "trail"),
            linear("b", "end", "Counts again.", "counter", "trail"),
            end("Prints the count.", "counter", "trail"));
  }

  @Test
  void branchFlow() {
    FlowGraph graph = new FlowMain_BranchFlow().graph();

    assertThat(graph.steps())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields(PROVED)
        .containsExactly(
            node(
                "start",
                TransitionKind.BRANCH,
                List.of("a", "b"),
                false,
                List.of(),
                Optional.of("join"),
                "Splits into two branches.",
                "greeting"),
            node(
                "a",
                TransitionKind.LINEAR,
                List.of("join"),
                false,
                List.of("start"),
                Optional.empty(),
                "One branch.",
                "greeting",
                "offset",
                "value"),
            node(
                "b",
                TransitionKind.LINEAR,
                List.of("join"),
                false,
                List.of("start"),
                Optional.empty(),
                "The other branch.",
                "offset",
                "value"),
            node(
                "join",
                TransitionKind.LINEAR,
                List.of("end"),
                true,
                List.of(),
                Optional.empty(),
                "Adds the branches' values, read from typed views of the inputs.",
                "greeting",
                "total"),
            end("Prints the total.", "greeting", "offset", "total"));
    assertThat(graph.predecessors("join")).extracting(StepNode::name).containsExactly("a", "b");
  }

  @Test
  void foreachFlow() {
    FlowGraph graph = new FlowMain_ForeachFlow().graph();

    assertThat(graph.steps())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields(PROVED)
        .containsExactly(
            node(
                "start",
                TransitionKind.FOREACH,
                List.of("square"),
                false,
                List.of(),
                Optional.of("join"),
                "Fans out over the numbers.",
                "count",
                "numbers"),
            node(
                "square",
                TransitionKind.LINEAR,
                List.of("join"),
                false,
                List.of("start"),
                Optional.empty(),
                "Squares this task's number, given as the step's argument.",
                "square"),
            node(
                "join",
                TransitionKind.LINEAR,
                List.of("end"),
                true,
                List.of(),
                Optional.empty(),
                "Sums the squares.",
                "sum"),
            end("Prints the sum.", "count", "sum"));
  }

  @Test
  void nestedForeachFlow() {
    FlowGraph graph = new FlowMain_NestedForeachFlow().graph();

    assertThat(graph.steps())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields(PROVED)
        .containsExactly(
            node(
                "start",
                TransitionKind.FOREACH,
                List.of("perRow"),
                false,
                List.of(),
                Optional.of("joinRows"),
                "Fans out over the rows."),
            node(
                "perRow",
                TransitionKind.FOREACH,
                List.of("multiply"),
                false,
                List.of("start"),
                Optional.of("joinColumns"),
                "Fans out over the columns of this row.",
                "row"),
            node(
                "multiply",
                TransitionKind.LINEAR,
                List.of("joinColumns"),
                false,
                List.of("start", "perRow"),
                Optional.empty(),
                "Multiplies this row by this column.",
                "product",
                "row"),
            node(
                "joinColumns",
                TransitionKind.LINEAR,
                List.of("joinRows"),
                true,
                List.of("start"),
                Optional.empty(),
                "Collects one row of products.",
                "tableRow"),
            node(
                "joinRows",
                TransitionKind.LINEAR,
                List.of("end"),
                true,
                List.of(),
                Optional.empty(),
                "Collects the table and sums it.",
                "table",
                "total"),
            end("Prints the table and its sum.", "table", "total"));
  }

  @Test
  void branchFlow_provesWhatEachStepReadsAndAssigns() {
    FlowGraph graph = new FlowMain_BranchFlow().graph();

    // a reads greeting, set by start; parameters are always there, so never required.
    assertThat(graph.requireStep("a").artifactsRequired()).containsExactly("greeting");
    assertThat(graph.requireStep("a").artifactsAssigned()).containsExactly("value");
    assertThat(graph.requireStep("join").artifactsRequired()).isEmpty();
    assertThat(graph.requireStep("join").inputArtifactsUsed())
        .containsExactlyInAnyOrder("greeting", "value");
    assertThat(graph.requireStep("end").artifactsRequired())
        .containsExactlyInAnyOrder("greeting", "total");
  }

  @Test
  @SuppressWarnings("rawtypes") // a class literal of a generic interface is raw
  void serviceLoader_findsEveryExample() {
    assertThat(ServiceLoader.load(FlowDefinition.class).stream().map(p -> p.get().graph().name()))
        .containsExactlyInAnyOrder(
            "LinearFlow",
            "BranchFlow",
            "ForeachFlow",
            "NestedForeachFlow",
            "CatchFlow",
            "EnvironmentFlow",
            "ParametersFlow",
            "ResumableFlow",
            "RetryFlow",
            "TimeoutCatchFlow",
            "TimeoutFlow");
  }

  private static StepNode linear(String name, String next, String doc, String... used) {
    return node(
        name, TransitionKind.LINEAR, List.of(next), false, List.of(), Optional.empty(), doc, used);
  }

  private static StepNode end(String doc, String... used) {
    return node(
        "end", TransitionKind.END, List.of(), false, List.of(), Optional.empty(), doc, used);
  }

  private static StepNode node(
      String name,
      TransitionKind transition,
      List<String> next,
      boolean join,
      List<String> splitParents,
      Optional<String> matchingJoin,
      String doc,
      String... used) {
    return new StepNode(
        name,
        transition,
        next,
        join,
        splitParents,
        matchingJoin,
        Set.of(used),
        false,
        Decorators.NONE,
        doc);
  }
}
