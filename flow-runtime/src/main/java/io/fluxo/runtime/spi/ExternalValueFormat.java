package io.fluxo.runtime.spi;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Stores artifact values that Kryo should not (a Spark {@code Dataset}, an MLlib model) in their
 * own format under the task's datastore prefix, and returns an {@link ExternalValue} that the
 * artifact keeps instead. Implementations are found with {@link ServiceLoader} ({@code
 * META-INF/services/io.fluxo.runtime.spi.ExternalValueFormat}), must be thread-safe, and must write
 * atomically enough that a task killed mid-write is never marked done.
 */
public interface ExternalValueFormat {
  /** Whether this format stores {@code value}. */
  boolean accepts(Object value);

  /**
   * Writes {@code value} under {@code location}, a folder that belongs to this artifact of this
   * attempt: a local path, or an {@code s3://bucket/key} URI for an S3 datastore.
   */
  ExternalValue write(Object value, String location);

  /** The formats on the classpath, in service-file order. */
  static List<ExternalValueFormat> installed() {
    return ServiceLoader.load(ExternalValueFormat.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }
}
