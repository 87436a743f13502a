package io.fluxo.processor.validation;

import static io.fluxo.processor.validation.ErrorMessages.UNSTORABLE_ARTIFACT;

import io.fluxo.processor.model.FieldElement;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.SourceLocation;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Rejects artifact fields whose values cannot be stored and read back by another task: code
 * (lambdas, through functional interfaces) and live resources of the task (threads, streams,
 * sockets, connections, class loaders, Spark sessions). Such a field must be {@code transient}.
 */
final class ArtifactTypeValidator {
  private static final String CODE = "holds code (a lambda or method reference)";
  private static final String RESOURCE = "is a live resource of the task that writes it";

  /** Supertypes whose values are live resources, with what they are. */
  private static final List<String> RESOURCES =
      List.of(
          "java.lang.Thread",
          "java.lang.ThreadGroup",
          "java.lang.ClassLoader",
          "java.lang.Process",
          "java.lang.ref.Reference",
          "java.util.Iterator",
          "java.util.stream.BaseStream",
          "java.io.InputStream",
          "java.io.OutputStream",
          "java.io.Reader",
          "java.io.Writer",
          "java.io.RandomAccessFile",
          "java.net.Socket",
          "java.net.ServerSocket",
          "java.nio.channels.Channel",
          "java.util.concurrent.Executor",
          "java.util.concurrent.Future",
          "java.util.concurrent.locks.Lock",
          "java.sql.Connection",
          "java.sql.Statement",
          "java.sql.ResultSet",
          "org.apache.spark.sql.SparkSession",
          "org.apache.spark.SparkContext",
          "org.apache.spark.api.java.JavaSparkContext");

  private final Elements elements;
  private final Types types;

  ArtifactTypeValidator(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  void validate(FlowElement flow, ValidationReport report) {
    for (FieldElement field : flow.artifacts()) {
      if (field.parameter().isPresent()) {
        continue;
      }
      TypeMirror type = field.field().asType();
      Optional<String> why = unstorable(type);
      if (why.isPresent()) {
        SourceLocation where = SourceLocation.of(field.field());
        report.error(where, UNSTORABLE_ARTIFACT, field.name(), type, why.get());
      }
    }
  }

  private Optional<String> unstorable(TypeMirror type) {
    if (type.getKind() == TypeKind.WILDCARD) {
      TypeMirror bound = ((WildcardType) type).getExtendsBound();
      return bound == null ? Optional.empty() : unstorable(bound);
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return unstorable(((ArrayType) type).getComponentType());
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    if (isFunctional(element)) {
      return Optional.of(CODE);
    }
    TypeMirror erased = types.erasure(type);
    for (String name : RESOURCES) {
      TypeElement resource = elements.getTypeElement(name);
      if (resource != null && types.isSubtype(erased, types.erasure(resource.asType()))) {
        return Optional.of(RESOURCE + " (a " + name + ")");
      }
    }
    // A collection or map of such values cannot be stored either.
    for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
      Optional<String> why = unstorable(argument);
      if (why.isPresent()) {
        return why;
      }
    }
    return Optional.empty();
  }

  private static boolean isFunctional(TypeElement element) {
    if (element.getKind() != ElementKind.INTERFACE) {
      return false;
    }
    String name = element.getQualifiedName().toString();
    return name.startsWith("java.util.function.")
        || name.equals("java.lang.Runnable")
        || name.equals("java.util.concurrent.Callable")
        || element.getAnnotationMirrors().stream()
            .anyMatch(
                a ->
                    ((TypeElement) a.getAnnotationType().asElement())
                        .getQualifiedName()
                        .contentEquals("java.lang.FunctionalInterface"));
  }
}
