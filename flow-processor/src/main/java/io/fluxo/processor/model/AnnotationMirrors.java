package io.fluxo.processor.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** Finds annotations by name and reads their values with defaults. */
public final class AnnotationMirrors {
  private AnnotationMirrors() {}

  /** The annotation of type {@code qualifiedName} on {@code element}, if present. */
  public static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** Every attribute of {@code mirror} by simple name, defaults filled in. */
  static Map<String, AnnotationValue> values(Elements elements, AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = new LinkedHashMap<>();
    elements
        .getElementValuesWithDefaults(mirror)
        .forEach((method, value) -> values.put(method.getSimpleName().toString(), value));
    return values;
  }
}
