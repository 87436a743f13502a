package io.fluxo.processor.codegen;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.good;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Tests of the generated typed run client {@code <Flow>Run}: a golden source, and user code that
 * reads typed values from it without casts. Run with {@code -Dfluxo.golden.regenerate=true} to
 * rewrite {@code src/test/resources/expected/ClientFlowRun.java} after an intended change.
 */
class RunClientWriterTest {
  private static final Path GOLDEN_ROOT = Path.of("src/test/resources/expected");

  @Test
  void generatedSource_matchesGoldenFile() throws IOException {
    Compilation compilation = compile(good("ClientFlow"));
    assertThat(compilation).succeededWithoutWarnings();
    JavaFileObject source =
        compilation.generatedSourceFile("com.example.ClientFlowRun").orElseThrow();
    if (Boolean.getBoolean("fluxo.golden.regenerate")) {
      Files.writeString(GOLDEN_ROOT.resolve("ClientFlowRun.java"), source.getCharContent(true));
    }

    assertThat(compilation)
        .generatedSourceFile("com.example.ClientFlowRun")
        .hasSourceEquivalentTo(JavaFileObjects.forResource("expected/ClientFlowRun.java"));
  }

  @Test
  void userCode_readsDeclaredTypesWithoutCasts() {
    JavaFileObject reader =
        JavaFileObjects.forSourceString(
            "com.example.Reader",
            """
            package com.example;

            import io.fluxo.runtime.client.Run;
            import io.fluxo.runtime.client.RunStep;
            import io.fluxo.runtime.client.Task;
            import java.util.List;
            import java.util.Map;

            class Reader {
              void read(Run existing) {
                ClientFlowRun run = ClientFlowRun.latest();
                Map<String, Double> metrics = run.start().metrics();
                double[] scores = run.end().scores();
                List<List<Integer>> table = ClientFlowRun.of("3").end().table();
                Object anything = ClientFlowRun.latestSuccessful().end().anything();
                String task = run.join().taskArtifact();
                Task client = run.join().task();
                RunStep step = run.runStep().step();
                List<ClientFlowRun.TaskData> tasks = run.runStep().tasks();
                int rounds = tasks.get(0).rounds();
                int parameter = run.parameters().rounds();
                double rate = ClientFlowRun.of(existing).parameters().rate();
                Run same = run.run();
                String id = run.id();
                boolean successful = run.successful();
              }
            }
            """);

    Compilation compilation = compile(good("ClientFlow"), reader);

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void userCode_assigningAnArtifactToAnotherType_doesNotCompile() {
    JavaFileObject reader =
        JavaFileObjects.forSourceString(
            "com.example.Reader",
            """
            package com.example;

            class Reader {
              String read() {
                return ClientFlowRun.latest().start().metrics();
              }
            }
            """);

    Compilation compilation = compile(good("ClientFlow"), reader);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining("incompatible types")
        .inFile(reader)
        .onLineContaining("metrics()");
  }

  @Test
  void nestedFlow_isNamedAfterItsEnclosingTypes() {
    Compilation compilation = compile(good("Outer"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "com.example.Outer_InnerRun"))
        .contains(
            "FLOW = \"Inner\"",
            "public String value()",
            "Outer.Inner.class.getDeclaredField(field)");
  }

  @Test
  void parameterTypes_ofThePackage_areReturnedAsDeclared() {
    Compilation compilation = compile(good("ParametersFlow"));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(generated(compilation, "com.example.ParametersFlowRun"))
        .contains(
            "public ParametersFlow.Color color()",
            "public ParametersFlow.Settings settings()",
            "public Map<String, ?> anyConfig()",
            "How many");
  }

  @Test
  void accessorName_takenByTheClass_getsTheSuffix() {
    assertThat(RunClientWriter.accessorName("train", RunClientWriter.RUN_METHODS, "Step"))
        .isEqualTo("train");
    assertThat(RunClientWriter.accessorName("latest", RunClientWriter.RUN_METHODS, "Step"))
        .isEqualTo("latestStep");
    assertThat(RunClientWriter.accessorName("hashCode", Set.of(), "Parameter"))
        .isEqualTo("hashCodeParameter");
  }

  private static String generated(Compilation compilation, String name) {
    try {
      return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
