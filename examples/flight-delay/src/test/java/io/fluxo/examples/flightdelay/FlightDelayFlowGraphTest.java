package io.fluxo.examples.flightdelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.graph.ParameterType;
import io.fluxo.runtime.graph.ResourcesSpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TimeoutSpec;
import io.fluxo.runtime.graph.TransitionKind;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The graph the processor generated for the flagship flow, compared with the one intended. */
class FlightDelayFlowGraphTest {
  private final FlowGraph graph = new FlowMain_FlightDelayFlow().graph();

  @Test
  void steps_runInTheSeedsOrder() {
    assertThat(graph.name()).isEqualTo("FlightDelayFlow");
    assertThat(graph.description()).isEqualTo("Predict flight delays");
    assertThat(graph.stepNames())
        .containsExactly(
            "start",
            "ingestAndValidateData",
            "preprocessData",
            "trainSparkMlModel",
            "evaluateModel",
            "end");
    assertThat(graph.steps())
        .allMatch(
            s ->
                s.transition()
                    == (s.name().equals("end") ? TransitionKind.END : TransitionKind.LINEAR));
  }

  @Test
  void parameters_areTheSeeds() {
    assertThat(graph.parameters())
        .extracting(ParameterSpec::field)
        .containsExactly("rawPath", "modelPath", "modelType", "seed", "sampleFraction");
    assertThat(graph.parameters())
        .extracting(ParameterSpec::type)
        .containsExactly(
            ParameterType.STRING,
            ParameterType.STRING,
            ParameterType.ENUM,
            ParameterType.LONG,
            ParameterType.DOUBLE);
  }

  @Test
  void sparkValues_areArtifacts() {
    assertThat(graph.artifacts())
        .contains(
            new ArtifactSpec("flights", "org.apache.spark.sql.Dataset<org.apache.spark.sql.Row>"),
            new ArtifactSpec("featureModel", "org.apache.spark.ml.PipelineModel"),
            new ArtifactSpec("validation", "io.fluxo.spark.validation.ValidationReport"));
  }

  @Test
  void eachStep_loadsOnlyWhatItUses() {
    assertThat(step("ingestAndValidateData").artifactsUsed())
        .containsExactlyInAnyOrder("flights", "rawPath", "sampleFraction", "seed", "validation");
    assertThat(step("trainSparkMlModel").artifactsUsed())
        .contains("train", "featureModel")
        .doesNotContain("test", "flights");
    assertThat(step("end").artifactsUsed())
        .containsExactlyInAnyOrder("baseline", "metrics", "modelUri");
    assertThat(graph.steps()).noneMatch(StepNode::usesAllArtifacts);
  }

  @Test
  void sparkSteps_declareCpuAndTraining_aTimeout() {
    assertThat(step("ingestAndValidateData").decorators().resources())
        .contains(new ResourcesSpec(2, 4096, 0));
    assertThat(step("trainSparkMlModel").decorators().resources())
        .contains(new ResourcesSpec(2, 8192, 0));
    assertThat(step("trainSparkMlModel").decorators().timeout()).contains(new TimeoutSpec(3600));
  }

  @Test
  @SuppressWarnings("rawtypes") // a class literal of a generic interface is raw
  void serviceLoader_findsTheFlow() {
    assertThat(ServiceLoader.load(FlowDefinition.class).stream().map(p -> p.get().graph().name()))
        .containsExactly("FlightDelayFlow");
  }

  private StepNode step(String name) {
    return graph.requireStep(name);
  }
}
