package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.metadata.ServiceMetadataStore;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime's {@code service} metadata provider keeps the {@code MetadataStore} contract against
 * the real service.
 */
class ServiceMetadataStoreIT {
  @RegisterExtension static final TestService service = TestService.perClass();
  private static ServiceMetadataStore store;

  @BeforeAll
  static void start() {
    store = new ServiceMetadataStore(service.url(), service.token(), Duration.ofSeconds(10));
  }

  @Test
  void runs_roundTrip_newestFirst() {
    RunRecord first = store.createRun("StoreFlow", "ana", List.of("a"), null);
    RunRecord second = store.createRun("StoreFlow", "ana", List.of(), first.runId());

    assertThat(first.runId()).isEqualTo("1");
    assertThat(second.originRunId()).isEqualTo("1");
    assertThat(second.systemTags()).containsExactly("user:ana", "runtime:local");
    assertThat(store.run("StoreFlow", "1")).contains(first);
    assertThat(store.runs("StoreFlow")).extracting(RunRecord::runId).containsExactly("2", "1");
    assertThat(store.run("StoreFlow", "99")).isEmpty();
    assertThat(store.run("StoreFlow", "not-a-number")).isEmpty();
    assertThat(store.runs("NoSuchFlow")).isEmpty();
  }

  @Test
  void updateRun_appliesTagsStatusAndEndTime() {
    RunRecord run = store.createRun("UpdateFlow", "ana", List.of("a", "b"), null);
    Instant ended = Instant.now().truncatedTo(ChronoUnit.MICROS);

    store.updateRun(run.withTags(List.of("b", "c")).withStatus(RunStatus.SUCCEEDED, ended));

    RunRecord read = store.run("UpdateFlow", run.runId()).orElseThrow();
    assertThat(read.tags()).containsExactly("b", "c");
    assertThat(read.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(read.endedAt()).isEqualTo(ended);
  }

  @Test
  void tasksAndAttempts_roundTrip() {
    RunRecord run = store.createRun("TaskStoreFlow", "ana", List.of(), null);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    TaskPath start = new TaskPath("TaskStoreFlow", run.runId(), "start", "1");
    TaskPath square = new TaskPath("TaskStoreFlow", run.runId(), "square", "2");
    TaskRecord startTask =
        new TaskRecord(start, List.of(run.runId() + "/_parameters/0"), -1, null, now);
    TaskRecord squareTask =
        new TaskRecord(
            square,
            List.of(run.runId() + "/start/1"),
            0,
            "TaskStoreFlow/1/square/9",
            now.plusMillis(1));
    store.registerTask(squareTask);
    store.registerTask(startTask);
    store.registerTask(startTask);
    Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
    artifacts.put("zeta", new ArtifactRef("1".repeat(64), "java.lang.Integer", 5));
    artifacts.put("alpha", new ArtifactRef("2".repeat(64), null, 0));
    AttemptRecord started = new AttemptRecord(start, 0, null, now, null, 7, Map.of(), null);
    AttemptRecord failed =
        new AttemptRecord(
            start, 0, AttemptStatus.FAILED, now, now.plusSeconds(1), 7, Map.of(), "E: boom");
    Map<String, String> zeta = new LinkedHashMap<>();
    zeta.put("location", "s3a://lake/TaskStoreFlow/zeta");
    zeta.put("schema", "origin STRING,delay INT");
    zeta.put("rows", "12");
    AttemptRecord retried =
        new AttemptRecord(
            start,
            1,
            AttemptStatus.SUCCEEDED,
            now,
            now.plusSeconds(2),
            8,
            artifacts,
            null,
            Map.of("zeta", zeta));
    store.recordAttempt(started);
    store.recordAttempt(failed);
    store.recordAttempt(retried);

    assertThat(store.tasks("TaskStoreFlow", run.runId())).containsExactly(startTask, squareTask);
    List<AttemptRecord> attempts = store.attempts(start);
    assertThat(attempts).containsExactly(failed, retried);
    assertThat(attempts.get(1).artifacts().keySet()).containsExactly("zeta", "alpha");
    assertThat(attempts.get(1).artifactDetails().get("zeta").keySet())
        .containsExactly("location", "schema", "rows");
    assertThat(attempts.get(1).artifactDetails()).doesNotContainKey("alpha");
    assertThat(store.attempts(square)).isEmpty();
    assertThat(store.attempts(new TaskPath("TaskStoreFlow", run.runId(), "start", "404")))
        .isEmpty();
    assertThat(store.tasks("TaskStoreFlow", "999")).isEmpty();
  }

  @Test
  void writeToUnknownRun_isAPlatformErrorWithTheServicesMessage() {
    TaskRecord orphan =
        new TaskRecord(
            new TaskPath("OrphanFlow", "5", "start", "1"), List.of(), -1, null, Instant.now());

    assertThatThrownBy(() -> store.registerTask(orphan))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Cannot register task OrphanFlow/5/start/1")
        .hasMessageContaining("404")
        .hasMessageContaining("No run 5 of flow OrphanFlow");
  }

  @Test
  void unreachableService_failsAfterRetries_withoutTheToken() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ServiceMetadataStore offline =
        new ServiceMetadataStore(
            URI.create("http://127.0.0.1:" + port), "secret-token", Duration.ofSeconds(10));
    long start = System.nanoTime();

    assertThatThrownBy(() -> offline.runs("AnyFlow"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("unreachable")
        .hasMessageNotContaining("secret-token");
    // three backoffs: 0.2 + 0.4 + 0.8 s, each with up to 20 % jitter either way
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1120));
  }

  @Test
  void wrongToken_isAPlatformErrorNamingTheStatus() {
    ServiceMetadataStore wrong =
        new ServiceMetadataStore(service.url(), "wrong", Duration.ofSeconds(10));

    assertThatThrownBy(() -> wrong.createRun("TokenFlow", "ana", List.of(), null))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("401")
        .hasMessageNotContaining("wrong");
  }
}
