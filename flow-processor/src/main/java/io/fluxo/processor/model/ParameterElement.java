package io.fluxo.processor.model;

import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;

/**
 * The {@code @Parameter} settings of a field.
 *
 * @param mirror the annotation
 * @param option the option name: {@code name} or the kebab-cased field name
 * @param explicitName whether {@code name} was given
 * @param kind how the text is converted, or empty when the field's type is not supported
 * @param description help text
 * @param required whether the option must be given
 */
public record ParameterElement(
    AnnotationMirror mirror,
    String option,
    boolean explicitName,
    Optional<ParameterKind> kind,
    String description,
    boolean required) {}
