package io.fluxo.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * One {@code @Step} method as written.
 *
 * @param method the method
 * @param stepMirror its {@code @Step} annotation
 * @param name the step name (the method name)
 * @param takesInputs whether its only parameter is {@code io.fluxo.Inputs}
 * @param item its only parameter when that is not {@code Inputs}: the foreach item it takes
 * @param transitions every {@code next}/{@code foreach} call in the body, in source order
 * @param decorators its decorator annotations, in source order
 * @param usage the artifacts the body uses
 * @param artifactFlow what the body reads before assigning it, and what it certainly assigns
 * @param throwsChecked whether the method declares a checked exception
 * @param doc the first sentence of its Javadoc, or empty
 */
public record StepElement(
    ExecutableElement method,
    AnnotationMirror stepMirror,
    String name,
    boolean takesInputs,
    Optional<VariableElement> item,
    List<TransitionCall> transitions,
    List<Decorator> decorators,
    ArtifactUsage usage,
    ArtifactFlow artifactFlow,
    boolean throwsChecked,
    String doc) {
  /** Copies the lists. */
  public StepElement {
    transitions = List.copyOf(transitions);
    decorators = List.copyOf(decorators);
  }

  /** The decorator of {@code kind}, if the step has it. */
  public Optional<Decorator> decorator(DecoratorKind kind) {
    return decorators.stream().filter(d -> d.kind() == kind).findFirst();
  }

  /** The step's transition, when its body makes exactly one. */
  public Optional<TransitionCall> transition() {
    return transitions.size() == 1 ? Optional.of(transitions.get(0)) : Optional.empty();
  }

  /** How the step hands over, assuming its transitions are valid. */
  public TransitionType transitionType() {
    return transition().map(TransitionCall::type).orElse(TransitionType.END);
  }
}
