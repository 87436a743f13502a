package io.fluxo.processor.validation;

import static io.fluxo.processor.validation.ErrorMessages.CATCH_ON_FOREACH;
import static io.fluxo.processor.validation.ErrorMessages.DUPLICATE_STEP;
import static io.fluxo.processor.validation.ErrorMessages.END_IS_JOIN;
import static io.fluxo.processor.validation.ErrorMessages.END_TRANSITION;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_STEP_NAME;
import static io.fluxo.processor.validation.ErrorMessages.INVALID_TRANSITION;
import static io.fluxo.processor.validation.ErrorMessages.JOIN_INPUTS_TYPE;
import static io.fluxo.processor.validation.ErrorMessages.JOIN_IS_SPLIT;
import static io.fluxo.processor.validation.ErrorMessages.MISSING_STEP;
import static io.fluxo.processor.validation.ErrorMessages.MULTIPLE_TRANSITIONS;
import static io.fluxo.processor.validation.ErrorMessages.NO_TRANSITION;
import static io.fluxo.processor.validation.ErrorMessages.REPEATED_TARGET;
import static io.fluxo.processor.validation.ErrorMessages.RESERVED_STEP_NAME;
import static io.fluxo.processor.validation.ErrorMessages.STEP_GENERIC;
import static io.fluxo.processor.validation.ErrorMessages.STEP_NOT_PUBLIC;
import static io.fluxo.processor.validation.ErrorMessages.STEP_PARAMETERS;
import static io.fluxo.processor.validation.ErrorMessages.STEP_RETURN_TYPE;
import static io.fluxo.processor.validation.ErrorMessages.STEP_STATIC;
import static io.fluxo.processor.validation.ErrorMessages.TRANSITION_NOT_LAST;

import com.sun.source.util.TreePath;
import io.fluxo.processor.model.DecoratorKind;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.FlowModelFactory;
import io.fluxo.processor.model.SourceLocation;
import io.fluxo.processor.model.StepElement;
import io.fluxo.processor.model.TransitionCall;
import io.fluxo.processor.model.TransitionType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/** Checks each step's signature, name and transition, and that start and end exist once. */
final class StepValidator {
  static final String START = "start";
  static final String END = "end";

  private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /**
   * Names a step may not take: the methods of FlowSpec and Object, and the words Metaflow reserves
   * for its own attributes.
   */
  static final Set<String> RESERVED =
      new TreeSet<>(
          Set.of(
              "next",
              "foreach",
              "input",
              "index",
              "current",
              "mergeArtifacts",
              "name",
              "cmd",
              "getClass",
              "hashCode",
              "equals",
              "toString",
              "notify",
              "notifyAll",
              "wait",
              "clone",
              "finalize"));

  private StepValidator() {}

  static void validate(FlowElement flow, ValidationReport report) {
    requireStep(flow, START, report);
    requireStep(flow, END, report);
    Map<String, List<StepElement>> byName =
        flow.steps().stream().collect(Collectors.groupingBy(StepElement::name));
    for (StepElement step : flow.steps()) {
      List<StepElement> sameName = byName.get(step.name());
      if (sameName.size() > 1 && sameName.get(0) != step) {
        report.error(
            SourceLocation.of(step.method()),
            DUPLICATE_STEP,
            step.method(),
            step.name(),
            sameName.size());
      }
      validateSignature(step, report);
      validateName(step, report);
      validateTransitions(step, report);
    }
  }

  private static void requireStep(FlowElement flow, String name, ValidationReport report) {
    if (flow.step(name).isEmpty()) {
      report.error(
          SourceLocation.of(flow.type(), flow.flowMirror()), MISSING_STEP, flow.name(), name, name);
    }
  }

  private static void validateSignature(StepElement step, ValidationReport report) {
    ExecutableElement method = step.method();
    SourceLocation where = SourceLocation.of(method);
    if (!method.getModifiers().contains(Modifier.PUBLIC)) {
      report.error(where, STEP_NOT_PUBLIC, step.name());
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      report.error(where, STEP_STATIC, step.name());
    }
    if (method.getReturnType().getKind() != TypeKind.VOID) {
      report.error(where, STEP_RETURN_TYPE, step.name(), method.getReturnType());
    }
    if (!method.getTypeParameters().isEmpty()) {
      report.error(
          where,
          STEP_GENERIC,
          step.name(),
          method.getTypeParameters().stream()
              .map(Object::toString)
              .collect(Collectors.joining(", ")));
    }
    int params = method.getParameters().size();
    if (step.takesInputs()) {
      validateInputsType(step, report);
    }
    if (params > 1) {
      boolean firstIsInputs =
          method.getParameters().get(0).asType().toString().startsWith(FlowModelFactory.INPUTS);
      report.error(
          SourceLocation.of(method.getParameters().get(params > 1 && firstIsInputs ? 1 : 0)),
          STEP_PARAMETERS,
          step.name(),
          method.getParameters().stream()
              .map(p -> p.asType() + " " + p.getSimpleName())
              .collect(Collectors.joining(", ")));
    }
  }

  /** A join takes {@code Inputs<Flow>} of its own flow, or the raw or wildcard form. */
  private static void validateInputsType(StepElement step, ValidationReport report) {
    VariableElement parameter = step.method().getParameters().get(0);
    List<? extends TypeMirror> args = ((DeclaredType) parameter.asType()).getTypeArguments();
    if (args.isEmpty() || args.get(0).getKind() == TypeKind.WILDCARD) {
      return;
    }
    TypeElement flow = (TypeElement) step.method().getEnclosingElement();
    TypeMirror arg = args.get(0);
    if (!(arg instanceof DeclaredType declared) || !declared.asElement().equals(flow)) {
      report.error(
          SourceLocation.of(parameter),
          JOIN_INPUTS_TYPE,
          step.name(),
          arg,
          flow.getSimpleName(),
          flow.getSimpleName());
    }
  }

  private static void validateName(StepElement step, ValidationReport report) {
    if (!STEP_NAME.matcher(step.name()).matches()) {
      report.error(SourceLocation.of(step.method()), INVALID_STEP_NAME, step.name());
    } else if (RESERVED.contains(step.name())) {
      report.error(
          SourceLocation.of(step.method()),
          RESERVED_STEP_NAME,
          step.name(),
          String.join(", ", RESERVED));
    }
  }

  private static void validateTransitions(StepElement step, ValidationReport report) {
    List<TransitionCall> calls = step.transitions();
    if (step.name().equals(END)) {
      if (!calls.isEmpty()) {
        report.error(SourceLocation.of(calls.get(0).path()), END_TRANSITION, calls.get(0).method());
      }
      if (step.takesInputs()) {
        report.error(SourceLocation.of(step.method().getParameters().get(0)), END_IS_JOIN);
      }
      return;
    }
    if (calls.isEmpty()) {
      report.error(SourceLocation.of(step.method()), NO_TRANSITION, step.name());
      return;
    }
    if (calls.size() > 1) {
      report.error(
          SourceLocation.of(calls.get(1).path()),
          MULTIPLE_TRANSITIONS,
          step.name(),
          calls.size(),
          calls.stream().map(c -> c.method() + "(...)").collect(Collectors.joining(", ")));
      return;
    }
    TransitionCall call = calls.get(0);
    if (!call.last()) {
      report.error(SourceLocation.of(call.path()), TRANSITION_NOT_LAST, step.name(), call.method());
    }
    for (TreePath invalid : call.invalidArguments()) {
      report.error(
          SourceLocation.of(invalid),
          INVALID_TRANSITION,
          step.name(),
          call.method(),
          call.type() == TransitionType.FOREACH
              ? ", after the items: foreach(items, this::step)"
              : "",
          invalid.getLeaf());
    }
    Set<String> seen = new HashSet<>();
    for (TransitionCall.Target target : call.targets()) {
      if (!seen.add(target.name())) {
        report.error(SourceLocation.of(target.path()), REPEATED_TARGET, step.name(), target.name());
      }
    }
    if (step.takesInputs() && call.type() != TransitionType.LINEAR) {
      report.error(SourceLocation.of(call.path()), JOIN_IS_SPLIT, step.name(), call.method());
    }
    if (call.type() == TransitionType.FOREACH) {
      step.decorator(DecoratorKind.CATCH)
          .ifPresent(
              c ->
                  report.error(
                      SourceLocation.of(step.method(), c.mirror()), CATCH_ON_FOREACH, step.name()));
    }
  }
}
