package io.fluxo.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.good;

import com.google.testing.compile.Compilation;
import io.fluxo.processor.validation.ErrorMessages;
import java.lang.annotation.Annotation;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** A failure inside the processor becomes one error, never an exception in javac. */
class InternalErrorTest {
  @Test
  void exceptionDuringProcessing_isReportedAsOneInternalError() {
    Compilation compilation = compile(new BrokenRoundProcessor(), good("LinearFlow"));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining(ErrorMessages.code(ErrorMessages.INTERNAL_ERROR));
    assertThat(compilation).hadErrorContaining("IllegalStateException: round is broken");
  }

  /** Runs {@link FlowProcessor} on a round whose element queries throw. */
  private static final class BrokenRoundProcessor extends AbstractProcessor {
    private final FlowProcessor delegate = new FlowProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      delegate.init(env);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, new BrokenRound(round));
    }
  }

  private record BrokenRound(RoundEnvironment real) implements RoundEnvironment {
    @Override
    public boolean processingOver() {
      return real.processingOver();
    }

    @Override
    public boolean errorRaised() {
      return real.errorRaised();
    }

    @Override
    public Set<? extends Element> getRootElements() {
      return real.getRootElements();
    }

    @Override
    public Set<? extends Element> getElementsAnnotatedWith(TypeElement a) {
      throw new IllegalStateException("round is broken");
    }

    @Override
    public Set<? extends Element> getElementsAnnotatedWith(Class<? extends Annotation> a) {
      throw new IllegalStateException("round is broken");
    }
  }
}
