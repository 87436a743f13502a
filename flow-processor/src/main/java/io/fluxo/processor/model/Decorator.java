package io.fluxo.processor.model;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;

/**
 * One decorator annotation on a step, with every attribute's value (defaults included).
 *
 * @param kind which decorator
 * @param mirror the annotation as written
 * @param values attribute values by attribute name, defaults filled in
 */
public record Decorator(
    DecoratorKind kind, AnnotationMirror mirror, Map<String, AnnotationValue> values) {
  /** Copies the values. */
  public Decorator {
    values = Map.copyOf(values);
  }

  /** The value of {@code attribute}, which must exist. */
  public AnnotationValue value(String attribute) {
    AnnotationValue value = values.get(attribute);
    if (value == null) {
      throw new IllegalArgumentException(
          "Unknown attribute " + attribute + " of @" + kind.simpleName());
    }
    return value;
  }

  /** An {@code int} attribute. */
  public int intValue(String attribute) {
    return ((Number) value(attribute).getValue()).intValue();
  }

  /** A {@code double} attribute. */
  public double doubleValue(String attribute) {
    return ((Number) value(attribute).getValue()).doubleValue();
  }

  /** A {@code String} attribute. */
  public String stringValue(String attribute) {
    return (String) value(attribute).getValue();
  }

  /** The elements of a {@code String[]} attribute. */
  public List<AnnotationValue> arrayValue(String attribute) {
    @SuppressWarnings("unchecked")
    List<? extends AnnotationValue> list =
        (List<? extends AnnotationValue>) value(attribute).getValue();
    return List.copyOf(list);
  }

  /** The strings of a {@code String[]} attribute. */
  public List<String> stringList(String attribute) {
    return arrayValue(attribute).stream().map(v -> (String) v.getValue()).toList();
  }
}
