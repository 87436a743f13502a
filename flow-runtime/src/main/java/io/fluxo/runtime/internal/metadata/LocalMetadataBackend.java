package io.fluxo.runtime.internal.metadata;

import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.MetadataType;
import io.fluxo.runtime.spi.MetadataBackend;
import io.fluxo.runtime.spi.MetadataStore;

/** The {@code local} metadata: a {@link LocalMetadataStore} in the configured folder. */
public final class LocalMetadataBackend implements MetadataBackend {
  /** For {@link java.util.ServiceLoader}. */
  public LocalMetadataBackend() {}

  @Override
  public MetadataType type() {
    return MetadataType.LOCAL;
  }

  @Override
  public MetadataStore open(FluxoConfig.Metadata metadata) {
    return new LocalMetadataStore(metadata.root());
  }
}
