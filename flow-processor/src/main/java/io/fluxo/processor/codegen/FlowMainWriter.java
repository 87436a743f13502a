package io.fluxo.processor.codegen;

import static io.fluxo.processor.codegen.ClassNames.FLOW_CLI;
import static io.fluxo.processor.codegen.ClassNames.FLOW_DEFINITION;
import static io.fluxo.processor.codegen.ClassNames.FLOW_GRAPH;
import static io.fluxo.processor.codegen.ClassNames.GENERATED;
import static io.fluxo.processor.codegen.ClassNames.INPUTS;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import io.fluxo.processor.graph.StepGraph;
import io.fluxo.processor.model.FieldElement;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.StepElement;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Writes {@code FlowMain_<Flow>}: the flow's {@code FlowDefinition}, holding its graph and
 * reflection-free access to its steps and artifact fields, with a {@code main} that starts the CLI.
 */
public final class FlowMainWriter {
  private static final AnnotationSpec UNCHECKED =
      AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "unchecked").build();

  private static final String PROCESSOR = "io.fluxo.processor.FlowProcessor";

  /**
   * The ABI version of the code this writer generates: the runtime's {@code
   * FlowDefinition.ABI_VERSION} of the same release, which refuses code of another version.
   */
  static final int ABI_VERSION = 2;

  private final Filer filer;
  private final GraphWriter graphWriter;

  private FlowMainWriter(ProcessingEnvironment env) {
    this.filer = env.getFiler();
    this.graphWriter = new GraphWriter(env.getTypeUtils());
  }

  /** A writer to the compiler's filer. */
  public static FlowMainWriter create(ProcessingEnvironment env) {
    return new FlowMainWriter(env);
  }

  /** Writes the class for {@code graph}; returns its qualified name. */
  public String write(StepGraph graph) throws IOException {
    JavaFile file = javaFile(graph);
    file.writeTo(filer);
    return file.packageName().isEmpty()
        ? file.typeSpec().name()
        : file.packageName() + "." + file.typeSpec().name();
  }

  /** The source of the class for {@code graph}. */
  JavaFile javaFile(StepGraph graph) {
    FlowElement flow = graph.flow();
    ClassName flowType = ClassName.get(flow.type());
    ClassName self = ClassName.get(flow.packageName(), flow.generatedName());
    TypeSpec.Builder type =
        TypeSpec.classBuilder(self)
            .addOriginatingElement(flow.type())
            .addJavadoc("The generated {@code FlowDefinition} of {@link $T}.\n", flowType)
            .addAnnotation(
                AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
            .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
            .addSuperinterface(ParameterizedTypeName.get(FLOW_DEFINITION, flowType))
            .addType(
                TypeSpec.classBuilder("Graph")
                    .addJavadoc(
                        "Holds the graph, built on first use: after the runtime checked the ABI"
                            + " version.\n")
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .addField(
                        FieldSpec.builder(FLOW_GRAPH, "GRAPH", Modifier.STATIC, Modifier.FINAL)
                            .initializer(graphWriter.graph(graph))
                            .build())
                    .build())
            .addMethod(
                MethodSpec.constructorBuilder()
                    .addJavadoc("Creates the definition; {@code ServiceLoader} calls this.\n")
                    .addModifiers(Modifier.PUBLIC)
                    .build())
            .addMethod(
                MethodSpec.methodBuilder("main")
                    .addJavadoc("Runs the {@code flow} command line of $T.\n", flowType)
                    .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addParameter(String[].class, "args")
                    .addStatement("$T.main(new $T(), args)", FLOW_CLI, self)
                    .build())
            .addMethod(
                override("abiVersion", TypeName.INT).addStatement("return $L", ABI_VERSION).build())
            .addMethod(override("graph", FLOW_GRAPH).addStatement("return Graph.GRAPH").build())
            .addMethod(
                override("newInstance", flowType).addStatement("return new $T()", flowType).build())
            .addMethod(runStep(flow, flowType))
            .addMethod(getArtifact(flow, flowType))
            .addMethod(setArtifact(flow, flowType));
    if (flow.steps().stream().anyMatch(StepElement::throwsChecked)) {
      type.addMethod(sneakyThrow());
    }
    return JavaFile.builder(flow.packageName(), type.build()).skipJavaLangImports(true).build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns);
  }

  private static MethodSpec runStep(FlowElement flow, ClassName flowType) {
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (step)");
    boolean unchecked = false;
    for (StepElement step : flow.steps()) {
      body.add("case $S:\n$>", step.name());
      CodeBlock call;
      if (step.takesInputs()) {
        call = CodeBlock.of("flow.$N(inputs);\n", step.name());
      } else if (step.item().isPresent()) {
        TypeMirror itemType = step.item().get().asType();
        unchecked |= isGeneric(itemType);
        TypeName boxed = TypeName.get(itemType).box();
        call = CodeBlock.of("flow.$N(($T) item.get());\n", step.name(), boxed);
      } else {
        call = CodeBlock.of("flow.$N();\n", step.name());
      }
      if (step.throwsChecked()) {
        body.beginControlFlow("try")
            .add(call)
            .nextControlFlow("catch ($T e)", Throwable.class)
            .addStatement("throw sneakyThrow(e)")
            .endControlFlow();
      } else {
        body.add(call);
      }
      body.addStatement("break").add("$<");
    }
    body.add("default:\n$>")
        .addStatement(
            "throw new $T($S + step + $S)",
            IllegalArgumentException.class,
            "Unknown step ",
            " of flow " + flow.name() + "; steps are: " + String.join(", ", flow.stepNames()))
        .add("$<")
        .endControlFlow();
    MethodSpec.Builder method =
        override("runStep", TypeName.VOID)
            .addParameter(flowType, "flow")
            .addParameter(String.class, "step")
            .addParameter(ParameterizedTypeName.get(INPUTS, flowType), "inputs")
            .addParameter(
                ParameterizedTypeName.get(ClassName.get(Supplier.class), ClassName.OBJECT), "item");
    if (unchecked) {
      method.addAnnotation(UNCHECKED);
    }
    return method.addCode(body.build()).build();
  }

  private static MethodSpec getArtifact(FlowElement flow, ClassName flowType) {
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (artifact)");
    for (FieldElement field : flow.artifacts()) {
      body.add("case $S:\n$>", field.name()).addStatement("return flow.$N", field.name()).add("$<");
    }
    body.add(unknownArtifact(flow)).endControlFlow();
    return override("getArtifact", ClassName.OBJECT)
        .addParameter(flowType, "flow")
        .addParameter(String.class, "artifact")
        .addCode(body.build())
        .build();
  }

  private static MethodSpec setArtifact(FlowElement flow, ClassName flowType) {
    CodeBlock.Builder body = CodeBlock.builder().beginControlFlow("switch (artifact)");
    boolean unchecked = false;
    for (FieldElement field : flow.artifacts()) {
      TypeMirror type = field.field().asType();
      body.add("case $S:\n$>", field.name());
      if (type.getKind().isPrimitive()) {
        body.beginControlFlow("if (value != null)")
            .addStatement("flow.$N = ($T) value", field.name(), TypeName.get(type))
            .endControlFlow();
      } else if (type.toString().equals("java.lang.Object")) {
        body.addStatement("flow.$N = value", field.name());
      } else {
        unchecked |= isGeneric(type);
        body.addStatement("flow.$N = ($T) value", field.name(), TypeName.get(type));
      }
      body.addStatement("break").add("$<");
    }
    body.add(unknownArtifact(flow)).endControlFlow();
    MethodSpec.Builder method =
        override("setArtifact", TypeName.VOID)
            .addParameter(flowType, "flow")
            .addParameter(String.class, "artifact")
            .addParameter(Object.class, "value");
    if (unchecked) {
      method.addAnnotation(UNCHECKED);
    }
    return method.addCode(body.build()).build();
  }

  private static boolean isGeneric(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
            && !((javax.lang.model.type.DeclaredType) type).getTypeArguments().isEmpty()
        || type.getKind() == TypeKind.ARRAY
            && isGeneric(((javax.lang.model.type.ArrayType) type).getComponentType());
  }

  private static CodeBlock unknownArtifact(FlowElement flow) {
    List<String> names =
        flow.artifacts().stream().map(FieldElement::name).collect(Collectors.toList());
    return CodeBlock.builder()
        .add("default:\n$>")
        .addStatement(
            "throw new $T($S + artifact + $S)",
            IllegalArgumentException.class,
            "Unknown artifact ",
            " of flow "
                + flow.name()
                + "; artifacts are: "
                + (names.isEmpty() ? "(none)" : String.join(", ", names)))
        .add("$<")
        .build();
  }

  /** Rethrows a step's checked exception unchanged, as {@code runStep}'s contract asks. */
  private static MethodSpec sneakyThrow() {
    TypeVariableName e = TypeVariableName.get("E", Throwable.class);
    return MethodSpec.methodBuilder("sneakyThrow")
        .addAnnotation(UNCHECKED)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addTypeVariable(e)
        .returns(RuntimeException.class)
        .addParameter(Throwable.class, "exception")
        .addException(e)
        .addStatement("throw ($T) exception", e)
        .build();
  }
}
