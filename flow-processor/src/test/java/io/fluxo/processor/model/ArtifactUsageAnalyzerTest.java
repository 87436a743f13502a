package io.fluxo.processor.model;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.flow;
import static io.fluxo.processor.Compilations.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.sun.source.util.Trees;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Which artifacts each step uses, as the runtime's lazy loading relies on. */
class ArtifactUsageAnalyzerTest {
  private static final String FIELDS = "  int a; int b; int c; String text;\n";

  @Test
  void identifiersAndThisSelects_count_andShadowingLocalsErrTowardsLoading() {
    Map<String, ArtifactUsage> usage =
        usages(
            flow(
                "F",
                FIELDS
                    + """
                      @Step public void start() { a = 1; this.b = a + 1; int c = 3; a += c; next(this::end); }
                      @Step public void end() {}
                    """));

    assertThat(usage.get("start").names()).containsExactly("a", "b", "c");
    assertThat(usage.get("start").all()).isFalse();
    assertThat(usage.get("end").names()).isEmpty();
  }

  @Test
  void helperMethods_countTransitivelyButTransitionTargetsDoNot() {
    Map<String, ArtifactUsage> usage =
        usages(
            flow(
                "F",
                FIELDS
                    + """
                      @Step public void start() { bump(); next(this::end); }
                      @Step public void end() { text = "done"; }
                      void bump() { a++; this.log(); }
                      private void log() { Runnable r = () -> System.out.println(b); r.run(); }
                    """));

    assertThat(usage.get("start").names()).containsExactly("a", "b");
    assertThat(usage.get("start").all()).isFalse();
  }

  @Test
  void innerClassesCreatedByTheStep_count() {
    Map<String, ArtifactUsage> usage =
        usages(
            flow(
                "F",
                FIELDS
                    + """
                      class Helper { int sum() { return a + F.this.b; } }
                      @Step public void start() { a = 1; b = 2; next(this::end); }
                      @Step public void end() { System.out.println(new Helper().sum()); }
                    """));

    assertThat(usage.get("end").names()).containsExactly("a", "b");
    assertThat(usage.get("end").all()).isFalse();
  }

  @Test
  void flowSpecMethods_doNotCount() {
    Map<String, ArtifactUsage> usage =
        usages(
            flow(
                "F",
                FIELDS
                    + """
                      @Step public void start() { foreach(List.of(1), this::work); }
                      @Step public void work() { a = this.<Integer>input() + index(); text = current().runId(); next(this::join); }
                      @Step public void join(Inputs inputs) { next(this::end); }
                      @Step public void end() {}
                    """));

    assertThat(usage.get("work").names()).containsExactly("a", "text");
    assertThat(usage.get("work").all()).isFalse();
  }

  @Test
  void thisEscaping_usesAll() {
    Map<String, ArtifactUsage> usage =
        usages(
            flow(
                "F",
                FIELDS
                    + """
                      @Step public void start() { register(this); next(this::a); }
                      @Step public void a() { Object self = this; next(this::end); }
                      @Step public void end() { System.out.println(F.this.a); }
                      static void register(F flow) {}
                    """));

    assertThat(usage.get("start").all()).isTrue();
    assertThat(usage.get("a").all()).isTrue();
    assertThat(usage.get("end").all()).isFalse();
    assertThat(usage.get("end").names()).containsExactly("a");
  }

  @Test
  void mergeArtifacts_usesAll() {
    Map<String, ArtifactUsage> usage =
        usages(
            flow(
                "F",
                FIELDS
                    + """
                      @Step public void start() { next(this::x, this::y); }
                      @Step public void x() { next(this::join); }
                      @Step public void y() { next(this::join); }
                      @Step public void join(Inputs inputs) { mergeArtifacts(inputs); next(this::end); }
                      @Step public void end() {}
                    """));

    assertThat(usage.get("join").all()).isTrue();
    assertThat(usage.get("x").all()).isFalse();
  }

  @Test
  void methodInheritedFromAnotherSuperclass_usesAll() {
    JavaFileObject base =
        source(
            "Base",
            "public abstract class Base extends FlowSpec {\n  protected void prepare() {}\n}\n");
    JavaFileObject flow =
        source(
            "F",
            "@Flow\npublic class F extends Base {\n"
                + FIELDS
                + """
                  @Step public void start() { prepare(); next(this::end); }
                  @Step public void end() { toString(); }
                }
                """);

    Map<String, ArtifactUsage> usage = usages(base, flow);

    assertThat(usage.get("start").all()).isTrue();
    assertThat(usage.get("end").all()).isFalse();
  }

  /** Runs the model factory on every {@code @Flow} of {@code sources}; usage by step name. */
  private static Map<String, ArtifactUsage> usages(JavaFileObject... sources) {
    UsageRecorder recorder = new UsageRecorder();
    Compilation compilation = compile(recorder, sources);
    assertThat(compilation).succeeded();
    return recorder.usages;
  }

  /** Records the usage of each step that {@link FlowModelFactory} computes. */
  private static final class UsageRecorder extends AbstractProcessor {
    final Map<String, ArtifactUsage> usages = new LinkedHashMap<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of(FlowModelFactory.FLOW);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      FlowModelFactory factory =
          FlowModelFactory.create(processingEnv, Trees.instance(processingEnv));
      for (TypeElement annotation : annotations) {
        for (Element flow : round.getElementsAnnotatedWith(annotation)) {
          factory.create((TypeElement) flow).steps().forEach(s -> usages.put(s.name(), s.usage()));
        }
      }
      return false;
    }
  }
}
