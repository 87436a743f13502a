package io.fluxo.runtime.datastore;

/**
 * A reference to a value that an {@link ExternalValueFormat} stored in its own format (a Parquet
 * folder, a saved model). The reference is what the artifact's blob holds, so it must be small and
 * Kryo-serializable (a record); the runtime and the client call {@link #open()} when the artifact
 * is read.
 */
public interface ExternalValue {
  /** The value, opened from where it was stored; may be lazy (a Spark Dataset). */
  Object open();

  /** One line for {@code dump}: format, location, schema, size. */
  String describe();
}
