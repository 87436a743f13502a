package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.DataArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob changed on disk after a run is detected when it is next read, and reported with its path,
 * without a stack trace.
 */
class CorruptedBlobIT {
  @TempDir static Path workDir;

  private static FlowJar flow;
  private static String runId;
  private static Path blob;

  /** Runs LinearFlow and overwrites the blob of step b's {@code trail}, which end reads. */
  @BeforeAll
  static void corruptAfterARun() throws Exception {
    flow = FlowJar.of("LinearFlow", workDir);
    runId = flow.runOk("run").requireRunId();
    DataArtifact trail =
        flow.stored(runId).step("b").task().artifacts().stream()
            .filter(a -> a.name().equals("trail"))
            .findFirst()
            .orElseThrow();
    Path data = flow.datastore().resolve("LinearFlow").resolve("data");
    blob = data.resolve(trail.sha().substring(0, 2)).resolve(trail.sha());
    assertThat(blob).isRegularFile();
    Files.writeString(blob, "not what was stored", StandardCharsets.UTF_8);
  }

  @Test
  void dump_namesTheCorruptedBlob() throws Exception {
    CommandResult result = flow.run("dump", runId + "/b");

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    assertThat(result.stderrLines())
        .as(result.describe())
        .singleElement()
        .asString()
        .contains(blob.toString())
        .contains("corrupted");
    assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
  }

  @Test
  void resume_failsTheTaskThatReadsTheCorruptedBlob() throws Exception {
    CommandResult result = flow.run("resume", "end", "--origin-run-id", runId);

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    assertThat(result.stdout()).contains("failed at step end");
    assertThat(result.stdout().lines().filter(line -> line.contains(blob.toString())))
        .as(result.describe())
        .singleElement()
        .asString()
        .contains("corrupted");
    assertThat(result.showsStackTrace()).as(result.describe()).isFalse();
  }
}
