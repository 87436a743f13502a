package io.fluxo.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.MetadataType;
import io.fluxo.runtime.error.UsageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in datastore and metadata backends, found as a plug-in's would be. */
class BackendsTest {
  @TempDir Path dir;

  private FluxoConfig config(Map<String, String> env) {
    return FluxoConfig.load(new ConfigSources(env, dir.resolve("home"), dir), Map.of());
  }

  @Test
  void everyBuiltInType_hasABackendOnTheClasspath() {
    assertThat(Arrays.stream(DatastoreType.values()))
        .allSatisfy(
            type ->
                assertThat(DatastoreBackend.find(type))
                    .hasValueSatisfying(b -> assertThat(b.type()).isEqualTo(type)));
    assertThat(Arrays.stream(MetadataType.values()))
        .allSatisfy(
            type ->
                assertThat(MetadataBackend.find(type))
                    .hasValueSatisfying(b -> assertThat(b.type()).isEqualTo(type)));
  }

  @Test
  void connect_localDatastoreAndMetadata_workInTheConfiguredFolder() throws Exception {
    FluxoConfig config = config(Map.of("FLUXO_DATASTORE_ROOT", dir.resolve("ds").toString()));

    DatastoreStorage storage = DatastoreBackend.connect(config.datastore());
    storage.write("a/b.txt", "hello".getBytes(StandardCharsets.UTF_8));
    MetadataStore metadata = MetadataBackend.connect(config.metadata());
    RunRecord run = metadata.createRun("SomeFlow", "me", java.util.List.of(), null);

    assertThat(dir.resolve("ds/a/b.txt")).hasContent("hello");
    assertThat(metadata.run("SomeFlow", run.runId())).isPresent();
    assertThat(dir.resolve("ds/SomeFlow/" + run.runId())).isDirectory();
  }

  @Test
  void connect_serviceMetadataWithoutUrl_failsWithOneLine() {
    FluxoConfig config = config(Map.of(ConfigKey.METADATA_TYPE.env().orElseThrow(), "service"));

    assertThatThrownBy(() -> MetadataBackend.connect(config.metadata()))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Cannot use the metadata service: no URL; pass --metadata-url or set FLUXO_METADATA_URL");
  }

  @Test
  void connect_withNoBackendOnTheClasspath_failsWithOneLineSayingWhatIsMissing() {
    FluxoConfig config =
        config(
            Map.of(
                "FLUXO_DATASTORE_ROOT", "s3://lake/flows",
                "FLUXO_METADATA", "service",
                "FLUXO_METADATA_URL", "http://127.0.0.1:1"));

    assertThatThrownBy(
            () -> withoutServiceFiles(() -> DatastoreBackend.connect(config.datastore())))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Cannot open the s3 datastore: no backend for it is on the classpath (a"
                + " DatastoreBackend of type s3, listed in META-INF/services); add the module that"
                + " provides it");
    assertThatThrownBy(() -> withoutServiceFiles(() -> MetadataBackend.connect(config.metadata())))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith(
            "Cannot open the service metadata: no backend for it is on the classpath")
        .hasMessageNotContaining("\n");
  }

  /** Runs {@code action} with a context class loader that sees no service file of this module. */
  private static <T> T withoutServiceFiles(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(saved);
    }
  }
}
