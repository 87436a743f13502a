package io.fluxo.runtime.internal.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.spi.ArtifactRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentStoreTest {
  record Point(int x, String label, List<Integer> values) {}

  static final class NotSerializable {
    final Thread thread = new Thread(() -> {});
  }

  @TempDir Path root;

  private ContentStore store() {
    return new ContentStore(new LocalStorage(root), "TestFlow", new KryoArtifactCodec());
  }

  @Test
  void put_roundTripsRecordsImmutableCollectionsAndArrays() {
    ContentStore store = store();
    Map<String, Object> value =
        new HashMap<>(Map.of("point", new Point(1, "a", List.of(1, 2)), "array", new int[] {3, 4}));

    Object back = store.get(store.put(value).sha());

    assertThat(back).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) back).get("point")).isEqualTo(new Point(1, "a", List.of(1, 2)));
    assertThat((int[]) ((Map<?, ?>) back).get("array")).containsExactly(3, 4);
  }

  @Test
  void put_identicalValues_storedOnce() throws IOException {
    ContentStore store = store();

    ArtifactRef first = store.put(List.of("same", "value"));
    ArtifactRef second = store.put(List.of("same", "value"));

    assertThat(second.sha()).isEqualTo(first.sha());
    try (Stream<Path> blobs = Files.walk(root.resolve("TestFlow/data"))) {
      assertThat(blobs.filter(Files::isRegularFile).count()).isEqualTo(1);
    }
    assertThat(root.resolve(store.key(first.sha()))).exists();
  }

  @Test
  void get_alteredBlob_isReportedCorruptedWithItsPath() throws IOException {
    ContentStore store = store();
    ArtifactRef ref = store.put("hello");
    Path blob = root.resolve(store.key(ref.sha()));
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length - 1] ^= 0x5a;
    Files.write(blob, bytes);

    assertThatThrownBy(() -> store.get(ref.sha()))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(blob.toString())
        .hasMessageContaining("corrupted");
  }

  @Test
  void put_overADamagedBlob_replacesIt() throws IOException {
    ContentStore store = store();
    ArtifactRef ref = store.put(List.of("kept", "value"));
    Path blob = root.resolve(store.key(ref.sha()));
    byte[] bytes = Files.readAllBytes(blob);
    Files.write(blob, Arrays.copyOf(bytes, bytes.length / 2)); // truncated

    ArtifactRef again = store.put(List.of("kept", "value"));

    assertThat(again.sha()).isEqualTo(ref.sha());
    assertThat(Files.readAllBytes(blob)).isEqualTo(bytes);
    assertThat(store.get(again.sha())).isEqualTo(List.of("kept", "value"));
  }

  @Test
  void getByRef_readsEveryKindOfValueItsRefRecords() {
    ContentStore store = store();
    List<Object> values =
        Arrays.asList(
            null,
            42,
            "text",
            List.of(),
            List.of(1),
            List.of(1, 2, 3),
            java.util.stream.Stream.of("two", "items").toList(),
            Map.of("a", 1),
            Set.of(1, 2),
            Arrays.asList(1, 2),
            new ArrayList<>(List.of(1)),
            new int[] {1, 2},
            new Point(1, "a", List.of(2)),
            java.time.LocalDate.of(2026, 12, 3),
            java.util.Optional.of(1),
            java.util.concurrent.TimeUnit.SECONDS);

    for (Object value : values) {
      ArtifactRef ref = store.put(value);
      Object back = store.get(ref);
      assertThat(back).as(String.valueOf(value)).isEqualTo(store.get(ref.sha()));
    }
  }

  @Test
  void getByRef_aRecordPointingAtAnotherBlob_isRefused() {
    ContentStore store = store();
    ArtifactRef model = store.put(List.of("weights", "of", "a", "model"));
    ArtifactRef other = store.put("another value");
    ArtifactRef edited = new ArtifactRef(other.sha(), model.type(), model.size());
    assertThat(other.size()).isNotEqualTo(model.size());

    assertThatThrownBy(() -> store.get(edited))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(root.resolve(store.key(other.sha())).toString())
        .hasMessageContaining("does not match the blob");
  }

  @Test
  void get_missingBlob_namesItsPath() throws IOException {
    ContentStore store = store();
    ArtifactRef ref = store.put(42);
    Files.delete(root.resolve(store.key(ref.sha())));

    assertThatThrownBy(() -> store.get(ref.sha()))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(root.resolve(store.key(ref.sha())).toString())
        .hasMessageContaining("does not exist");
  }

  @Test
  void put_unserializableValue_namesTheType() {
    assertThatThrownBy(() -> store().put(new NotSerializable()))
        .isInstanceOf(UserCodeException.class)
        .hasMessageContaining(NotSerializable.class.getName());
  }
}
