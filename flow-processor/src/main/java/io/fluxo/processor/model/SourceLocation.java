package io.fluxo.processor.model;

import com.sun.source.util.TreePath;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic points: an element (optionally narrowed to an annotation and one of its
 * values), or a node of a method body such as a transition call.
 */
public sealed interface SourceLocation {
  /** The element itself. */
  static SourceLocation of(Element element) {
    return new OnElement(element, Optional.empty(), Optional.empty());
  }

  /** An annotation on {@code element}. */
  static SourceLocation of(Element element, AnnotationMirror annotation) {
    return new OnElement(element, Optional.of(annotation), Optional.empty());
  }

  /** One value of an annotation on {@code element}. */
  static SourceLocation of(Element element, AnnotationMirror annotation, AnnotationValue value) {
    return new OnElement(element, Optional.of(annotation), Optional.ofNullable(value));
  }

  /** A node of a compilation unit's tree. */
  static SourceLocation of(TreePath path) {
    return new OnTree(path);
  }

  /** An element, narrowed to an annotation and a value where present. */
  record OnElement(
      Element element, Optional<AnnotationMirror> annotation, Optional<AnnotationValue> value)
      implements SourceLocation {}

  /** A tree node; the path carries its compilation unit. */
  record OnTree(TreePath path) implements SourceLocation {}
}
