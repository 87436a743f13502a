package io.fluxo.processor.validation;

import static io.fluxo.processor.validation.ErrorMessages.DUPLICATE_ARTIFACT;
import static io.fluxo.processor.validation.ErrorMessages.DUPLICATE_KEY;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_CATCH_VAR;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_ENVIRONMENT;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_KEY_VALUE;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_MEMORY;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_RESOURCE;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_RETRY;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_TIMEOUT;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_TOLERATION;
import static io.fluxo.processor.validation.ErrorMessages.ZERO_TIMEOUT;

import io.fluxo.processor.model.Decorator;
import io.fluxo.processor.model.FieldElement;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.KeyValues;
import io.fluxo.processor.model.MemorySizes;
import io.fluxo.processor.model.SourceLocation;
import io.fluxo.processor.model.StepElement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationValue;

/** Checks the values of {@code @Retry}, {@code @Timeout}, {@code @Resources}, etc. on each step. */
final class DecoratorValidator {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern TOLERATION =
      Pattern.compile("[^=:\\s]+(=[^:]*)?(:(NoSchedule|PreferNoSchedule|NoExecute))?");
  private static final List<String> KUBERNETES_MAPS =
      List.of("nodeSelector", "labels", "annotations");

  private final StepElement step;
  private final Set<String> fieldNames;
  private final ValidationReport report;

  private DecoratorValidator(StepElement step, Set<String> fieldNames, ValidationReport report) {
    this.step = step;
    this.fieldNames = fieldNames;
    this.report = report;
  }

  static void validate(FlowElement flow, ValidationReport report) {
    Set<String> fieldNames =
        flow.fields().stream().map(FieldElement::name).collect(Collectors.toSet());
    for (StepElement step : flow.steps()) {
      DecoratorValidator validator = new DecoratorValidator(step, fieldNames, report);
      for (Decorator decorator : step.decorators()) {
        validator.validate(decorator);
      }
    }
  }

  private void validate(Decorator d) {
    switch (d.kind()) {
      case RETRY:
        checkRange(d, "times", 0, 4);
        checkRange(d, "minutesBetweenRetries", 0, 60);
        break;
      case TIMEOUT:
        validateTimeout(d);
        break;
      case RESOURCES:
        checkNumber(d, "cpu", d.doubleValue("cpu") > 0, "more than 0");
        checkNumber(d, "gpu", d.intValue("gpu") >= 0, "0 or more");
        checkMemory(d, false);
        break;
      case KUBERNETES:
        validateKubernetes(d);
        break;
      case ENVIRONMENT:
        validateEnvironment(d);
        break;
      case CATCH:
        validateCatch(d);
        break;
    }
  }

  private void checkRange(Decorator d, String attribute, int min, int max) {
    int value = d.intValue(attribute);
    if (value < min || value > max) {
      report.error(at(d, d.value(attribute)), INVALID_RETRY, attribute, min + " to " + max, value);
    }
  }

  private void validateTimeout(Decorator d) {
    long seconds = 0;
    boolean valid = true;
    for (String unit : List.of("seconds", "minutes", "hours")) {
      int value = d.intValue(unit);
      if (value < 0) {
        report.error(at(d, d.value(unit)), INVALID_TIMEOUT, unit, value);
        valid = false;
      }
      seconds += value;
    }
    if (valid && seconds == 0) {
      report.error(SourceLocation.of(step.method(), d.mirror()), ZERO_TIMEOUT);
    }
  }

  private void checkNumber(Decorator d, String attribute, boolean valid, String rule) {
    Object value = d.value(attribute).getValue();
    boolean finite = !(value instanceof Double v) || Double.isFinite(v);
    if (!valid || !finite) {
      report.error(
          at(d, d.value(attribute)),
          INVALID_RESOURCE,
          d.kind().simpleName(),
          attribute,
          rule,
          value);
    }
  }

  private void checkMemory(Decorator d, boolean emptyAllowed) {
    String memory = d.stringValue("memory");
    if (!(emptyAllowed && memory.isEmpty()) && MemorySizes.toMebibytes(memory).isEmpty()) {
      report.error(
          at(d, d.value("memory")),
          INVALID_MEMORY,
          d.kind().simpleName(),
          MemorySizes.FORMS,
          memory);
    }
  }

  private void validateKubernetes(Decorator d) {
    checkNumber(d, "cpu", d.doubleValue("cpu") >= 0, "0 or more");
    checkNumber(d, "gpu", d.intValue("gpu") >= 0, "0 or more");
    checkMemory(d, true);
    for (String attribute : KUBERNETES_MAPS) {
      Set<String> keys = new HashSet<>();
      for (AnnotationValue entry : d.arrayValue(attribute)) {
        String text = (String) entry.getValue();
        Optional<Map.Entry<String, String>> parsed = KeyValues.parse(text);
        if (parsed.isEmpty()) {
          report.error(at(d, entry), INVALID_KEY_VALUE, d.kind().simpleName(), attribute, text);
        } else if (!keys.add(parsed.get().getKey())) {
          report.error(
              at(d, entry), DUPLICATE_KEY, d.kind().simpleName(), attribute, parsed.get().getKey());
        }
      }
    }
    for (AnnotationValue entry : d.arrayValue("tolerations")) {
      String text = (String) entry.getValue();
      if (!TOLERATION.matcher(text).matches() || !(text.contains("=") || text.contains(":"))) {
        report.error(at(d, entry), INVALID_TOLERATION, text);
      }
    }
  }

  private void validateEnvironment(Decorator d) {
    Set<String> names = new HashSet<>();
    for (AnnotationValue entry : d.arrayValue("vars")) {
      String text = (String) entry.getValue();
      Optional<Map.Entry<String, String>> parsed = KeyValues.parse(text);
      if (parsed.isEmpty() || !ENV_NAME.matcher(text.substring(0, text.indexOf('='))).matches()) {
        report.error(at(d, entry), INVALID_ENVIRONMENT, text);
      } else if (!names.add(parsed.get().getKey())) {
        report.error(
            at(d, entry), DUPLICATE_KEY, d.kind().simpleName(), "vars", parsed.get().getKey());
      }
    }
  }

  private void validateCatch(Decorator d) {
    String var = d.stringValue("var");
    if (var.isEmpty()) {
      return;
    }
    if (!SourceVersion.isName(var)) {
      report.error(at(d, d.value("var")), INVALID_CATCH_VAR, var);
    } else if (fieldNames.contains(var)) {
      report.error(at(d, d.value("var")), DUPLICATE_ARTIFACT, var, step.name(), var);
    }
  }

  private SourceLocation at(Decorator d, AnnotationValue value) {
    return SourceLocation.of(step.method(), d.mirror(), value);
  }
}
