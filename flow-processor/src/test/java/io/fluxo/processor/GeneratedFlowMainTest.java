package io.fluxo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.good;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import io.fluxo.Current;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.internal.StepContext;
import io.fluxo.internal.StepContexts;
import io.fluxo.runtime.graph.FlowDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Loads generated {@code FlowMain_} classes and calls them as the runtime does. */
class GeneratedFlowMainTest {
  private final List<String> transitions = new ArrayList<>();

  @AfterEach
  void uninstallContext() {
    StepContexts.install(null);
  }

  @Test
  void generatedCode_isOfTheRuntimesAbiVersion() throws Exception {
    FlowDefinition<FlowSpec> definition = load("LinearFlow");

    assertThat(definition.abiVersion()).isEqualTo(FlowDefinition.ABI_VERSION);
    FlowDefinition.requireCompatible(definition);
  }

  @Test
  void runStep_callsTheStepOnTheFlow() throws Exception {
    FlowDefinition<FlowSpec> definition = load("LinearFlow");
    StepContexts.install(new RecordingContext());
    FlowSpec flow = definition.newInstance();

    definition.runStep(flow, "start", null, null);

    assertThat(transitions).containsExactly("a");
    assertThat(definition.getArtifact(flow, "counter")).isEqualTo(1);
  }

  @Test
  void runStep_ofUnknownStep_namesTheSteps() throws Exception {
    FlowDefinition<FlowSpec> definition = load("LinearFlow");

    assertThatThrownBy(() -> definition.runStep(definition.newInstance(), "trian", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown step trian of flow LinearFlow; steps are: start, a, b, end");
  }

  @Test
  void runStep_rethrowsACheckedExceptionUnchanged() throws Exception {
    FlowDefinition<FlowSpec> definition = load("ThrowingFlow");

    assertThatThrownBy(() -> definition.runStep(definition.newInstance(), "start", null, null))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
  }

  @Test
  void setArtifact_setsFieldsAndKeepsPrimitivesOnNull() throws Exception {
    FlowDefinition<FlowSpec> definition = load("LinearFlow");
    FlowSpec flow = definition.newInstance();

    definition.setArtifact(flow, "counter", 7);
    definition.setArtifact(flow, "counter", null);
    definition.setArtifact(flow, "message", "hello");

    assertThat(definition.getArtifact(flow, "counter")).isEqualTo(7);
    assertThat(definition.getArtifact(flow, "message")).isEqualTo("hello");
    assertThat(definition.getArtifact(flow, "startAt")).isEqualTo(1);
    assertThatThrownBy(() -> definition.setArtifact(flow, "scratch", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("artifacts are: startAt, counter, message, history");
  }

  @SuppressWarnings("unchecked")
  private static FlowDefinition<FlowSpec> load(String flow) throws Exception {
    Compilation compilation = compile(good(flow));
    assertThat(compilation).succeeded();
    ClassLoader loader = new GeneratedClassLoader(compilation.generatedFiles());
    return (FlowDefinition<FlowSpec>)
        loader.loadClass("com.example.FlowMain_" + flow).getConstructor().newInstance();
  }

  /** Defines classes from the class files of a compilation, the rest from the test class path. */
  private static final class GeneratedClassLoader extends ClassLoader {
    private final List<JavaFileObject> files;

    GeneratedClassLoader(List<JavaFileObject> files) {
      super(GeneratedFlowMainTest.class.getClassLoader());
      this.files = files;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      String path = "/" + name.replace('.', '/') + ".class";
      for (JavaFileObject file : files) {
        if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith(path)) {
          try (InputStream in = file.openInputStream()) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      }
      throw new ClassNotFoundException(name);
    }
  }

  /** Records transitions; everything else is unused by these flows. */
  private final class RecordingContext implements StepContext {
    @Override
    public Current current() {
      return new Current("LinearFlow", "1", "start", "1", 0, Optional.empty(), "me", List.of());
    }

    @Override
    public void next(List<String> steps) {
      transitions.addAll(steps);
    }

    @Override
    public void foreach(List<?> items, String step) {
      transitions.add(step);
    }

    @Override
    public Object input() {
      throw new UnsupportedOperationException();
    }

    @Override
    public int index() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void mergeArtifacts(FlowSpec flow, Inputs<?> inputs, List<String> exclude) {
      throw new UnsupportedOperationException();
    }
  }
}
