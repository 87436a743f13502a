package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.graph.FlowDefinition;
import java.io.File;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowCommandTest {
  @Test
  void runsLocally_unlessEveryStepIsSentElsewhere() {
    assertThat(FlowCommand.runsLocally(new String[] {"run"})).isTrue();
    assertThat(
            FlowCommand.runsLocally(new String[] {"run", "--with", "local", "--max-workers", "4"}))
        .isTrue();
    assertThat(FlowCommand.runsLocally(new String[] {"resume", "--with=local"})).isTrue();
    // a step option's value that merely looks like the flag does not count: only the option does
    assertThat(FlowCommand.runsLocally(new String[] {"run", "--tag", "with"})).isTrue();

    assertThat(FlowCommand.runsLocally(new String[] {"run", "--with", "kubernetes"})).isFalse();
    assertThat(
            FlowCommand.runsLocally(
                new String[] {"resume", "--origin-run-id", "3", "--with=kubernetes"}))
        .isFalse();
  }

  @Test
  void mistypedCommandOrOption_getsTheClosest_andTheHelpOfWhatWasTyped() {
    assertThat(CountingRuns.usageError("rnu"))
        .contains("'rnu'")
        .contains("did you mean 'run'?")
        .endsWith("(try 'flow --help')");
    assertThat(CountingRuns.usageError("run", "--cuont", "3"))
        .contains("'--cuont'")
        .contains("did you mean '--count'?")
        .endsWith("(try 'flow run --help')");
    assertThat(CountingRuns.usageError("zzzzzz")).doesNotContain("did you mean");
  }

  @Test
  void selfCommand_isShort_andAsTheUserWouldTypeIt() {
    CountingFlowDefinition flow = new CountingFlowDefinition();
    Path here = Path.of("/home/ana/project");

    assertThat(
            FlowCommand.selfCommand(
                flow, Map.of(), "/home/ana/project/target/flow.jar", here, false))
        .isEqualTo("java -jar target/flow.jar");
    assertThat(FlowCommand.selfCommand(flow, Map.of(), "/opt/flows/flow.jar", here, true))
        .isEqualTo("java -jar /opt/flows/flow.jar --flow CountingFlow");
    assertThat(
            FlowCommand.selfCommand(
                flow, Map.of("FLUXO_COMMAND", "target/flow"), "/x/flow.jar", here, false))
        .isEqualTo("target/flow");
    String longClasspath = String.join(File.pathSeparator, Collections.nCopies(40, "/m2/a.jar"));
    assertThat(FlowCommand.selfCommand(flow, Map.of(), longClasspath, here, false))
        .isEqualTo("java -cp <class path> " + flow.getClass().getName())
        .hasSizeLessThan(120);
  }

  @Test
  void flowNameNotInTheJar_getsTheClosest_andNoFlowAtAll_explainsTheProcessor() {
    List<FlowDefinition<?>> flows = List.of(new CountingFlowDefinition());

    assertThat(Main.noSuchFlow("CountingFlw", flows))
        .isEqualTo(
            "no flow named CountingFlw in this jar; did you mean CountingFlow? flows: CountingFlow");
    assertThat(Main.noSuchFlow("Elsewhere", flows))
        .isEqualTo("no flow named Elsewhere in this jar; flows: CountingFlow");
    assertThat(Main.noSuchFlow("Any", List.of()))
        .isEqualTo(Main.NO_FLOWS)
        .contains("annotation processor did not run", "annotationProcessorPaths");
  }
}
