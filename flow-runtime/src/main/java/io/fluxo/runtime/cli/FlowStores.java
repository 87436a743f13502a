package io.fluxo.runtime.cli;

import io.fluxo.runtime.datastore.ContentStore;
import io.fluxo.runtime.datastore.LocalStorage;
import io.fluxo.runtime.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.metadata.LocalMetadataStore;
import io.fluxo.runtime.metadata.MetadataStore;
import java.nio.file.Path;

/**
 * The stores a command works on, opened from the datastore root.
 *
 * @param root the local datastore folder
 * @param blobs the flow's artifact blobs
 * @param tasks the per-attempt task files
 * @param metadata the run and task records
 */
record FlowStores(Path root, ContentStore blobs, TaskStore tasks, MetadataStore metadata) {
  static FlowStores open(Path root, String flow) {
    return open(root, flow, new LocalMetadataStore(root));
  }

  static FlowStores open(Path root, String flow, MetadataStore metadata) {
    LocalStorage storage = new LocalStorage(root);
    return new FlowStores(storage.root(), new ContentStore(storage, flow, new KryoArtifactCodec()), new TaskStore(storage), metadata);
  }
}
