package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxo.runtime.internal.cli.CountingFlowDefinition;
import io.fluxo.runtime.internal.cli.CountingRuns;
import io.fluxo.runtime.internal.metadata.ServiceMetadataStore;
import io.fluxo.runtime.spi.Heartbeat;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Heartbeats keep a run running; a run whose heartbeats stop (its process was killed) reads as
 * failed after the threshold. The service runs on a {@link TestClock}, so the threshold passes when
 * a test moves the clock, not by waiting; heartbeats are sent every few milliseconds.
 */
class HeartbeatIT {
  private static final Duration THRESHOLD = Duration.ofSeconds(5);
  private static final Duration PAST_THRESHOLD = THRESHOLD.plusSeconds(1);
  private static final Duration HEARTBEAT = Duration.ofMillis(20);
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  // PostgreSQL keeps microseconds
  private static final TestClock CLOCK =
      new TestClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

  @RegisterExtension
  static final TestService service =
      TestService.perClass(System.getenv("FLUXO_METADATA_TOKEN"), THRESHOLD, 1 << 20, CLOCK);

  @Test
  void storeHeartbeats_keepARunRunning_silenceFailsIt() throws Exception {
    ServiceMetadataStore store =
        new ServiceMetadataStore(service.url(), service.token(), HEARTBEAT);
    RunRecord beating = store.createRun("BeatFlow", "ana", List.of(), null);
    RunRecord silent = store.createRun("BeatFlow", "ana", List.of(), null);
    String beatingPath = "/v1/flows/BeatFlow/runs/" + beating.runId();

    try (Heartbeat heartbeat = store.heartbeat("BeatFlow", beating.runId())) {
      Instant later = CLOCK.advance(PAST_THRESHOLD);
      assertThat(waitFor(() -> heartbeatAt(beatingPath).compareTo(later) >= 0, PATIENCE))
          .as("a heartbeat after the clock moved")
          .isTrue();
      assertThat(store.run("BeatFlow", beating.runId()).orElseThrow().status())
          .isEqualTo(RunStatus.RUNNING);
      assertThat(store.run("BeatFlow", silent.runId()).orElseThrow().status())
          .isEqualTo(RunStatus.FAILED);
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
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("orchestrator.log").toFile());
    builder
        .environment()
        .put("FLUXO_METADATA_HEARTBEAT_SECONDS", Double.toString(HEARTBEAT.toMillis() / 1000.0));
    Process orchestrator = builder.start();
    try {
      String path = "/v1/flows/" + CountingRuns.FLOW + "/runs/1";
      assertThat(waitFor(() -> service.call("GET", path, null).status() == 200, PATIENCE))
          .as("run created")
          .isTrue();

      // past the threshold, the orchestrator's heartbeats keep the run running
      Instant later = CLOCK.advance(PAST_THRESHOLD);
      assertThat(waitFor(() -> heartbeatAt(path).compareTo(later) >= 0, PATIENCE))
          .as(() -> "a heartbeat after the clock moved\n" + log(root))
          .isTrue();
      JsonNode alive = service.call("GET", path, null).json();
      assertThat(alive.path("status").asText())
          .as(() -> alive + "\n" + log(root))
          .isEqualTo("RUNNING");
      assertThat(orchestrator.isAlive()).isTrue();

      orchestrator.destroyForcibly().waitFor();
      CLOCK.advance(PAST_THRESHOLD);

      JsonNode killed = service.call("GET", path, null).json();
      assertThat(killed.path("status").asText()).as(killed::toString).isEqualTo("FAILED");
      assertThat(killed.path("recorded_status").asText()).isEqualTo("RUNNING");
    } finally {
      orchestrator.destroyForcibly();
    }
  }

  private static Instant heartbeatAt(String runPath) {
    return Instant.parse(
        service.call("GET", runPath, null).json().path("last_heartbeat_at").asText());
  }

  private static String log(Path root) {
    try {
      String log = Files.readString(root.resolve("orchestrator.log"));
      return log.substring(Math.max(0, log.length() - 2000));
    } catch (IOException e) {
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
      Thread.sleep(HEARTBEAT.toMillis());
    }
    return condition.get();
  }
}
