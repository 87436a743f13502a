package io.fluxo.runtime.config;

import io.fluxo.runtime.error.UsageException;
import java.util.Locale;

/** Where artifacts and task files are kept. */
public enum DatastoreType {
  /** A local folder. */
  LOCAL,
  /** An S3 bucket (AWS or an S3-compatible server such as MinIO). */
  S3;

  /** The name used in configuration and on the command line: {@code local} or {@code s3}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The type named {@code value} ({@code local} or {@code s3}, any case); {@code source} names
   * where it came from in errors.
   */
  public static DatastoreType parse(String value, String source) {
    for (DatastoreType type : values()) {
      if (type.id().equalsIgnoreCase(value.strip())) {
        return type;
      }
    }
    throw new UsageException(
        "Invalid datastore type '%s' (from %s): expected local or s3", value, source);
  }
}
