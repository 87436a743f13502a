package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.internal.metadata.RelayedAttemptStore;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.DatastoreStorage;
import io.fluxo.runtime.spi.MetadataBackend;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.TaskEnvironment;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stores a command works on, opened from the configuration.
 *
 * @param config the effective configuration (null for stores opened on a bare local folder)
 * @param storage the datastore
 * @param blobs the flow's artifact blobs
 * @param tasks the per-attempt task files
 * @param metadata the run and task records
 */
record FlowStores(
    FluxoConfig config,
    DatastoreStorage storage,
    ContentStore blobs,
    TaskStore tasks,
    MetadataStore metadata) {
  /** Opens the configured datastore and metadata for {@code flow}. */
  static FlowStores open(FluxoConfig config, String flow) {
    DatastoreStorage storage = DatastoreBackend.connect(config.datastore());
    return new FlowStores(
        config,
        storage,
        new ContentStore(storage, flow, new KryoArtifactCodec()),
        new TaskStore(storage),
        MetadataBackend.connect(config.metadata()));
  }

  /**
   * The stores of a task: as {@link #open(FluxoConfig, String)}, except that a task told to keep
   * its attempt records in the datastore ({@link TaskEnvironment#ATTEMPT_RECORDS_ENV}: a pod of a
   * run whose metadata is local files on another machine) does not open the metadata at all.
   */
  static FlowStores forTask(FluxoConfig config, String flow, Map<String, String> environment) {
    String records = environment.get(TaskEnvironment.ATTEMPT_RECORDS_ENV);
    if (records == null) {
      return open(config, flow);
    }
    if (!records.equals(TaskEnvironment.ATTEMPT_RECORDS_IN_DATASTORE)) {
      throw new UsageException(
          "Invalid %s=%s: expected %s or nothing",
          TaskEnvironment.ATTEMPT_RECORDS_ENV,
          records,
          TaskEnvironment.ATTEMPT_RECORDS_IN_DATASTORE);
    }
    DatastoreStorage storage = DatastoreBackend.connect(config.datastore());
    TaskStore tasks = new TaskStore(storage);
    return new FlowStores(
        config,
        storage,
        new ContentStore(storage, flow, new KryoArtifactCodec()),
        tasks,
        new RelayedAttemptStore(tasks));
  }

  /** The stores of a local datastore folder with its metadata beside it. */
  static FlowStores open(Path root, String flow) {
    LocalStorage storage = new LocalStorage(root);
    return new FlowStores(
        null,
        storage,
        new ContentStore(storage, flow, new KryoArtifactCodec()),
        new TaskStore(storage),
        new LocalMetadataStore(root));
  }

  /** Where the datastore is, for messages: a folder or an {@code s3://} URI. */
  String location() {
    return storage.describe("");
  }
}
