package io.fluxo.runtime.spi;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.MetadataType;
import io.fluxo.runtime.error.UsageException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Opens the {@link MetadataStore} of one metadata type (local files, the metadata service), so that
 * the configuration names a metadata store without depending on its client. Backends are found with
 * {@link ServiceLoader} ({@code META-INF/services/io.fluxo.runtime.spi.MetadataBackend}) and need a
 * public no-argument constructor; when several serve a type, the first on the classpath wins.
 * Implementations are stateless and thread-safe.
 */
public interface MetadataBackend {
  /** The metadata type this backend serves. */
  MetadataType type();

  /**
   * Opens the store {@code metadata} describes (its type is {@link #type()}); each call opens a new
   * store.
   *
   * @throws io.fluxo.runtime.error.FlowException with one clear line if the settings cannot work
   *     (e.g. no service URL)
   */
  MetadataStore open(FluxoConfig.Metadata metadata);

  /** The backend on the classpath that serves {@code type}, if any. */
  static Optional<MetadataBackend> find(MetadataType type) {
    return ServiceLoader.load(MetadataBackend.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(backend -> backend.type() == type)
        .findFirst();
  }

  /**
   * Opens the configured metadata store with the backend that serves its type.
   *
   * @throws UsageException if no backend on the classpath serves the type
   * @throws io.fluxo.runtime.error.FlowException with one clear line if it cannot be used
   */
  static MetadataStore connect(FluxoConfig.Metadata metadata) {
    return find(metadata.type())
        .orElseThrow(
            () ->
                new UsageException(
                    "Cannot open the %s metadata: no backend for it is on the classpath (a MetadataBackend"
                        + " of type %s, listed in META-INF/services); add the module that provides"
                        + " it",
                    metadata.type().id(), metadata.type().id()))
        .open(metadata);
  }
}
