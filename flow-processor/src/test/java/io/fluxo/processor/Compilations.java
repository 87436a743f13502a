package io.fluxo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Compiles flows with {@link FlowProcessor}, from test resources or inline members. */
public final class Compilations {
  private Compilations() {}

  /** Compiles {@code sources} with the processor. */
  public static Compilation compile(JavaFileObject... sources) {
    return compile(new FlowProcessor(), sources);
  }

  /** Compiles {@code sources} with {@code processor}. */
  public static Compilation compile(Processor processor, JavaFileObject... sources) {
    return javac().withProcessors(processor).compile(sources);
  }

  /** The resource {@code good/<name>.java}. */
  public static JavaFileObject good(String name) {
    return JavaFileObjects.forResource("good/" + name + ".java");
  }

  /**
   * A flow {@code test.<name>} whose class body is {@code members}; {@code io.fluxo.*} and {@code
   * java.util.*} are imported.
   */
  public static JavaFileObject flow(String name, String members) {
    return source(
        name, "@Flow\npublic class " + name + " extends FlowSpec {\n" + members + "\n}\n");
  }

  /** A class {@code test.<name>} with the same imports as {@link #flow}. */
  public static JavaFileObject source(String name, String body) {
    return JavaFileObjects.forSourceString(
        "test." + name, "package test;\n\nimport io.fluxo.*;\nimport java.util.*;\n\n" + body);
  }

  /**
   * Asserts that compiling {@code source} fails with an error containing {@code message}, reported
   * on the line of {@code source} that contains {@code line}.
   */
  public static Compilation assertError(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    return compilation;
  }

  /** {@code @Step public void start() { next(this::end); } @Step public void end() {}}. */
  public static String startToEnd() {
    return """
      @Step public void start() { next(this::end); }
      @Step public void end() {}
    """;
  }
}
