package io.fluxo.runtime.spi;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * A reference to a value that an {@link ExternalValueFormat} stored in its own format (a Parquet
 * folder, a saved model). The reference is what the artifact's blob holds, so it must be small and
 * Kryo-serializable (a record); the runtime and the client call {@link #open()} when the artifact
 * is read.
 */
public interface ExternalValue {
  /** The value, opened from where it was stored; may be lazy (a Spark Dataset). */
  Object open();

  /**
   * The value, opened for a field declared as {@code declared} (e.g. {@code Dataset<Flight>}), so
   * that a format can give it the field's type; {@link #open()} unless a format knows better.
   */
  default Object open(Type declared) {
    return open();
  }

  /** One line for {@code dump}: format, location, schema, size. */
  String describe();

  /**
   * What the metadata records of the stored value, in the order to show it: its {@code location},
   * and whatever else says what it holds (a Dataset's {@code schema}, {@code rows} and {@code
   * bytes}); no secret and no data.
   */
  Map<String, String> details();

  /** A few items of the value as text, for display (a Dataset's first rows); none by default. */
  default List<String> sample() {
    return List.of();
  }
}
