package io.fluxo.runtime.graph;

/** How a {@code @Parameter}'s command-line text becomes the field's value. */
public enum ParameterType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  /** An enum constant, by name. */
  ENUM,
  /** A comma-separated {@code List<String>}. */
  STRING_LIST,
  /** JSON read into a {@code Map} or a record. */
  JSON
}
