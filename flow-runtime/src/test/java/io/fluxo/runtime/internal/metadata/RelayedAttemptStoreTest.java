package io.fluxo.runtime.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.TaskPath;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelayedAttemptStoreTest {
  private static final TaskPath TASK = new TaskPath("RelayFlow", "3", "train", "7");

  @TempDir Path root;

  @Test
  void attempts_goThroughTheDatastore_theEndReplacingTheStart() {
    TaskStore tasks = new TaskStore(new LocalStorage(root));
    RelayedAttemptStore store = new RelayedAttemptStore(tasks);
    Instant started = Instant.parse("2026-12-03T10:00:00Z");
    AttemptRecord first =
        new AttemptRecord(TASK, 0, AttemptStatus.FAILED, started, started, 11, Map.of(), "E: x");
    AttemptRecord start = new AttemptRecord(TASK, 1, null, started, null, 12, Map.of(), null);
    AttemptRecord end =
        new AttemptRecord(
            TASK,
            1,
            AttemptStatus.SUCCEEDED,
            started,
            started.plusSeconds(5),
            12,
            Map.of("model", new ArtifactRef("a".repeat(64), "java.lang.String", 4)),
            null);

    store.recordAttempt(first);
    store.recordAttempt(start);
    assertThat(tasks.relayedAttempt(TASK, 1)).contains(start);
    store.recordAttempt(end);

    assertThat(store.attempts(TASK)).containsExactly(first, end);
    assertThat(tasks.relayedAttempt(TASK, 2)).isEmpty();
    assertThat(store.attempts(new TaskPath("RelayFlow", "3", "train", "8"))).isEmpty();
  }

  @Test
  void runRecords_areRefused_withWhatToSet() {
    RelayedAttemptStore store = new RelayedAttemptStore(new TaskStore(new LocalStorage(root)));

    assertThatThrownBy(() -> store.runs("RelayFlow"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("metadata.type to service");
    assertThatThrownBy(() -> store.createRun("RelayFlow", "ana", List.of(), null))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
