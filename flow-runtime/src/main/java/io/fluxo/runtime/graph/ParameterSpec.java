package io.fluxo.runtime.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
    boolean required) {
  /**
   * Converts the text of this parameter's option to the field's value, as {@code flow run} does: an
   * enum by its constant name in any case, a list from comma-separated items, JSON for other types.
   *
   * @throws UsageException if the text is not a valid value, naming the option and what it expects
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object parse(String text) {
    try {
      return switch (type) {
        case STRING -> text;
        case INT -> Integer.parseInt(text.trim());
        case LONG -> Long.parseLong(text.trim());
        case DOUBLE -> Double.parseDouble(text.trim());
        case BOOLEAN -> {
          if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException();
          }
          yield Boolean.parseBoolean(text);
        }
        case ENUM ->
            Enum.valueOf(
                (Class) valueClass, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        case STRING_LIST ->
            text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
        case JSON -> Json.MAPPER.readValue(text, declaredType());
      };
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new UsageException(
          "Invalid value for option '--%s': '%s' is not %s", option, text, expected());
    }
  }

  /**
   * The field's type with its type arguments ({@code Map<String, Integer>}, so that {@code
   * {"a":"x"}} is refused here rather than failing as a cast in the task), or its raw class where
   * the written type cannot be resolved (a nested class's source name).
   */
  private JavaType declaredType() {
    if (javaType == null || !javaType.contains("<")) {
      return Json.MAPPER.constructType(valueClass);
    }
    try {
      return Json.MAPPER.getTypeFactory().constructFromCanonical(javaType.replace(" ", ""));
    } catch (IllegalArgumentException unresolved) {
      return Json.MAPPER.constructType(valueClass);
    }
  }

  private String expected() {
    return switch (type) {
      case STRING -> "a string";
      case INT -> "an int";
      case LONG -> "a long";
      case DOUBLE -> "a number";
      case BOOLEAN -> "true or false";
      case ENUM -> "one of " + Arrays.toString(valueClass.getEnumConstants());
      case STRING_LIST -> "a comma-separated list";
      case JSON -> "JSON for " + javaType;
    };
  }
}
