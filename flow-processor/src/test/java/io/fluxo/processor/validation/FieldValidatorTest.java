package io.fluxo.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.assertError;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.flow;
import static io.fluxo.processor.Compilations.startToEnd;
import static io.fluxo.processor.validation.ErrorMessages.code;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The rules of artifact and {@code @Parameter} fields. */
class FieldValidatorTest {
  @Test
  void privateArtifact_fails() {
    JavaFileObject f = flow("Bad", "  private String model;\n" + startToEnd());
    assertError(
        f,
        String.format(ErrorMessages.PRIVATE_ARTIFACT, "model", "FlowMain_Bad"),
        "private String model");
  }

  @Test
  void finalArtifact_fails() {
    JavaFileObject f =
        flow("Bad", "  final List<String> rows = new ArrayList<>();\n" + startToEnd());
    assertError(f, String.format(ErrorMessages.FINAL_ARTIFACT, "rows"), "final List<String> rows");
  }

  @Test
  void privateFinalParameter_fails() {
    JavaFileObject f = flow("Bad", "  @Parameter private final int maxIter = 3;\n" + startToEnd());
    assertError(
        f,
        String.format(ErrorMessages.PARAMETER_MODIFIER, "maxIter", "private, final"),
        "int maxIter");
  }

  @Test
  void staticParameter_fails() {
    JavaFileObject f = flow("Bad", "  @Parameter static String path;\n" + startToEnd());
    assertError(
        f, String.format(ErrorMessages.PARAMETER_MODIFIER, "path", "static"), "String path");
  }

  @Test
  void parameterOfUnsupportedType_fails() {
    JavaFileObject f = flow("Bad", "  @Parameter List<Integer> sizes;\n" + startToEnd());
    assertError(
        f,
        String.format(ErrorMessages.PARAMETER_TYPE, "sizes", "java.util.List<java.lang.Integer>"),
        "List<Integer> sizes");
  }

  @Test
  void parameterOfFloatType_fails() {
    JavaFileObject f = flow("Bad", "  @Parameter float rate;\n" + startToEnd());
    assertError(f, code(ErrorMessages.PARAMETER_TYPE), "float rate");
  }

  @Test
  void invalidExplicitOptionName_failsOnTheNameValue() {
    JavaFileObject f =
        flow("Bad", "  @Parameter(\n      name = \"Max_Iter\")\n  int maxIter;\n" + startToEnd());
    assertError(
        f,
        String.format(ErrorMessages.INVALID_OPTION_NAME, "maxIter", "Max_Iter"),
        "name = \"Max_Iter\"");
  }

  @Test
  void invalidDerivedOptionName_fails() {
    JavaFileObject f = flow("Bad", "  @Parameter int _max;\n" + startToEnd());
    assertError(f, String.format(ErrorMessages.INVALID_OPTION_NAME, "_max", "-max"), "int _max");
  }

  @Test
  void duplicateOptionName_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Parameter int maxIter;\n  @Parameter(name = \"max-iter\") int other;\n"
                + startToEnd());
    assertError(
        f,
        String.format(ErrorMessages.DUPLICATE_OPTION, "other", "max-iter", "maxIter"),
        "int other");
  }

  @Test
  void catchVarNamingAField_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              String error;
              @Step @Catch(var = "error") public void start() { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f, String.format(ErrorMessages.DUPLICATE_ARTIFACT, "error", "start", "error"), "@Catch");
  }

  @Test
  void lambdaField_isUnstorable() {
    JavaFileObject f =
        flow("Bad", "  java.util.function.Function<Integer, Integer> scale;\n" + startToEnd());
    assertError(
        f,
        String.format(
            ErrorMessages.UNSTORABLE_ARTIFACT,
            "scale",
            "java.util.function.Function<java.lang.Integer,java.lang.Integer>",
            "holds code (a lambda or method reference)"),
        "Function<Integer, Integer> scale");
  }

  @Test
  void threadAndStreamFields_areUnstorable_transientOnesAreFine() {
    JavaFileObject f =
        flow(
            "Bad",
            "  Thread worker;\n  java.util.stream.Stream<String> lines;\n"
                + "  transient Thread ok;\n  Runnable[] tasks;\n"
                + "  Map<String, List<? extends java.util.function.Supplier<String>>> later;\n"
                + "  Map<String, List<Integer>> fine;\n"
                + startToEnd());
    Compilation compilation = compile(f);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(4);
    assertThat(compilation)
        .hadErrorContaining("Artifact field later")
        .inFile(f)
        .onLineContaining("later;");
    assertThat(compilation)
        .hadErrorContaining("Artifact field worker")
        .inFile(f)
        .onLineContaining("Thread worker");
    assertThat(compilation)
        .hadErrorContaining("(a java.util.stream.BaseStream)")
        .inFile(f)
        .onLineContaining("lines;");
    assertThat(compilation)
        .hadErrorContaining("Artifact field tasks")
        .inFile(f)
        .onLineContaining("Runnable[] tasks");
  }
}
