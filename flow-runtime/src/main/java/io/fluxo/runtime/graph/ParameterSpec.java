package io.fluxo.runtime.graph;

/**
 * One {@code @Parameter} field. Its default is the field's initial value, read from a fresh flow
 * object at run time.
 *
 * @param field the field name, also the artifact name
 * @param option the option name without dashes, e.g. {@code max-iter}
 * @param type how the option's text is converted
 * @param valueClass the field's raw type ({@code int.class}, an enum, {@code Map.class}, a record)
 * @param javaType the field's type as written in source, for help and {@code show}
 * @param description help text
 * @param required whether the option must be given
 */
public record ParameterSpec(
    String field,
    String option,
    ParameterType type,
    Class<?> valueClass,
    String javaType,
    String description,
    boolean required) {}
