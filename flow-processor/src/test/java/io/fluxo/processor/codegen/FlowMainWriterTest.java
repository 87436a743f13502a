package io.fluxo.processor.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.good;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden tests of the generated {@code FlowMain_} sources. Run with {@code
 * -Dfluxo.golden.regenerate=true} to rewrite {@code src/test/resources/expected/} after an intended
 * change, then review the diff.
 */
class FlowMainWriterTest {
  private static final Path GOLDEN_ROOT = Path.of("src/test/resources/expected");

  @ParameterizedTest
  @ValueSource(strings = {"LinearFlow", "DecoratedFlow", "NestedForeachFlow"})
  void generatedSource_matchesGoldenFile(String flow) throws IOException {
    Compilation compilation = compile(good(flow));
    String generated = "com.example.FlowMain_" + flow;
    assertThat(compilation).succeeded();
    if (Boolean.getBoolean("fluxo.golden.regenerate")) {
      regenerate(compilation, generated, "FlowMain_" + flow);
    }

    assertThat(compilation)
        .generatedSourceFile(generated)
        .hasSourceEquivalentTo(JavaFileObjects.forResource("expected/FlowMain_" + flow + ".java"));
  }

  @Test
  void nestedFlow_isNamedAfterItsEnclosingTypes() {
    Compilation compilation = compile(good("Outer"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("com.example.FlowMain_Outer_Inner")
        .contentsAsUtf8String()
        .contains("\"com.example.Outer$Inner\"");
  }

  @Test
  void servicesFile_listsEveryGeneratedFlowSorted() {
    Compilation compilation = compile(good("LinearFlow"), good("BranchFlow"), good("Outer"));

    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, ServicesFileWriter.PATH)
        .contentsAsUtf8String()
        .isEqualTo(
            "com.example.FlowMain_BranchFlow\n"
                + "com.example.FlowMain_LinearFlow\n"
                + "com.example.FlowMain_Outer_Inner\n");
  }

  private static void regenerate(Compilation compilation, String generated, String file) {
    JavaFileObject source = compilation.generatedSourceFile(generated).orElseThrow();
    try {
      Files.writeString(GOLDEN_ROOT.resolve(file + ".java"), source.getCharContent(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
