package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxo.runtime.internal.cli.CountingFlowDefinition;
import io.fluxo.runtime.internal.cli.CountingRuns;
import io.fluxo.runtime.internal.metadata.ServiceMetadataStore;
import io.fluxo.runtime.spi.Heartbeat;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Heartbeats keep a run running; a run whose heartbeats stop (its process was killed) reads as
 * failed after the threshold.
 */
class HeartbeatIT {
  private static final Duration THRESHOLD = Duration.ofSeconds(5);

  @RegisterExtension
  static final TestService service =
      TestService.perClass(System.getenv("FLUXO_METADATA_TOKEN"), THRESHOLD, 1 << 20);

  @Test
  void storeHeartbeats_keepARunRunning_silenceFailsIt() throws Exception {
    ServiceMetadataStore store =
        new ServiceMetadataStore(service.url(), service.token(), Duration.ofMillis(500));
    RunRecord beating = store.createRun("BeatFlow", "ana", List.of(), null);
    RunRecord silent = store.createRun("BeatFlow", "ana", List.of(), null);

    Heartbeat heartbeat = store.heartbeat("BeatFlow", beating.runId());
    try {
      Thread.sleep(THRESHOLD.toMillis() + 2000);
      assertThat(store.run("BeatFlow", beating.runId()).orElseThrow().status())
          .isEqualTo(RunStatus.RUNNING);
      assertThat(store.run("BeatFlow", silent.runId()).orElseThrow().status())
          .isEqualTo(RunStatus.FAILED);
    } finally {
      heartbeat.close();
    }
    JsonNode failed =
        service.call("GET", "/v1/flows/BeatFlow/runs?status=FAILED", null).json().path("runs");
    assertThat(failed.findValuesAsText("run_id")).containsExactly(silent.runId());
    assertThat(failed.get(0).path("recorded_status").asText()).isEqualTo("RUNNING");
  }

  @Test
  void killedRun_becomesFailedAfterTheThreshold() throws Exception {
    Path root = CountingRuns.tempDir();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CountingFlowDefinition.class.getName(),
                "run",
                "--count",
                "90",
                "--max-workers",
                "1",
                "--datastore-root",
                root.toString(),
                "--metadata",
                "service",
                "--metadata-url",
                service.url().toString()));
    Process orchestrator =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("orchestrator.log").toFile())
            .start();
    try {
      String path = "/v1/flows/" + CountingRuns.FLOW + "/runs/1";
      assertThat(
              waitFor(
                  () -> service.call("GET", path, null).status() == 200, Duration.ofSeconds(60)))
          .as("run created")
          .isTrue();
      // alive for longer than the threshold: the orchestrator's heartbeats keep it running
      long until = System.nanoTime() + THRESHOLD.plusSeconds(3).toNanos();
      while (System.nanoTime() < until) {
        JsonNode run = service.call("GET", path, null).json();
        assertThat(run.path("status").asText())
            .as(() -> run + "\n" + log(root))
            .isEqualTo("RUNNING");
        Thread.sleep(500);
      }
      assertThat(orchestrator.isAlive()).isTrue();

      orchestrator.destroyForcibly().waitFor();

      assertThat(
              waitFor(
                  () ->
                      service
                          .call("GET", path, null)
                          .json()
                          .path("status")
                          .asText()
                          .equals("FAILED"),
                  THRESHOLD.plusSeconds(15)))
          .as("run failed after its heartbeats stopped")
          .isTrue();
      assertThat(service.call("GET", path, null).json().path("recorded_status").asText())
          .isEqualTo("RUNNING");
    } finally {
      orchestrator.destroyForcibly();
    }
  }

  private static String log(Path root) {
    try {
      String log = java.nio.file.Files.readString(root.resolve("orchestrator.log"));
      return log.substring(Math.max(0, log.length() - 2000));
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  private static boolean waitFor(Supplier<Boolean> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return true;
      }
      Thread.sleep(250);
    }
    return condition.get();
  }
}
