package io.fluxo.processor.model;

import java.util.Optional;
import javax.lang.model.element.VariableElement;

/**
 * A field of the flow class that is an artifact (non-static, non-transient) or a parameter.
 *
 * @param field the field
 * @param name the field name
 * @param artifact whether the field is an artifact (non-static and non-transient)
 * @param parameter its {@code @Parameter} settings, when it has the annotation
 * @param initialized whether the declaration has an initializer, which every task runs
 * @param doc the first sentence of its Javadoc, or empty
 */
public record FieldElement(
    VariableElement field,
    String name,
    boolean artifact,
    Optional<ParameterElement> parameter,
    boolean initialized,
    String doc) {}
