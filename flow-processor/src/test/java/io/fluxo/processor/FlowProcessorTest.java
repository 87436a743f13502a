package io.fluxo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.flow;
import static io.fluxo.processor.Compilations.good;
import static io.fluxo.processor.Compilations.startToEnd;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowProcessorTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "LinearFlow",
        "BranchFlow",
        "ForeachFlow",
        "NestedForeachFlow",
        "BranchInForeachFlow",
        "DecoratedFlow",
        "ParametersFlow",
        "ThrowingFlow"
      })
  void goodFlow_compilesCleanAndGeneratesFlowMain(String name) {
    Compilation compilation = compile(good(name));

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.example.FlowMain_" + name);
  }

  @Test
  void flowWithUnresolvedFieldType_isLeftToJavacsOwnError() {
    Compilation compilation = compile(flow("F", "  Missing model;\n" + startToEnd()));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("cannot find symbol");
  }
}
