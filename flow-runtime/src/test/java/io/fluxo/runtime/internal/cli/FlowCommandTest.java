package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
