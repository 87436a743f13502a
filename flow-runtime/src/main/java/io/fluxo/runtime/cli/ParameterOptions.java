package io.fluxo.runtime.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fluxo.FlowSpec;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.ParameterSpec;
import io.fluxo.runtime.internal.json.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** A flow's {@code @Parameter} fields as options of {@code flow run}, and their conversion. */
final class ParameterOptions {
  private final FlowDefinition<FlowSpec> definition;

  @SuppressWarnings("unchecked")
  ParameterOptions(FlowDefinition<?> definition) {
    this.definition = (FlowDefinition<FlowSpec>) definition;
  }

  /** Adds one {@code --option} per parameter to {@code command}, with its help and default. */
  void addTo(CommandSpec command) {
    Map<String, Object> defaults = defaults();
    for (ParameterSpec p : definition.graph().parameters()) {
      Object value = defaults.get(p.field());
      String help = (p.description().isEmpty() ? p.javaType() : p.description())
          + (p.required() ? " (required)" : value == null ? "" : " Default: " + display(value) + ".");
      command.addOption(
          OptionSpec.builder("--" + p.option())
              .paramLabel(label(p))
              .type(String.class)
              .description(help)
              .build());
    }
  }

  /** The parameter values of a run: defaults overridden by the options given on {@code command}. */
  Map<String, Object> values(CommandSpec command) {
    Map<String, Object> values = defaults();
    for (ParameterSpec p : definition.graph().parameters()) {
      String text = command.findOption("--" + p.option()).getValue();
      if (text != null) {
        values.put(p.field(), convert(p, text));
      } else if (p.required()) {
        throw new UsageException("Missing required option '--%s' (%s)", p.option(), p.javaType());
      }
    }
    return values;
  }

  private Map<String, Object> defaults() {
    FlowSpec fresh = definition.newInstance();
    Map<String, Object> defaults = new LinkedHashMap<>();
    for (ParameterSpec p : definition.graph().parameters()) {
      defaults.put(p.field(), definition.getArtifact(fresh, p.field()));
    }
    return defaults;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object convert(ParameterSpec p, String text) {
    try {
      return switch (p.type()) {
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
        case ENUM -> Enum.valueOf((Class) p.valueClass(), text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        case STRING_LIST -> text.isBlank() ? List.of() : Arrays.stream(text.split(",")).map(String::trim).toList();
        case JSON -> Json.MAPPER.readValue(text, p.valueClass());
      };
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new UsageException("Invalid value for option '--%s': '%s' is not %s", p.option(), text, expected(p));
    }
  }

  private static String expected(ParameterSpec p) {
    return switch (p.type()) {
      case STRING -> "a string";
      case INT -> "an int";
      case LONG -> "a long";
      case DOUBLE -> "a number";
      case BOOLEAN -> "true or false";
      case ENUM -> "one of " + Arrays.toString(p.valueClass().getEnumConstants());
      case STRING_LIST -> "a comma-separated list";
      case JSON -> "JSON for " + p.javaType();
    };
  }

  private static String label(ParameterSpec p) {
    return switch (p.type()) {
      case ENUM -> String.join("|", Arrays.stream(p.valueClass().getEnumConstants()).map(String::valueOf).toList());
      case STRING_LIST -> "A,B,...";
      case JSON -> "JSON";
      default -> p.type().name();
    };
  }

  static String display(Object value) {
    String text = String.valueOf(value);
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
