package io.fluxo.processor.validation;

import static io.fluxo.processor.validation.ErrorMessages.DUPLICATE_OPTION;
import static io.fluxo.processor.validation.ErrorMessages.FINAL_ARTIFACT;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_OPTION_NAME;
import static io.fluxo.processor.validation.ErrorMessages.PARAMETER_MODIFIER;
import static io.fluxo.processor.validation.ErrorMessages.PARAMETER_TYPE;
import static io.fluxo.processor.validation.ErrorMessages.PRIVATE_ARTIFACT;

import io.fluxo.processor.model.FieldElement;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.ParameterElement;
import io.fluxo.processor.model.SourceLocation;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;

/** Checks artifact fields and {@code @Parameter} fields: modifiers, types and option names. */
final class FieldValidator {
  private static final Pattern OPTION = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Set<Modifier> PARAMETER_FORBIDDEN =
      EnumSet.of(Modifier.PRIVATE, Modifier.FINAL, Modifier.STATIC, Modifier.TRANSIENT);

  private FieldValidator() {}

  static void validate(FlowElement flow, ValidationReport report) {
    Map<String, FieldElement> options = new HashMap<>();
    for (FieldElement field : flow.fields()) {
      SourceLocation where = SourceLocation.of(field.field());
      Set<Modifier> modifiers = field.field().getModifiers();
      if (field.parameter().isPresent()) {
        validateParameter(field, field.parameter().get(), options, report);
      } else if (modifiers.contains(Modifier.PRIVATE)) {
        report.error(where, PRIVATE_ARTIFACT, field.name(), flow.generatedName());
      } else if (modifiers.contains(Modifier.FINAL)) {
        report.error(where, FINAL_ARTIFACT, field.name());
      }
    }
  }

  private static void validateParameter(
      FieldElement field,
      ParameterElement parameter,
      Map<String, FieldElement> options,
      ValidationReport report) {
    SourceLocation where = SourceLocation.of(field.field());
    List<String> forbidden =
        field.field().getModifiers().stream()
            .filter(PARAMETER_FORBIDDEN::contains)
            .map(Modifier::toString)
            .toList();
    if (!forbidden.isEmpty()) {
      report.error(where, PARAMETER_MODIFIER, field.name(), String.join(", ", forbidden));
    }
    if (parameter.kind().isEmpty()) {
      report.error(where, PARAMETER_TYPE, field.name(), field.field().asType());
    }
    SourceLocation optionWhere =
        parameter.explicitName()
            ? SourceLocation.of(field.field(), parameter.mirror(), explicitValue(parameter, "name"))
            : where;
    if (!OPTION.matcher(parameter.option()).matches()) {
      report.error(optionWhere, INVALID_OPTION_NAME, field.name(), parameter.option());
      return;
    }
    FieldElement previous = options.putIfAbsent(parameter.option(), field);
    if (previous != null) {
      report.error(
          optionWhere, DUPLICATE_OPTION, field.name(), parameter.option(), previous.name());
    }
  }

  private static AnnotationValue explicitValue(ParameterElement parameter, String attribute) {
    Map<String, AnnotationValue> explicit =
        parameter.mirror().getElementValues().entrySet().stream()
            .collect(
                Collectors.toMap(
                    e -> ((ExecutableElement) e.getKey()).getSimpleName().toString(),
                    Map.Entry::getValue));
    return explicit.get(attribute);
  }
}
