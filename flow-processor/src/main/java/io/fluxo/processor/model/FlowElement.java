package io.fluxo.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * A {@code @Flow} class as written.
 *
 * @param type the class
 * @param flowMirror its {@code @Flow} annotation
 * @param name the flow name, the class's simple name
 * @param className the class's binary name, as {@code Class.forName} takes it
 * @param packageName the class's package
 * @param generatedName simple name of the generated class, {@code FlowMain_Outer_Inner}
 * @param description {@code @Flow(description)}
 * @param steps the {@code @Step} methods in source order
 * @param fields the artifact and parameter fields in source order
 */
public record FlowElement(
    TypeElement type,
    AnnotationMirror flowMirror,
    String name,
    String className,
    String packageName,
    String generatedName,
    String description,
    List<StepElement> steps,
    List<FieldElement> fields) {
  /** Copies the lists. */
  public FlowElement {
    steps = List.copyOf(steps);
    fields = List.copyOf(fields);
  }

  /** The first step named {@code name}. */
  public Optional<StepElement> step(String name) {
    return steps.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** Step names in source order. */
  public List<String> stepNames() {
    return steps.stream().map(StepElement::name).toList();
  }

  /** The artifact fields (parameters included) in source order. */
  public List<FieldElement> artifacts() {
    return fields.stream().filter(FieldElement::artifact).toList();
  }
}
