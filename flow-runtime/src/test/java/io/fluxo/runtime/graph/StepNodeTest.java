package io.fluxo.runtime.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StepNodeTest {
  @Test
  void artifactSets_iterateInNameOrder_soTheGraphsJsonIsTheSameEveryRun() {
    Set<String> names = Set.of("zeta", "alpha", "mu", "beta", "omega", "kappa");

    StepNode node =
        StepNode.newBuilder("train", TransitionKind.LINEAR)
            .artifactsUsed(names)
            .artifactsRequired(names)
            .artifactsAssigned(names)
            .inputArtifactsUsed(names)
            .build();

    String[] ordered = {"alpha", "beta", "kappa", "mu", "omega", "zeta"};
    assertThat(node.artifactsUsed()).containsExactly(ordered);
    assertThat(node.artifactsRequired()).containsExactly(ordered);
    assertThat(node.artifactsAssigned()).containsExactly(ordered);
    assertThat(node.inputArtifactsUsed()).containsExactly(ordered);
  }
}
