package io.fluxo.runtime.internal.metadata;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.MetadataType;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.spi.MetadataBackend;
import io.fluxo.runtime.spi.MetadataStore;

/** The {@code service} metadata: a {@link ServiceMetadataStore} at the configured URL. */
public final class ServiceMetadataBackend implements MetadataBackend {
  /** For {@link java.util.ServiceLoader}. */
  public ServiceMetadataBackend() {}

  @Override
  public MetadataType type() {
    return MetadataType.SERVICE;
  }

  /**
   * The service at the configured URL, with the configured token.
   *
   * @throws UsageException if no URL is configured
   */
  @Override
  public MetadataStore open(FluxoConfig.Metadata metadata) {
    String url = metadata.url();
    if (url == null || url.isBlank()) {
      throw new UsageException(
          "Cannot use the metadata service: no URL; pass --metadata-url or set FLUXO_METADATA_URL");
    }
    return ServiceMetadataStore.of(
        url, metadata.token() == null ? null : metadata.token().reveal());
  }
}
