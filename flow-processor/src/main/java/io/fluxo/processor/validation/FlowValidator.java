package io.fluxo.processor.validation;

import static io.fluxo.processor.validation.ErrorMessages.FLOW_ABSTRACT;
import static io.fluxo.processor.validation.ErrorMessages.FLOW_CONSTRUCTOR;
import static io.fluxo.processor.validation.ErrorMessages.FLOW_GENERIC;
import static io.fluxo.processor.validation.ErrorMessages.FLOW_NOT_CLASS;
import static io.fluxo.processor.validation.ErrorMessages.FLOW_NOT_FLOW_SPEC;
import static io.fluxo.processor.validation.ErrorMessages.FLOW_NOT_PUBLIC;
import static io.fluxo.processor.validation.ErrorMessages.FLOW_NOT_STATIC;

import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.SourceLocation;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a flow's elements: the class, then its steps, fields and decorators. The graph is checked
 * later, and only when this finds nothing.
 */
public final class FlowValidator {
  private static final String FLOW_SPEC = "io.fluxo.FlowSpec";

  private final Elements elements;
  private final Types types;

  private FlowValidator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** A validator using the compiler's element and type utilities. */
  public static FlowValidator create(ProcessingEnvironment env) {
    return new FlowValidator(env.getElementUtils(), env.getTypeUtils());
  }

  /** Adds to {@code report} every element error of {@code flow}. */
  public void validate(FlowElement flow, ValidationReport report) {
    if (!validateClass(flow, report)) {
      return;
    }
    StepValidator.validate(flow, report);
    FieldValidator.validate(flow, report);
    new ArtifactTypeValidator(elements, types).validate(flow, report);
    DecoratorValidator.validate(flow, report);
  }

  /** Checks the class; false when it is not a class at all, so nothing else can be checked. */
  private boolean validateClass(FlowElement flow, ValidationReport report) {
    TypeElement type = flow.type();
    SourceLocation where = SourceLocation.of(type, flow.flowMirror());
    if (type.getKind() != ElementKind.CLASS) {
      report.error(
          where, FLOW_NOT_CLASS, type.getSimpleName(), type.getKind().toString().toLowerCase());
      return false;
    }
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      report.error(where, FLOW_NOT_PUBLIC, type.getSimpleName());
    }
    if (type.getEnclosingElement() instanceof TypeElement
        && !type.getModifiers().contains(Modifier.STATIC)) {
      report.error(where, FLOW_NOT_STATIC, type.getSimpleName());
    }
    if (type.getModifiers().contains(Modifier.ABSTRACT)) {
      report.error(where, FLOW_ABSTRACT, type.getSimpleName());
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.error(
          SourceLocation.of(type.getTypeParameters().get(0)),
          FLOW_GENERIC,
          type.getSimpleName(),
          type.getTypeParameters().stream()
              .map(Object::toString)
              .collect(Collectors.joining(", ")));
    }
    TypeElement flowSpec = elements.getTypeElement(FLOW_SPEC);
    TypeMirror erased = types.erasure(type.asType());
    if (flowSpec == null || !types.isSubtype(erased, types.erasure(flowSpec.asType()))) {
      report.error(where, FLOW_NOT_FLOW_SPEC, type.getSimpleName(), type.getSuperclass());
    }
    boolean hasNoArgConstructor =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .anyMatch(
                c -> c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC));
    if (!hasNoArgConstructor) {
      report.error(where, FLOW_CONSTRUCTOR, type.getSimpleName(), type.getSimpleName());
    }
    return true;
  }
}
