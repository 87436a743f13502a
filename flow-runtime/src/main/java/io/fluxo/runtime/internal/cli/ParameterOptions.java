package io.fluxo.runtime.internal.cli;

import io.fluxo.FlowSpec;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.graph.ParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
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
      String help =
          (p.description().isEmpty() ? p.javaType() : p.description())
              + (p.required()
                  ? " (required)"
                  : value == null ? "" : " Default: " + display(value) + ".");
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
        values.put(p.field(), p.parse(text));
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

  private static String label(ParameterSpec p) {
    return switch (p.type()) {
      case ENUM ->
          String.join(
              "|", Arrays.stream(p.valueClass().getEnumConstants()).map(String::valueOf).toList());
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
