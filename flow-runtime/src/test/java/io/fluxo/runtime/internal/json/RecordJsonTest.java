package io.fluxo.runtime.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.graph.ArtifactSpec;
import io.fluxo.runtime.graph.CatchSpec;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.EnvironmentSpec;
import io.fluxo.runtime.graph.FlowGraph;
import io.fluxo.runtime.graph.KubernetesSpec;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.graph.ParameterType;
import io.fluxo.runtime.graph.ResourcesSpec;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TimeoutSpec;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.internal.cli.CountingFlowDefinition;
import io.fluxo.runtime.internal.datastore.AttemptResult;
import io.fluxo.runtime.internal.datastore.ForeachFrame;
import io.fluxo.runtime.internal.datastore.TakenTransition;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The streaming record form against databind's ({@link Json}), which other readers use. */
class RecordJsonTest {
  private static final String SHA = "ab".repeat(32);
  private static final TaskPath TASK = new TaskPath("Flow", "12", "train", "7");
  private static final Instant STARTED = Instant.parse("2026-11-27T08:09:18.910989010Z");

  private static final List<Record> SAMPLES =
      List.of(
          new TaskData(
              artifacts(),
              List.of(new ForeachFrame("start", 2, 5, SHA)),
              new TakenTransition(TransitionKind.FOREACH, List.of("train"), List.of(SHA, SHA))),
          new TaskData(
              Map.of(), List.of(), new TakenTransition(TransitionKind.END, List.of(), List.of())),
          new AttemptResult(
              1,
              AttemptStatus.CAUGHT,
              STARTED,
              STARTED.plusMillis(1500),
              "java.lang.IllegalStateException: \"bad\"\n",
              null),
          new AttemptRecord(TASK, 0, null, STARTED, null, 4242, artifacts(), null),
          new TaskRecord(TASK, List.of("12/start/1", "12/start/2"), 3, null, STARTED),
          new RunRecord(
              "Flow",
              "12",
              "ana",
              List.of("nightly"),
              List.of("user:ana"),
              "11",
              RunStatus.RUNNING,
              STARTED,
              null,
              "host-1",
              99L,
              "Flow/code/" + SHA));

  @Test
  void write_givesDatabindsBytes() {
    for (Record sample : SAMPLES) {
      assertThat(new String(RecordJson.write(sample), StandardCharsets.UTF_8))
          .as(sample.getClass().getSimpleName())
          .isEqualTo(new String(Json.write(sample), StandardCharsets.UTF_8));
    }
  }

  @Test
  void read_ofWrite_givesTheRecordBack() {
    for (Record sample : SAMPLES) {
      assertThat(
              RecordJson.read(
                  new ByteArrayInputStream(RecordJson.write(sample)), sample.getClass(), "sample"))
          .isEqualTo(sample);
      assertThat(
              RecordJson.read(
                  new ByteArrayInputStream(RecordJson.writeLine(sample)),
                  sample.getClass(),
                  "sample"))
          .isEqualTo(sample);
    }
  }

  @Test
  void write_ofFlowGraphs_givesDatabindsBytes() {
    Decorators every =
        new Decorators(
            Optional.of(new RetrySpec(3, 2)),
            Optional.of(new CatchSpec("failure")),
            Optional.of(new TimeoutSpec(90)),
            Optional.of(new ResourcesSpec(1.5, 4096, 0)),
            Optional.of(
                new KubernetesSpec(
                    2,
                    8192,
                    1,
                    "harbor.local/flows:1",
                    "ml",
                    List.of("s3"),
                    Map.of("pool", "gpu"),
                    List.of("gpu=true:NoSchedule"),
                    "runner",
                    Map.of("team", "ml"),
                    Map.of("note", "\"quoted\""))),
            Optional.of(new EnvironmentSpec(Map.of("MODE", "fast"))));
    FlowGraph decorated =
        new FlowGraph(
            "Decorated",
            "org.example.Decorated",
            "every decorator",
            List.of(
                new StepNode(
                    "start",
                    TransitionKind.LINEAR,
                    List.of("end"),
                    false,
                    List.of(),
                    Optional.empty(),
                    Set.of("x"),
                    true,
                    every,
                    "Starts."),
                new StepNode(
                    "end",
                    TransitionKind.END,
                    List.of(),
                    false,
                    List.of(),
                    Optional.empty(),
                    Set.of(),
                    false,
                    Decorators.NONE,
                    "")),
            List.of(
                new ParameterSpec(
                    "rate",
                    "rate",
                    ParameterType.DOUBLE,
                    double.class,
                    "double",
                    "learning rate",
                    true)),
            List.of(new ArtifactSpec("x", "java.util.Map<java.lang.String, java.lang.Double>")));

    for (FlowGraph graph : List.of(decorated, new CountingFlowDefinition().graph())) {
      assertThat(new String(RecordJson.write(graph), StandardCharsets.UTF_8))
          .as(graph.name())
          .isEqualTo(new String(Json.write(graph), StandardCharsets.UTF_8));
    }
  }

  @Test
  void writeLine_isOneLine() {
    assertThat(new String(RecordJson.writeLine(SAMPLES.get(0)), StandardCharsets.UTF_8))
        .doesNotContain("\n");
  }

  @Test
  void read_ignoresUnknownProperties_andDefaultsMissingOnes() {
    String json =
        "{\"attempt\": 2, \"status\": \"FAILED\", \"future\": {\"a\": [1, {\"b\": null}]}, \"error\": \"x\"}";

    AttemptResult result = read(json, AttemptResult.class);

    assertThat(result).isEqualTo(new AttemptResult(2, AttemptStatus.FAILED, null, null, "x", null));
  }

  @Test
  void read_ofBadInput_namesTheSource() {
    assertThatThrownBy(() -> read("{\"attempt\": \"two\"}", AttemptResult.class))
        .isInstanceOf(PlatformException.class)
        .hasMessageStartingWith("Cannot read where.json: invalid JSON");
    assertThatThrownBy(() -> read("{\"status\": \"MAYBE\"}", AttemptResult.class))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("MAYBE");
    assertThatThrownBy(
            () ->
                read(
                    "{\"artifacts\": {\"x\": {\"sha\": \"nothex\", \"size\": 1}}}", TaskData.class))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Invalid artifact hash");
    assertThatThrownBy(() -> read("", AttemptResult.class)).isInstanceOf(PlatformException.class);
    assertThatThrownBy(() -> read("{\"attempt\": 1", AttemptResult.class))
        .isInstanceOf(PlatformException.class);
  }

  private static <T extends Record> T read(String json, Class<T> type) {
    return RecordJson.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), type, "where.json");
  }

  private static Map<String, ArtifactRef> artifacts() {
    Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
    artifacts.put("model", new ArtifactRef(SHA, "org.example.Model", 12345678901L));
    artifacts.put("count", new ArtifactRef("cd".repeat(32), "java.lang.Integer", 7));
    return artifacts;
  }
}
