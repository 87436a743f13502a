package io.fluxo.spark;

import io.fluxo.runtime.spi.ExternalValue;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The values this JVM reopened from stored artifacts, by identity: a step that reads a Dataset or
 * model artifact and leaves it as it was stores the same reference again instead of rewriting the
 * data. A Spark Dataset is immutable, and a model is treated as such.
 */
final class Reopened {
  private static final Map<Object, ExternalValue> VALUES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Reopened() {}

  /** Records that {@code value} was opened from {@code stored}; returns {@code value}. */
  static <T> T remember(T value, ExternalValue stored) {
    VALUES.put(value, stored);
    return value;
  }

  /** The reference {@code value} was opened from, or null. */
  static ExternalValue of(Object value) {
    return VALUES.get(value);
  }
}
