package io.fluxo.processor.codegen;

import static io.fluxo.processor.codegen.ClassNames.CLIENT_FLOW;
import static io.fluxo.processor.codegen.ClassNames.CLIENT_RUN;
import static io.fluxo.processor.codegen.ClassNames.CLIENT_STEP;
import static io.fluxo.processor.codegen.ClassNames.CLIENT_TASK;
import static io.fluxo.processor.codegen.ClassNames.GENERATED;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import io.fluxo.processor.model.FieldElement;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.ParameterElement;
import io.fluxo.processor.model.StepElement;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Writes {@code <Flow>Run} (for a nested flow {@code Outer_InnerRun}), the typed client of a flow's
 * runs: it wraps a client {@code Run} and has one method per step, returning a {@code StepData}
 * whose methods, one per artifact field, return the field's declared type, and a {@code Parameters}
 * view when the flow has parameters. Values are read through the client API, with the field's
 * generic type, so a Dataset artifact comes back as the field declares it.
 *
 * <p>An accessor is named as its step or field; when that name is taken by a method of the class it
 * would go in ({@link #RUN_METHODS}, {@link #DATA_METHODS}, {@link #OBJECT_METHODS}), it takes the
 * suffix {@code Step}, {@code Artifact} or {@code Parameter}: a step {@code run} is read with
 * {@code runStep()}, an artifact {@code task} with {@code taskArtifact()}.
 */
public final class RunClientWriter {
  /** Methods without parameters that every class has, from {@code Object}. */
  static final Set<String> OBJECT_METHODS =
      Set.of(
          "toString", "hashCode", "getClass", "notify", "notifyAll", "wait", "clone", "finalize");

  /** The generated run class's own methods, which steps must not shadow. */
  static final Set<String> RUN_METHODS =
      Set.of("latest", "latestSuccessful", "of", "run", "id", "successful", "parameters");

  /** The methods of {@code TaskData} and {@code StepData}, which artifacts must not shadow. */
  static final Set<String> DATA_METHODS = Set.of("task", "step", "tasks");

  private static final String PROCESSOR = "io.fluxo.processor.FlowProcessor";
  private static final ClassName TYPE = ClassName.get(Type.class);

  private final Filer filer;

  private RunClientWriter(ProcessingEnvironment env) {
    this.filer = env.getFiler();
  }

  /** A writer to the compiler's filer. */
  public static RunClientWriter create(ProcessingEnvironment env) {
    return new RunClientWriter(env);
  }

  /** Writes the client class of {@code flow}. */
  public void write(FlowElement flow) throws IOException {
    javaFile(flow).writeTo(filer);
  }

  /** The source of the client class of {@code flow}. */
  JavaFile javaFile(FlowElement flow) {
    ClassName flowType = ClassName.get(flow.type());
    ClassName self = ClassName.get(flow.packageName(), simpleName(flow) + "Run");
    ClassName taskData = self.nestedClass("TaskData");
    ClassName stepData = self.nestedClass("StepData");
    ClassName parameters = self.nestedClass("Parameters");
    List<FieldElement> parameterFields =
        flow.fields().stream().filter(f -> f.parameter().isPresent()).toList();

    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addOriginatingElement(flow.type())
            .addJavadoc(
                "Typed access to the runs of {@link $T}: one method per step, and on each step"
                    + " one per\nartifact, returning the field's declared type. Values are read"
                    + " when asked for, through\n{@link $T}; a missing step, task or artifact"
                    + " throws {@link $T} naming the\nrun and what it has. An accessor whose name"
                    + " is taken by a method of its class ends in\n{@code Step}, {@code Artifact}"
                    + " or {@code Parameter}.\n",
                flowType,
                CLIENT_RUN,
                NoSuchElementException.class)
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addField(
                FieldSpec.builder(
                        String.class, "FLOW", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$S", flow.name())
                    .build())
            .addField(CLIENT_RUN, "run", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(CLIENT_RUN, "run")
                    .addStatement("this.run = run")
                    .build())
            .addMethods(factories(flow, self))
            .addMethod(
                MethodSpec.methodBuilder("run")
                    .addJavadoc("The client API's run that this reads.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(CLIENT_RUN)
                    .addStatement("return run")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("id")
                    .addJavadoc("The run id, unique within the flow.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(String.class)
                    .addStatement("return run.id()")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("successful")
                    .addJavadoc("Whether the run ended successfully.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(TypeName.BOOLEAN)
                    .addStatement("return run.successful()")
                    .build());
    if (!parameterFields.isEmpty()) {
      type.addMethod(
          MethodSpec.methodBuilder("parameters")
              .addJavadoc("The parameter values the run used.\n")
              .addModifiers(Modifier.PUBLIC)
              .returns(parameters)
              .addStatement("return new $T(run)", parameters)
              .build());
    }
    for (StepElement step : flow.steps()) {
      type.addMethod(stepAccessor(step, stepData));
    }
    type.addMethod(
            MethodSpec.methodBuilder("toString")
                .addJavadoc("{@code $L(Flow/run)}.\n", self.simpleName())
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(String.class)
                .addStatement("return $S + run.pathspec() + $S", self.simpleName() + "(", ")")
                .build())
        .addMethod(declaredType(flowType))
        .addType(taskData(flow, self, taskData))
        .addType(stepData(stepData, taskData));
    if (!parameterFields.isEmpty()) {
      type.addType(parameters(flow, parameterFields, parameters));
    }
    return JavaFile.builder(flow.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  /** {@code Outer_Inner} for a flow nested in {@code Outer}. */
  private static String simpleName(FlowElement flow) {
    List<String> names = new ArrayList<>();
    for (Element e = flow.type(); e.getKind() != ElementKind.PACKAGE; ) {
      names.add(0, e.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    return String.join("_", names);
  }

  private static List<MethodSpec> factories(FlowElement flow, ClassName self) {
    String where = "in the configured datastore,\nas {@code $T.of(name)} finds it";
    return List.of(
        MethodSpec.methodBuilder("latest")
            .addJavadoc(
                "The newest run of {@code $L}, whatever its status, " + where + ".\n\n",
                flow.name(),
                CLIENT_FLOW)
            .addJavadoc("@throws $T if the flow has no run\n", NoSuchElementException.class)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addStatement("return new $T($T.of(FLOW).latestRun())", self, CLIENT_FLOW)
            .build(),
        MethodSpec.methodBuilder("latestSuccessful")
            .addJavadoc(
                "The newest successful run of {@code $L} " + where + ".\n\n",
                flow.name(),
                CLIENT_FLOW)
            .addJavadoc(
                "@throws $T if no run succeeded, listing the runs\n", NoSuchElementException.class)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addStatement("return new $T($T.of(FLOW).latestSuccessfulRun())", self, CLIENT_FLOW)
            .build(),
        MethodSpec.methodBuilder("of")
            .addJavadoc(
                "The run {@code runId} of {@code $L} " + where + ".\n\n", flow.name(), CLIENT_FLOW)
            .addJavadoc(
                "@throws $T if there is no such run, listing the runs\n",
                NoSuchElementException.class)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addParameter(String.class, "runId")
            .addStatement("return new $T($T.of(FLOW).run(runId))", self, CLIENT_FLOW)
            .build(),
        MethodSpec.methodBuilder("of")
            .addJavadoc("Reads {@code run}, found by the client API in any datastore.\n\n")
            .addJavadoc(
                "@throws $T if {@code run} is not a run of {@code $L}\n",
                IllegalArgumentException.class,
                flow.name())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(self)
            .addParameter(CLIENT_RUN, "run")
            .beginControlFlow("if (!run.flowName().equals(FLOW))")
            .addStatement(
                "throw new $T($S + run + $S + FLOW + $S)",
                IllegalArgumentException.class,
                "Cannot read ",
                " as a run of ",
                ": it is another flow's")
            .endControlFlow()
            .addStatement("return new $T(run)", self)
            .build());
  }

  private static MethodSpec stepAccessor(StepElement step, ClassName stepData) {
    String name = accessorName(step.name(), RUN_METHODS, "Step");
    return MethodSpec.methodBuilder(name)
        .addJavadoc(doc(step.doc(), "The step {@code " + step.name() + "}."))
        .addJavadoc(
            "\n@throws $T if the run has no task of this step\n", NoSuchElementException.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(stepData)
        .addStatement("return new $T(run.step($S))", stepData, step.name())
        .build();
  }

  /** Reads the declared type of an artifact field, with its type arguments. */
  private static MethodSpec declaredType(ClassName flowType) {
    return MethodSpec.methodBuilder("declaredType")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(TYPE)
        .addParameter(String.class, "field")
        .beginControlFlow("try")
        .addStatement("return $T.class.getDeclaredField(field).getGenericType()", flowType)
        .nextControlFlow("catch ($T e)", NoSuchFieldException.class)
        .addStatement(
            "throw new $T($S + field + $S, e)",
            IllegalStateException.class,
            "Cannot read artifact ",
            ": " + flowType.simpleName() + " has no such field; recompile it")
        .endControlFlow()
        .build();
  }

  private static TypeSpec taskData(FlowElement flow, ClassName self, ClassName taskData) {
    ParameterizedTypeName supplier =
        ParameterizedTypeName.get(ClassName.get(Supplier.class), CLIENT_TASK);
    TypeSpec.Builder type =
        TypeSpec.classBuilder(taskData)
            .addJavadoc(
                "The artifacts of one task of a run of {@link $T}, each read as its field is"
                    + " declared.\nAn accessor throws {@link $T} if the task has no such"
                    + " artifact (never set),\nnaming the task and the artifacts it has.\n",
                flow.type(),
                NoSuchElementException.class)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .addField(supplier, "task", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(supplier, "task")
                    .addStatement("this.task = task")
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("task")
                    .addJavadoc("The client API's task that this reads.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .returns(CLIENT_TASK)
                    .addStatement("return task.get()")
                    .build());
    for (FieldElement field : flow.artifacts()) {
      TypeMirror declared = field.field().asType();
      TypeName returns = TypeName.get(declared);
      // Qualified: an artifact accessor named declaredType would hide the outer method.
      CodeBlock read =
          CodeBlock.of(
              "task().artifact($S, $T.declaredType($S))", field.name(), self, field.name());
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(accessorName(field.name(), DATA_METHODS, "Artifact"))
              .addJavadoc(fieldDoc(field))
              .addModifiers(Modifier.PUBLIC)
              .returns(returns);
      if (returns.equals(ClassName.OBJECT)) {
        method.addStatement("return $L", read);
      } else {
        method.addStatement("return ($T) $L", returns, read);
      }
      if (isGeneric(declared)) {
        method.addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "unchecked")
                .build());
      }
      type.addMethod(method.build());
    }
    return type.build();
  }

  private static TypeSpec stepData(ClassName stepData, ClassName taskData) {
    TypeName tasks = ParameterizedTypeName.get(ClassName.get(List.class), taskData);
    return TypeSpec.classBuilder(stepData)
        .addJavadoc(
            "One step of a run: its tasks, and the artifacts of its task when it has exactly"
                + " one;\nthose accessors throw {@link $T} for a step with several tasks (a"
                + " foreach\nbody), whose tasks' artifacts {@link #tasks()} reads.\n",
            NoSuchElementException.class)
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .superclass(taskData)
        .addField(CLIENT_STEP, "step", Modifier.PRIVATE, Modifier.FINAL)
        .addMethod(
            MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(CLIENT_STEP, "step")
                .addStatement("super(() -> onlyTask(step))")
                .addStatement("this.step = step")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("step")
                .addJavadoc("The client API's step that this reads.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(CLIENT_STEP)
                .addStatement("return step")
                .build())
        .addMethod(
            MethodSpec.methodBuilder("tasks")
                .addJavadoc("The step's tasks, by task id: for a foreach body, one per item.\n")
                .addModifiers(Modifier.PUBLIC)
                .returns(tasks)
                .addStatement(
                    "return step.tasks().stream().map(t -> new $T(() -> t)).toList()", taskData)
                .build())
        .addMethod(
            MethodSpec.methodBuilder("onlyTask")
                .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                .returns(CLIENT_TASK)
                .addParameter(CLIENT_STEP, "step")
                .addStatement("$T<$T> tasks = step.tasks()", List.class, CLIENT_TASK)
                .beginControlFlow("if (tasks.size() != 1)")
                .addStatement(
                    "throw new $T($S + step.pathspec() + $S + tasks.size() + $S)",
                    NoSuchElementException.class,
                    "step ",
                    " has ",
                    " tasks, not one; read them through tasks()")
                .endControlFlow()
                .addStatement("return tasks.get(0)")
                .build())
        .build();
  }

  private static TypeSpec parameters(
      FlowElement flow, List<FieldElement> fields, ClassName parameters) {
    TypeSpec.Builder type =
        TypeSpec.classBuilder(parameters)
            .addJavadoc(
                "The parameter values of a run of {@link $T}. An accessor throws {@link $T}"
                    + "\nif the run has no such parameter.\n",
                flow.type(),
                NoSuchElementException.class)
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addField(CLIENT_RUN, "run", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addModifiers(Modifier.PRIVATE)
                    .addParameter(CLIENT_RUN, "run")
                    .addStatement("this.run = run")
                    .build());
    for (FieldElement field : fields) {
      TypeMirror declared = field.field().asType();
      TypeName returns = TypeName.get(declared);
      MethodSpec.Builder method =
          MethodSpec.methodBuilder(accessorName(field.name(), Set.of(), "Parameter"))
              .addJavadoc(fieldDoc(field))
              .addModifiers(Modifier.PUBLIC)
              .returns(returns)
              .addStatement("return ($T) run.parameter($S)", returns, field.name());
      if (isGeneric(declared)) {
        method.addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", "unchecked")
                .build());
      }
      type.addMethod(method.build());
    }
    return type.build();
  }

  /** {@code name}, or {@code name + suffix} when {@code taken} or {@code Object} has it. */
  static String accessorName(String name, Set<String> taken, String suffix) {
    return taken.contains(name) || OBJECT_METHODS.contains(name) ? name + suffix : name;
  }

  /** The field's doc, else its parameter's description, else a plain sentence. */
  private static CodeBlock fieldDoc(FieldElement field) {
    String description = field.parameter().map(ParameterElement::description).orElse("").strip();
    if (!description.isEmpty() && !description.matches(".*[.!?]")) {
      description += ".";
    }
    String kind = field.parameter().isPresent() ? "The parameter" : "The artifact";
    String fallback = description.isEmpty() ? kind + " {@code " + field.name() + "}." : description;
    return doc(field.doc(), fallback);
  }

  private static CodeBlock doc(String doc, String fallback) {
    return CodeBlock.of("$L\n", (doc.isBlank() ? fallback : doc).replace("*/", "*&#47;"));
  }

  private static boolean isGeneric(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
            && !((DeclaredType) type).getTypeArguments().isEmpty()
        || type.getKind() == TypeKind.ARRAY && isGeneric(((ArrayType) type).getComponentType());
  }
}
