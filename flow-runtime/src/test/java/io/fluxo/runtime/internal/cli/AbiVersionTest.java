package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.Inputs;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.testing.FlowTestRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Code generated for another ABI version is refused with one line, before any of it runs. */
class AbiVersionTest {
  @Test
  void flowOfThePreviousRelease_isRefusedWithTheVersions() {
    FlowDefinition<CountingFlow> previous = new Untouchable() {}; // before versioning: no override

    String err = runShow(previous, 2);

    assertThat(err)
        .startsWith("Error: Cannot run ")
        .contains("ABI version 1, and this runtime runs version " + FlowDefinition.ABI_VERSION)
        .contains("Rebuild the flow")
        .doesNotContain("Exception");
    assertThat(err.lines()).hasSize(1);
  }

  @Test
  void flowOfANewerRelease_isRefusedToo() {
    FlowDefinition<CountingFlow> newer =
        new Untouchable() {
          @Override
          public int abiVersion() {
            return FlowDefinition.ABI_VERSION + 1;
          }
        };

    assertThat(runShow(newer, 2)).contains("ABI version " + (FlowDefinition.ABI_VERSION + 1));
    assertThatThrownBy(() -> FlowTestRunner.of(newer))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Rebuild the flow");
  }

  @Test
  void flowOfThisRelease_runs() {
    assertThat(runShow(new CountingFlowDefinition(), 0)).isEmpty();
  }

  private static String runShow(FlowDefinition<CountingFlow> flow, int expectedExit) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertThat(FlowCommand.execute(flow, new String[] {"show"})).isEqualTo(expectedExit);
    } finally {
      System.setErr(original);
      System.setOut(out);
    }
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A definition whose code must not run: as old generated code, it would fail on this runtime. */
  private abstract static class Untouchable implements FlowDefinition<CountingFlow> {
    @Override
    public FlowGraph graph() {
      throw new AssertionError("graph() ran before the ABI check");
    }

    @Override
    public CountingFlow newInstance() {
      throw new AssertionError("newInstance() ran before the ABI check");
    }

    @Override
    public void runStep(
        CountingFlow flow, String step, Inputs<CountingFlow> inputs, Supplier<Object> item) {
      throw new AssertionError("runStep() ran before the ABI check");
    }

    @Override
    public Object getArtifact(CountingFlow flow, String artifact) {
      throw new AssertionError("getArtifact() ran before the ABI check");
    }

    @Override
    public void setArtifact(CountingFlow flow, String artifact, Object value) {
      throw new AssertionError("setArtifact() ran before the ABI check");
    }
  }
}
