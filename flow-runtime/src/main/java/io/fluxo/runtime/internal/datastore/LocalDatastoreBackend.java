package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.DatastoreStorage;

/** The {@code local} datastore: a {@link LocalStorage} on the configured folder. */
public final class LocalDatastoreBackend implements DatastoreBackend {
  /** For {@link java.util.ServiceLoader}. */
  public LocalDatastoreBackend() {}

  @Override
  public DatastoreType type() {
    return DatastoreType.LOCAL;
  }

  @Override
  public DatastoreStorage open(FluxoConfig.Datastore datastore) {
    return new LocalStorage(datastore.localRoot());
  }
}
