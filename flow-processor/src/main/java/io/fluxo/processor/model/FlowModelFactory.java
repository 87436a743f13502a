package io.fluxo.processor.model;

import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a {@code @Flow} class into a {@link FlowElement}; reports nothing and checks nothing. */
public final class FlowModelFactory {
  /** {@code io.fluxo.Flow}. */
  public static final String FLOW = "io.fluxo.Flow";

  /** {@code io.fluxo.Step}. */
  public static final String STEP = "io.fluxo.Step";

  /** {@code io.fluxo.Parameter}. */
  public static final String PARAMETER = "io.fluxo.Parameter";

  /** {@code io.fluxo.Inputs}. */
  public static final String INPUTS = "io.fluxo.Inputs";

  private final Elements elements;
  private final Types types;
  private final Trees trees;

  private FlowModelFactory(Elements elements, Types types, Trees trees) {
    this.elements = elements;
    this.types = types;
    this.trees = trees;
  }

  /** A factory reading sources through javac's {@code trees}. */
  public static FlowModelFactory create(ProcessingEnvironment env, Trees trees) {
    return new FlowModelFactory(env.getElementUtils(), env.getTypeUtils(), trees);
  }

  /** The model of {@code type}, which carries {@code @Flow}. */
  public FlowElement create(TypeElement type) {
    AnnotationMirror flowMirror = AnnotationMirrors.find(type, FLOW).orElseThrow();
    List<FieldElement> fields = new ArrayList<>();
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      Optional<AnnotationMirror> parameter = AnnotationMirrors.find(field, PARAMETER);
      boolean artifact =
          !field.getModifiers().contains(Modifier.STATIC)
              && !field.getModifiers().contains(Modifier.TRANSIENT);
      if (artifact || parameter.isPresent()) {
        fields.add(
            new FieldElement(
                field,
                field.getSimpleName().toString(),
                artifact,
                parameter.map(p -> parameter(field, p)),
                trees.getTree(field) instanceof VariableTree v && v.getInitializer() != null,
                Javadocs.firstSentence(elements.getDocComment(field))));
      }
    }
    List<ExecutableElement> stepMethods =
        ElementFilter.methodsIn(type.getEnclosedElements()).stream()
            .filter(m -> AnnotationMirrors.find(m, STEP).isPresent())
            .toList();
    Set<String> artifactNames =
        fields.stream()
            .filter(FieldElement::artifact)
            .map(FieldElement::name)
            .collect(Collectors.toSet());
    Set<String> stepNames =
        stepMethods.stream().map(m -> m.getSimpleName().toString()).collect(Collectors.toSet());
    ArtifactUsageAnalyzer usage =
        new ArtifactUsageAnalyzer(type, artifactNames, stepNames, trees, elements);
    ArtifactFlowAnalyzer artifactFlow =
        new ArtifactFlowAnalyzer(type, artifactNames, stepNames, trees);
    List<StepElement> steps = new ArrayList<>();
    for (ExecutableElement method : stepMethods) {
      steps.add(step(method, usage, artifactFlow));
    }
    return new FlowElement(
        type,
        flowMirror,
        type.getSimpleName().toString(),
        elements.getBinaryName(type).toString(),
        elements.getPackageOf(type).getQualifiedName().toString(),
        generatedName(type),
        (String) AnnotationMirrors.values(elements, flowMirror).get("description").getValue(),
        steps,
        fields);
  }

  private StepElement step(
      ExecutableElement method, ArtifactUsageAnalyzer usage, ArtifactFlowAnalyzer artifactFlow) {
    TreePath path = trees.getPath(method);
    List<Decorator> decorators = new ArrayList<>();
    for (AnnotationMirror mirror : method.getAnnotationMirrors()) {
      String name =
          ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
      for (DecoratorKind kind : EnumSet.allOf(DecoratorKind.class)) {
        if (kind.qualifiedName().equals(name)) {
          decorators.add(new Decorator(kind, mirror, AnnotationMirrors.values(elements, mirror)));
        }
      }
    }
    boolean takesInputs =
        method.getParameters().size() == 1 && isInputs(method.getParameters().get(0).asType());
    return new StepElement(
        method,
        AnnotationMirrors.find(method, STEP).orElseThrow(),
        method.getSimpleName().toString(),
        takesInputs,
        method.getParameters().size() == 1 && !takesInputs
            ? Optional.of(method.getParameters().get(0))
            : Optional.empty(),
        path == null ? List.of() : TransitionScanner.scan(path),
        decorators,
        usage.analyze(method),
        artifactFlow.analyze(method),
        method.getThrownTypes().stream().anyMatch(this::isChecked),
        Javadocs.firstSentence(elements.getDocComment(method)));
  }

  private ParameterElement parameter(VariableElement field, AnnotationMirror mirror) {
    Map<String, AnnotationValue> values = AnnotationMirrors.values(elements, mirror);
    String name = (String) values.get("name").getValue();
    boolean explicit = !name.isEmpty();
    return new ParameterElement(
        mirror,
        explicit ? name : OptionNames.kebabCase(field.getSimpleName().toString()),
        explicit,
        parameterKind(field.asType()),
        (String) values.get("description").getValue(),
        (Boolean) values.get("required").getValue());
  }

  private Optional<ParameterKind> parameterKind(TypeMirror type) {
    switch (type.getKind()) {
      case INT:
        return Optional.of(ParameterKind.INT);
      case LONG:
        return Optional.of(ParameterKind.LONG);
      case DOUBLE:
        return Optional.of(ParameterKind.DOUBLE);
      case BOOLEAN:
        return Optional.of(ParameterKind.BOOLEAN);
      case DECLARED:
        return declaredParameterKind((DeclaredType) type);
      default:
        return Optional.empty();
    }
  }

  private Optional<ParameterKind> declaredParameterKind(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    if (element.getKind() == ElementKind.ENUM) {
      return Optional.of(ParameterKind.ENUM);
    }
    if (element.getKind() == ElementKind.RECORD) {
      return Optional.of(ParameterKind.JSON);
    }
    List<? extends TypeMirror> args = type.getTypeArguments();
    switch (element.getQualifiedName().toString()) {
      case "java.lang.String":
        return Optional.of(ParameterKind.STRING);
      case "java.lang.Integer":
        return Optional.of(ParameterKind.INT);
      case "java.lang.Long":
        return Optional.of(ParameterKind.LONG);
      case "java.lang.Double":
        return Optional.of(ParameterKind.DOUBLE);
      case "java.lang.Boolean":
        return Optional.of(ParameterKind.BOOLEAN);
      case "java.util.List":
        return args.size() == 1 && isString(args.get(0))
            ? Optional.of(ParameterKind.STRING_LIST)
            : Optional.empty();
      case "java.util.Map":
        return args.size() == 2 && isString(args.get(0))
            ? Optional.of(ParameterKind.JSON)
            : Optional.empty();
      default:
        return Optional.empty();
    }
  }

  private boolean isString(TypeMirror type) {
    return isDeclared(type, "java.lang.String");
  }

  private boolean isInputs(TypeMirror type) {
    return isDeclared(type, INPUTS);
  }

  private static boolean isDeclared(TypeMirror type, String qualifiedName) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals(qualifiedName);
  }

  private boolean isChecked(TypeMirror thrown) {
    TypeMirror runtime = elements.getTypeElement("java.lang.RuntimeException").asType();
    TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
    return !types.isSubtype(thrown, runtime) && !types.isSubtype(thrown, error);
  }

  /** {@code FlowMain_} followed by the flow's enclosing type names and its own, joined by _. */
  private static String generatedName(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.add(0, e.getSimpleName().toString());
    }
    return "FlowMain_" + String.join("_", names);
  }
}
