package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.internal.datastore.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts a step does not use are handed down by hash and never read. */
class LazyArtifactsTest {
  @TempDir Path root;

  @Test
  void resume_stepsThatDoNotUseAnArtifact_neverReadItsBlob() throws IOException {
    assertThat(CountingRuns.flow(root, "run", "--count", "3").code()).isZero();
    FlowStores stores = FlowStores.open(root, "CountingFlow");
    var start =
        stores.metadata().tasks("CountingFlow", "1").stream()
            .filter(t -> t.path().step().equals("start"))
            .findFirst()
            .orElseThrow()
            .path();
    TaskData data = stores.tasks().usableData(start).orElseThrow();
    Path itemsBlob = root.resolve(stores.blobs().key(data.artifacts().get("items").sha()));
    Files.write(itemsBlob, new byte[] {1, 2, 3});

    // square does not use 'items': the re-run square tasks hand it down without reading it
    CountingRuns.Result resumed =
        CountingRuns.flow(root, "resume", "square", "--origin-run-id", "1");

    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.out()).contains("total 14");
    // ... while reading it directly reports the corruption
    CountingRuns.Result dump = CountingRuns.flow(root, "dump", "2/square");
    assertThat(dump.out() + dump.err()).contains("corrupted").contains(itemsBlob.toString());
  }
}
