package io.fluxo.processor.model;

/**
 * How a {@code @Parameter}'s text becomes its value; mirrors the runtime's {@code ParameterType}
 * constant by constant.
 */
public enum ParameterKind {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  ENUM,
  STRING_LIST,
  JSON
}
