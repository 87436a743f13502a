package io.fluxo.runtime.spi;

import io.fluxo.runtime.config.DatastoreType;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens the {@link DatastoreStorage} of one datastore type (a local folder, an S3 bucket), so that
 * the configuration names a datastore without depending on its client library. Backends are found
 * with {@link ServiceLoader} ({@code META-INF/services/io.fluxo.runtime.spi.DatastoreBackend}) and
 * need a public no-argument constructor; when several serve a type, the first on the classpath
 * wins. Implementations are stateless and thread-safe.
 */
public interface DatastoreBackend {
  /** The datastore type this backend serves. */
  DatastoreType type();

  /**
   * Opens the storage {@code datastore} describes (its type is {@link #type()}), checking that it
   * can be used; each call opens a new storage.
   *
   * @throws io.fluxo.runtime.error.FlowException with one clear line if it cannot be used (no root,
   *     no credentials, a missing bucket, an unreachable server)
   */
  DatastoreStorage open(FluxoConfig.Datastore datastore);

  /** The backend on the classpath that serves {@code type}, if any. */
  static Optional<DatastoreBackend> find(DatastoreType type) {
    return ServiceLoader.load(DatastoreBackend.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(backend -> backend.type() == type)
        .findFirst();
  }

  /**
   * Opens the configured datastore with the backend that serves its type.
   *
   * @throws UsageException if no backend on the classpath serves the type
   * @throws io.fluxo.runtime.error.FlowException with one clear line if it cannot be used
   */
  static DatastoreStorage connect(FluxoConfig.Datastore datastore) {
    return find(datastore.type())
        .orElseThrow(
            () ->
                new UsageException(
                    "Cannot open the %s datastore: no backend for it is on the classpath (a DatastoreBackend"
                        + " of type %s, listed in META-INF/services); add the module that provides"
                        + " it",
                    datastore.type().id(), datastore.type().id()))
        .open(datastore);
  }
}
