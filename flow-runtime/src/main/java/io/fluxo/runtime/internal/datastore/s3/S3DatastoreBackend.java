package io.fluxo.runtime.internal.datastore.s3;

import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.S3Credentials;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.DatastoreStorage;

/**
 * The {@code s3} datastore: an {@link S3Storage} on the configured bucket and prefix, checked to
 * exist and to accept the keys.
 */
public final class S3DatastoreBackend implements DatastoreBackend {
  /** For {@link java.util.ServiceLoader}. */
  public S3DatastoreBackend() {}

  @Override
  public DatastoreType type() {
    return DatastoreType.S3;
  }

  @Override
  public DatastoreStorage open(FluxoConfig.Datastore datastore) {
    S3Credentials keys = datastore.credentials();
    return S3Storage.connect(
        datastore.s3Root(),
        datastore.endpointUrl(),
        datastore.region(),
        keys.accessKey().reveal(),
        keys.secretKey().reveal());
  }
}
