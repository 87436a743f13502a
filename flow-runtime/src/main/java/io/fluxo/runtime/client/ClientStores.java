package io.fluxo.runtime.client;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.fluxo.runtime.spi.ExternalValue;
import io.fluxo.runtime.spi.ExternalValueFormat;
import io.fluxo.runtime.spi.MetadataBackend;
import io.fluxo.runtime.spi.MetadataStore;
import java.lang.reflect.Type;
import java.nio.file.Path;

/**
 * The stores of one flow that the client reads.
 *
 * @param flow the flow name
 * @param storage the datastore (local folder or S3)
 * @param metadataRoot the folder of the local metadata
 * @param blobs the flow's artifact blobs, decoded with the thread's context class loader
 * @param tasks the per-attempt task files
 * @param metadata the run and task records
 */
record ClientStores(
    String flow,
    DatastoreStorage storage,
    Path metadataRoot,
    ContentStore blobs,
    TaskStore tasks,
    MetadataStore metadata) {
  static ClientStores open(String flow, Path root) {
    return open(flow, root, new LocalMetadataStore(root));
  }

  static ClientStores open(String flow, Path root, MetadataStore metadata) {
    LocalStorage storage = new LocalStorage(root);
    return new ClientStores(
        flow,
        storage,
        storage.root(),
        new ContentStore(storage, flow, new KryoArtifactCodec()),
        new TaskStore(storage),
        metadata);
  }

  /**
   * The stores {@code config} names. Also prepares the installed value formats for the datastore
   * ({@link ExternalValueFormat#prepare}, as a {@linkplain ExternalValueFormat.Scope#CLIENT
   * client}), so that, on S3, a Spark session of this JVM reads the flows' Datasets and models
   * where their tasks wrote them, while its settings for other buckets stay as they are.
   */
  static ClientStores open(String flow, FluxoConfig config) {
    DatastoreStorage storage = DatastoreBackend.connect(config.datastore());
    ExternalValueFormat.Context values =
        new ExternalValueFormat.Context(config.datastore(), ExternalValueFormat.Scope.CLIENT);
    ExternalValueFormat.installed().forEach(format -> format.prepare(values));
    return new ClientStores(
        flow,
        storage,
        config.metadata().root(),
        new ContentStore(storage, flow, new KryoArtifactCodec()),
        new TaskStore(storage),
        MetadataBackend.connect(config.metadata()));
  }

  /**
   * Reads the blob {@code ref} names, opening a value stored in its own format (see {@link
   * ExternalValue}); a corrupted or missing blob, or one that is not what {@code ref} records, is
   * reported with its path.
   */
  Object value(ArtifactRef ref) {
    Object stored = blobs.get(ref);
    return stored instanceof ExternalValue external ? external.open() : stored;
  }

  /**
   * Reads the blob {@code ref} names as a field declared {@code declared} reads it in a task: a
   * value stored in its own format is opened for that type ({@link ExternalValue#open(Type)}).
   */
  Object value(ArtifactRef ref, Type declared) {
    Object stored = blobs.get(ref);
    return stored instanceof ExternalValue external ? external.open(declared) : stored;
  }

  /**
   * Reads the blob {@code ref} names as {@code dump} shows it: a value stored in its own format is
   * described ({@link ExternalValue#describe()}) without being opened.
   */
  Object preview(ArtifactRef ref) {
    Object stored = blobs.get(ref);
    return stored instanceof ExternalValue external ? external.describe() : stored;
  }
}
