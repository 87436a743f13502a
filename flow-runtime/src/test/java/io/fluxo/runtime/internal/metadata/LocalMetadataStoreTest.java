package io.fluxo.runtime.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMetadataStoreTest {
  @TempDir Path root;

  @Test
  void changeRun_concurrentTagChanges_loseNone() {
    RunRecord run = new LocalMetadataStore(root).createRun("TagFlow", "ana", List.of(), null);
    new LocalMetadataStore(root).updateRun(run.withStatus(RunStatus.SUCCEEDED, Instant.now()));
    int writers = 6;
    int tagsEach = 15;
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      // one store per writer, as separate `flow tag add` commands have
      LocalMetadataStore store = new LocalMetadataStore(root);
      done.add(
          CompletableFuture.runAsync(
              () -> {
                await(start);
                for (int t = 0; t < tagsEach; t++) {
                  String tag = "w" + writer + "-" + t;
                  store.changeRun(
                      "TagFlow",
                      run.runId(),
                      current -> {
                        Set<String> tags = new LinkedHashSet<>(current.tags());
                        tags.add(tag);
                        return current.withTags(List.copyOf(tags));
                      });
                }
              },
              runnable -> new Thread(runnable).start()));
    }
    start.countDown();
    done.forEach(CompletableFuture::join);

    RunRecord stored = new LocalMetadataStore(root).run("TagFlow", run.runId()).orElseThrow();
    assertThat(stored.tags()).hasSize(writers * tagsEach);
    assertThat(stored.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void runs_aDamagedRunFile_hidesOnlyThatRun_whichNamesItsFile() throws Exception {
    LocalMetadataStore store = new LocalMetadataStore(root);
    for (int i = 0; i < 3; i++) {
      store.createRun("TagFlow", "ana", List.of(), null);
    }
    Path damaged = root.resolve("TagFlow/2/_meta/run.json");
    Files.writeString(damaged, "{\"flow\": \"TagFlow\", garbage");

    assertThat(store.runs("TagFlow")).extracting(RunRecord::runId).containsExactly("3", "1");
    assertThatThrownBy(() -> store.run("TagFlow", "2"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(damaged.toString());
  }

  @Test
  void aRunWhoseProcessIsGone_readsAsItsEndTaskLeftIt() {
    LocalMetadataStore store = new LocalMetadataStore(root);
    RunRecord finished = orphaned(store);
    RunRecord broken = orphaned(store);
    TaskPath end = new TaskPath("TagFlow", finished.runId(), "end", "4");
    store.registerTask(new TaskRecord(end, List.of(), -1, null, Instant.now()));
    store.recordAttempt(
        new AttemptRecord(
            end, 0, AttemptStatus.SUCCEEDED, Instant.now(), Instant.now(), 1, Map.of(), null));

    assertThat(store.run("TagFlow", finished.runId()).orElseThrow().status())
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(store.run("TagFlow", broken.runId()).orElseThrow().status())
        .isEqualTo(RunStatus.FAILED);
  }

  /** A run recorded RUNNING by a process that is gone, as a full disk or a kill leaves it. */
  private static RunRecord orphaned(LocalMetadataStore store) {
    RunRecord run = store.createRun("TagFlow", "ana", List.of(), null);
    RunRecord gone =
        new RunRecord(
            run.flow(),
            run.runId(),
            run.user(),
            run.tags(),
            run.systemTags(),
            null,
            RunStatus.RUNNING,
            run.startedAt(),
            null,
            run.host(),
            999_999_999L,
            null);
    store.updateRun(gone);
    return gone;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
