package io.fluxo.runtime.client;

import io.fluxo.runtime.datastore.ContentStore;
import io.fluxo.runtime.datastore.ExternalValue;
import io.fluxo.runtime.datastore.LocalStorage;
import io.fluxo.runtime.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.metadata.LocalMetadataStore;
import io.fluxo.runtime.metadata.MetadataStore;
import java.nio.file.Path;

/**
 * The stores of one flow that the client reads.
 *
 * @param flow the flow name
 * @param storage the local datastore
 * @param blobs the flow's artifact blobs, decoded with the thread's context class loader
 * @param tasks the per-attempt task files
 * @param metadata the run and task records
 */
record ClientStores(String flow, LocalStorage storage, ContentStore blobs, TaskStore tasks, MetadataStore metadata) {
  static ClientStores open(String flow, Path root) {
    LocalStorage storage = new LocalStorage(root);
    return new ClientStores(
        flow, storage, new ContentStore(storage, flow, new KryoArtifactCodec()), new TaskStore(storage), new LocalMetadataStore(root));
  }

  /**
   * Reads the blob with hash {@code sha}, opening a value stored in its own format (see {@link
   * ExternalValue}); a corrupted or missing blob is reported with its path.
   */
  Object value(String sha) {
    Object stored = blobs.get(sha);
    return stored instanceof ExternalValue external ? external.open() : stored;
  }

  /**
   * Reads the blob with hash {@code sha} as {@code dump} shows it: a value stored in its own format
   * is described ({@link ExternalValue#describe()}) without being opened.
   */
  Object preview(String sha) {
    Object stored = blobs.get(sha);
    return stored instanceof ExternalValue external ? external.describe() : stored;
  }
}
