package io.fluxo.runtime.internal.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.spi.DatastoreStorage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link DatastoreStorage} backend must do; each backend's test extends this. */
public abstract class DatastoreStorageContract {
  /** A fresh, empty storage for one test. */
  protected abstract DatastoreStorage storage();

  /** Reads a whole object as UTF-8. */
  protected static String read(DatastoreStorage storage, String key) {
    try (InputStream in = storage.open(key)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void write_thenOpen_returnsTheBytes() {
    DatastoreStorage storage = storage();
    storage.write("Flow/1/start/1/0.data.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));

    assertThat(read(storage, "Flow/1/start/1/0.data.json")).isEqualTo("{\"a\":1}");
    assertThat(storage.exists("Flow/1/start/1/0.data.json")).isTrue();
  }

  @Test
  void exists_missingKey_isFalse() {
    DatastoreStorage storage = storage();
    storage.write("Flow/a", new byte[] {1});

    assertThat(storage.exists("Flow/b")).isFalse();
    assertThat(storage.exists("Other/a")).isFalse();
  }

  @Test
  void open_missingKey_failsNamingTheLocation() {
    DatastoreStorage storage = storage();

    assertThatThrownBy(() -> storage.open("Flow/missing.json"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(storage.describe("Flow/missing.json"))
        .hasMessageContaining("does not exist");
  }

  @Test
  void write_again_replacesTheObject() {
    DatastoreStorage storage = storage();
    storage.write("k/v", "first".getBytes(StandardCharsets.UTF_8));
    storage.write("k/v", "second, longer".getBytes(StandardCharsets.UTF_8));

    assertThat(read(storage, "k/v")).isEqualTo("second, longer");
  }

  @Test
  void concurrentOverwrites_readersSeeWholeObjectsOnly() throws Exception {
    DatastoreStorage storage = storage();
    List<String> versions = List.of("a".repeat(200_000), "b".repeat(300_000), "c".repeat(100_000));
    storage.write("hot", versions.get(0).getBytes(StandardCharsets.UTF_8));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String version = versions.get(i % versions.size());
        work.add(pool.submit(() -> storage.write("hot", version.getBytes(StandardCharsets.UTF_8))));
        work.add(pool.submit(() -> assertThat(versions).contains(read(storage, "hot"))));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writeFile_storesTheFileAndTakesItAway() throws IOException {
    DatastoreStorage storage = storage();
    Path file = Files.createTempFile(storage.scratchDir(), "blob", ".tmp");
    Files.writeString(file, "spooled");

    storage.writeFile("Flow/data/ab/abcdef", file);

    assertThat(read(storage, "Flow/data/ab/abcdef")).isEqualTo("spooled");
    assertThat(file).doesNotExist();
  }

  @Test
  void list_givesDirectChildren_objectsAndPrefixes_sorted() {
    DatastoreStorage storage = storage();
    for (String key :
        Set.of(
            "F/1/_meta/run.json",
            "F/1/start/1/0.data.json",
            "F/1/start/1/0.done.json",
            "F/1/end/3/0.done.json",
            "F/10/x",
            "F/data/aa/aa11",
            "G/other")) {
      storage.write(key, new byte[] {1});
    }

    assertThat(storage.list("F")).containsExactly("1", "10", "data");
    assertThat(storage.list("F/1")).containsExactly("_meta", "end", "start");
    assertThat(storage.list("F/1/start/1")).containsExactly("0.data.json", "0.done.json");
    assertThat(storage.list("")).contains("F", "G");
    assertThat(storage.list("F/nothing")).isEmpty();
  }

  @Test
  void describe_namesTheKey() {
    DatastoreStorage storage = storage();

    assertThat(storage.describe("Flow/data/ab/abc")).endsWith("Flow/data/ab/abc");
  }
}
