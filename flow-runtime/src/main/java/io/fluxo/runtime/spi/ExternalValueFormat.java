package io.fluxo.runtime.spi;

import io.fluxo.runtime.config.FluxoConfig;
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

  /**
   * Makes this JVM able to write and open this format's values in {@code context}'s datastore, e.g.
   * by handing its endpoint and keys to the library that reads them. A task process calls it on
   * every installed format before the step's code runs; the client calls it whenever it opens a
   * datastore from a configuration. The effect is JVM-wide and outlives this instance (the loader
   * makes new ones); calls may come from any thread and may repeat, so implementations must be
   * idempotent. Settings, secrets included, stay in memory: never in system properties, logs or
   * messages. The default does nothing.
   *
   * @throws io.fluxo.runtime.error.FlowException with one clear line if the datastore's settings
   *     cannot serve the format (e.g. no credentials)
   */
  default void prepare(Context context) {}

  /**
   * The datastore a JVM writes and opens values in.
   *
   * @param datastore its settings, credentials included
   * @param scope whether this JVM is a task of the datastore or a client that may read several
   */
  record Context(FluxoConfig.Datastore datastore, Scope scope) {
    /** Requires both. */
    public Context {
      if (datastore == null || scope == null) {
        throw new IllegalArgumentException(
            "Invalid value format context: it needs a datastore and a scope");
      }
    }
  }

  /** Who prepares a format, which says how widely its settings may apply. */
  enum Scope {
    /**
     * A task process: the datastore is the one this JVM works on, so its settings may be the JVM's
     * defaults (e.g. S3A's for every bucket, so that a step also reads other buckets on the same
     * server).
     */
    TASK,
    /**
     * A client (a notebook, a test) that may open several datastores: settings apply to this
     * datastore's location alone (e.g. S3A's for its bucket) and leave the rest as they are.
     */
    CLIENT
  }

  /** The formats on the classpath, in service-file order. */
  static List<ExternalValueFormat> installed() {
    return ServiceLoader.load(ExternalValueFormat.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }
}
