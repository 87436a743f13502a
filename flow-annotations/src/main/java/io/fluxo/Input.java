package io.fluxo;

import java.util.Set;

/**
 * The artifacts of one task that feeds a join, read lazily: a value is loaded from the datastore
 * the first time it is asked for.
 */
public interface Input {
  /** The step that produced this input. */
  String step();

  /** The foreach index of this input's task, or 0 when it is not in a foreach. */
  int index();

  /** Names of the artifacts this input has. */
  Set<String> artifactNames();

  /**
   * The value of an artifact, typed by the caller's context.
   *
   * @throws IllegalArgumentException if this input has no such artifact
   */
  <T> T get(String artifact);

  /**
   * The value of an artifact, checked against {@code type}.
   *
   * @throws IllegalArgumentException if this input has no such artifact or it is of another type
   */
  <T> T get(String artifact, Class<T> type);
}
