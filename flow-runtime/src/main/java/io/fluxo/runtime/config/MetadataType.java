package io.fluxo.runtime.config;

import io.fluxo.runtime.error.UsageException;
import java.util.Locale;

/** Where run and task records are kept. */
public enum MetadataType {
  /** Files in a local folder. */
  LOCAL,
  /** The Fluxo metadata service. */
  SERVICE;

  /** The name used in configuration: {@code local} or {@code service}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  static MetadataType parse(String value, String source) {
    for (MetadataType type : values()) {
      if (type.id().equalsIgnoreCase(value.strip())) {
        return type;
      }
    }
    throw new UsageException(
        "Invalid metadata type '%s' (from %s): expected local or service", value, source);
  }
}
