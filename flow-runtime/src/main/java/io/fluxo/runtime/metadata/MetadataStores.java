package io.fluxo.runtime.metadata;

import io.fluxo.runtime.error.UsageException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the metadata store a command or the client uses: {@code local} (files in the local
 * datastore, the default) or {@code service} (the metadata service at a URL, with the bearer token
 * from {@code FLUXO_METADATA_TOKEN}). Unset choices come from {@code FLUXO_METADATA_TYPE} and
 * {@code FLUXO_METADATA_URL}.
 */
public final class MetadataStores {
  /** Metadata in files beside the local datastore. */
  public static final String LOCAL = "local";

  /** Metadata in the metadata service. */
  public static final String SERVICE = "service";

  private MetadataStores() {}

  /** {@code type} if given, else {@code FLUXO_METADATA_TYPE}, else local; checked. */
  public static String type(String type) {
    String chosen = type != null ? type : System.getenv("FLUXO_METADATA_TYPE");
    chosen = chosen == null || chosen.isBlank() ? LOCAL : chosen.trim().toLowerCase(Locale.ROOT);
    if (!chosen.equals(LOCAL) && !chosen.equals(SERVICE)) {
      throw new UsageException("Invalid metadata provider '%s': expected %s or %s", chosen, LOCAL, SERVICE);
    }
    return chosen;
  }

  /** {@code url} if given, else {@code FLUXO_METADATA_URL}, else null. */
  public static String url(String url) {
    String chosen = url != null ? url : System.getenv("FLUXO_METADATA_URL");
    return chosen == null || chosen.isBlank() ? null : chosen.trim();
  }

  /**
   * The store of {@code type} (null: from the environment); {@code url} (null: from the
   * environment) is needed for the service, {@code root} for local metadata.
   */
  public static MetadataStore open(String type, String url, Path root) {
    if (type(type).equals(LOCAL)) {
      return new LocalMetadataStore(root);
    }
    String serviceUrl = url(url);
    if (serviceUrl == null) {
      throw new UsageException("Cannot use the metadata service: no URL; pass --metadata-url or set FLUXO_METADATA_URL");
    }
    return ServiceMetadataStore.fromEnvironment(serviceUrl);
  }
}
