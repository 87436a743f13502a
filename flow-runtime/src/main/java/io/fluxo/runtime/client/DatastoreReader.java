package io.fluxo.runtime.client;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.fluxo.runtime.spi.ExternalValue;
import io.fluxo.runtime.spi.ExternalValueFormat;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskPath;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads what tasks stored in a datastore, logs and artifact values, by their paths, for tools that
 * read the metadata themselves (the web UI). Thread-safe.
 */
public final class DatastoreReader {
  private final DatastoreStorage storage;
  private final TaskStore tasks;
  private final Map<String, ContentStore> blobs = new ConcurrentHashMap<>();

  private DatastoreReader(DatastoreStorage storage) {
    this.storage = storage;
    this.tasks = new TaskStore(storage);
  }

  /**
   * The datastore {@code config} names (local folder or S3), with the installed value formats
   * prepared for it as {@link FlowRuns#of(String, FluxoConfig)} does.
   *
   * @throws io.fluxo.runtime.error.FlowException if the datastore cannot be reached
   */
  public static DatastoreReader open(FluxoConfig config) {
    DatastoreStorage storage = DatastoreBackend.connect(config.datastore());
    ExternalValueFormat.Context values =
        new ExternalValueFormat.Context(config.datastore(), ExternalValueFormat.Scope.CLIENT);
    ExternalValueFormat.installed().forEach(format -> format.prepare(values));
    return new DatastoreReader(storage);
  }

  /** The local datastore folder {@code root}. */
  public static DatastoreReader open(Path root) {
    return new DatastoreReader(new LocalStorage(root));
  }

  /** Where the datastore is: a folder or an {@code s3://} URI. */
  public String location() {
    return storage.describe("");
  }

  /**
   * The {@code stream} log of attempt {@code attempt} of {@code task}, as stored so far: the whole
   * log once the attempt has ended, what it printed up to a few seconds ago while it runs; empty if
   * nothing was stored. The caller closes the stream.
   */
  public Optional<InputStream> openLog(TaskPath task, int attempt, LogStream stream) {
    return tasks.openLog(task, attempt, stream);
  }

  /**
   * The stored value of an artifact of {@code flow}, decoded with the thread's context class
   * loader; a value stored in its own format (a Spark Dataset or model) comes back as its unopened
   * {@link ExternalValue}.
   *
   * @throws io.fluxo.runtime.error.PlatformException if the blob is missing or corrupted, or its
   *     class cannot be loaded
   */
  public Object read(String flow, ArtifactRef ref) {
    return blobs
        .computeIfAbsent(flow, f -> new ContentStore(storage, f, new KryoArtifactCodec()))
        .get(ref);
  }
}
