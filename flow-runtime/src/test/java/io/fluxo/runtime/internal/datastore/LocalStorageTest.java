package io.fluxo.runtime.internal.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.spi.DatastoreStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageTest extends DatastoreStorageContract {
  @TempDir Path root;

  @Override
  protected DatastoreStorage storage() {
    return new LocalStorage(root);
  }

  @Test
  void scratchDir_isThisProcesses_andSweepsThoseOfProcessesThatAreGone(@TempDir Path store)
      throws Exception {
    Path killed = Files.createDirectories(store.resolve(".tmp/999999999"));
    Files.writeString(killed.resolve("w123.tmp"), "half a blob");
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    Path alive = Files.createDirectories(store.resolve(".tmp/" + parent));
    Files.writeString(alive.resolve("w456.tmp"), "being written");

    Path scratch = new LocalStorage(store).scratchDir();

    assertThat(scratch).isEqualTo(store.resolve(".tmp/" + ProcessHandle.current().pid()));
    assertThat(killed).doesNotExist();
    assertThat(alive.resolve("w456.tmp")).exists();
  }

  @Test
  void aFailedWrite_leavesNoTemporaryFile(@TempDir Path store) throws Exception {
    LocalStorage storage = new LocalStorage(store);
    Files.writeString(store.resolve("blocked"), "a file where a folder should be");

    assertThatThrownBy(() -> storage.write("blocked/key", new byte[] {1, 2, 3}))
        .isInstanceOf(PlatformException.class);
    try (var left = Files.list(storage.scratchDir())) {
      assertThat(left).isEmpty();
    }
  }
}
