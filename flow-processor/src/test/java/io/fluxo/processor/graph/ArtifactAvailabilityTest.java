package io.fluxo.processor.graph;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.assertError;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.flow;
import static io.fluxo.processor.validation.ErrorMessages.UNSET_ARTIFACT;
import static io.fluxo.processor.validation.ErrorMessages.UNSET_IN_JOIN;
import static io.fluxo.processor.validation.ErrorMessages.UNSET_THROUGH_JOIN;

import com.google.testing.compile.Compilation;
import io.fluxo.processor.validation.ErrorMessages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Definite assignment of artifacts over the graph: a read must find its artifact set. */
class ArtifactAvailabilityTest {
  private static final String BRANCH =
      """
        @Parameter int p = 1;
        String greeting; int value; int total;
        @Step public void start() { greeting = "hi"; next(this::a, this::b); }
        @Step public void a() { value = 1; next(this::join); }
        @Step public void b() { value = 2; next(this::join); }
      """;

  @Test
  void artifactLostAtJoin_isAnErrorOnTheReadingLine() {
    JavaFileObject f =
        flow(
            "F",
            BRANCH
                + """
                  @Step public void join(Inputs inputs) { total = 3; next(this::end); }
                  @Step public void end() { System.out.println(greeting.length()); }
                """);
    assertError(
        f,
        String.format(
            UNSET_THROUGH_JOIN,
            "end",
            "greeting",
            "join",
            "start -> a -> join -> end",
            "join",
            "join",
            "greeting"),
        "greeting.length()");
  }

  @Test
  void mergedArtifactAndParameter_areSetAfterTheJoin() {
    Compilation compilation =
        compile(
            flow(
                "F",
                BRANCH
                    + """
                      @Step public void join(Inputs inputs) {
                        mergeArtifacts(inputs, "value");
                        total = greeting.length() + p;
                        next(this::end);
                      }
                      @Step public void end() { System.out.println(greeting + total + p); }
                    """));
    assertThat(compilation).succeeded();
  }

  @Test
  void excludedFromTheMerge_isAnError() {
    JavaFileObject f =
        flow(
            "F",
            BRANCH
                + """
                  @Step public void join(Inputs inputs) {
                    mergeArtifacts(inputs, "value");
                    total = value;
                    next(this::end);
                  }
                  @Step public void end() {}
                """);
    assertError(f, String.format(UNSET_IN_JOIN, "join", "value", "value"), "total = value");
  }

  @Test
  void readInAJoinBeforeTheMerge_isAnError() {
    JavaFileObject f =
        flow(
            "F",
            BRANCH
                + """
                  @Step public void join(Inputs inputs) {
                    total = greeting.length();
                    mergeArtifacts(inputs, "value");
                    next(this::end);
                  }
                  @Step public void end() {}
                """);
    assertError(
        f, String.format(UNSET_IN_JOIN, "join", "greeting", "greeting"), "greeting.length()");
  }

  @Test
  void compoundAssignmentInAJoin_readsTheDefault_andIsAnError() {
    JavaFileObject f =
        flow(
            "F",
            BRANCH
                + """
                  @Step public void join(Inputs inputs) {
                    for (Input in : inputs) { total += in.<Integer>get("value"); }
                    next(this::end);
                  }
                  @Step public void end() {}
                """);
    assertError(f, String.format(UNSET_IN_JOIN, "join", "total", "total"), "total +=");
  }

  @Test
  void neverAssigned_namesThePath() {
    JavaFileObject f =
        flow(
            "F",
            """
              int x; int y;
              @Step public void start() { y = 1; next(this::middle); }
              @Step public void middle() { next(this::end); }
              @Step public void end() { y = x + y; }
            """);
    assertError(
        f, String.format(UNSET_ARTIFACT, "end", "x", "start -> middle -> end", "x"), "y = x + y");
  }

  @Test
  void assignedOnOneBranchOfAnIf_isNotSet_bothBranches_are() {
    JavaFileObject bad =
        flow(
            "F",
            """
              int x;
              @Step public void start() { if (Math.random() > 0.5) { x = 1; } next(this::end); }
              @Step public void end() { System.out.println(x); }
            """);
    assertError(bad, String.format(UNSET_ARTIFACT, "end", "x", "start -> end", "x"), "println(x)");

    Compilation good =
        compile(
            flow(
                "G",
                """
                  int x;
                  @Step public void start() {
                    if (Math.random() > 0.5) { x = 1; } else if (Math.random() > 0.1) { x = 2; }
                    else { throw new IllegalStateException(); }
                    next(this::end);
                  }
                  @Step public void end() { System.out.println(x); }
                """));
    assertThat(good).succeeded();
  }

  @Test
  void assignmentsInLoopsAndLambdas_doNotCount() {
    JavaFileObject f =
        flow(
            "F",
            """
              int x; int y;
              @Step public void start() {
                for (int i = 0; i < 3; i++) { x = i; }
                Runnable r = () -> y = 2;
                r.run();
                next(this::end);
              }
              @Step public void end() { System.out.println(x + y); }
            """);
    Compilation compilation = compile(f);
    assertThat(compilation)
        .hadErrorContaining("[Fluxo/UnsetArtifact] @Step end() must read artifact x");
    assertThat(compilation)
        .hadErrorContaining("[Fluxo/UnsetArtifact] @Step end() must read artifact y");
  }

  @Test
  void tryAndCatchBothAssigning_sets() {
    Compilation compilation =
        compile(
            flow(
                "F",
                """
                  int x;
                  @Step public void start() {
                    try { x = Integer.parseInt("1"); } catch (NumberFormatException e) { x = 0; }
                    next(this::end);
                  }
                  @Step public void end() { System.out.println(x); }
                """));
    assertThat(compilation).succeeded();
  }

  @Test
  void helperMethods_assignAndRead_whereTheyAreCalled() {
    JavaFileObject f =
        flow(
            "F",
            """
              int x; int y;
              @Step public void start() { prepare(); next(this::end); }
              @Step public void end() { report(); }
              void prepare() { x = 1; if (x > 0) { return; } y = 2; }
              void report() { System.out.println(x + y); }
            """);
    assertError(
        f, String.format(UNSET_ARTIFACT, "end", "y", "start -> end", "y"), "println(x + y)");
  }

  @Test
  void localsShadowingFields_areNotReads() {
    Compilation compilation =
        compile(
            flow(
                "F",
                """
                  int x;
                  @Step public void start() { int x = 2; x++; next(this::end); }
                  @Step public void end() { for (int x : List.of(1)) { System.out.println(x); } }
                """));
    assertThat(compilation).succeeded();
  }

  @Test
  void innerClassReadingAField_readsWhereItIsCreated() {
    JavaFileObject f =
        flow(
            "F",
            """
              int x; int y;
              class Helper { int compute() { return F.this.x + y; } }
              @Step public void start() { x = 1; next(this::end); }
              @Step public void end() { System.out.println(new Helper().compute()); }
            """);
    assertError(
        f, String.format(UNSET_ARTIFACT, "end", "y", "start -> end", "y"), "return F.this.x + y");
  }

  @Test
  void initializedField_isSetAtStart_butLostAtAJoin() {
    Compilation linear =
        compile(
            flow(
                "F",
                """
                  List<String> log = new ArrayList<>();
                  @Step public void start() { next(this::end); }
                  @Step public void end() { System.out.println(log.size()); }
                """));
    assertThat(linear).succeeded();

    JavaFileObject branch =
        flow(
            "G",
            """
              List<String> log = new ArrayList<>();
              @Step public void start() { log.add("start"); next(this::a, this::b); }
              @Step public void a() { next(this::join); }
              @Step public void b() { next(this::join); }
              @Step public void join(Inputs inputs) { System.out.println(log); next(this::end); }
              @Step public void end() {}
            """);
    assertError(branch, String.format(UNSET_IN_JOIN, "join", "log", "log"), "println(log)");
  }

  @Test
  void foreachJoin_readingAfterTheMerge_isSet() {
    Compilation compilation =
        compile(
            flow(
                "F",
                """
                  List<Integer> items; int square; String label;
                  @Step public void start() {
                    items = List.of(1, 2); label = "x"; foreach(items, this::sq);
                  }
                  @Step public void sq() { square = 1; next(this::join); }
                  @Step public void join(Inputs inputs) {
                    mergeArtifacts(inputs, "square");
                    System.out.println(label + items);
                    next(this::end);
                  }
                  @Step public void end() { System.out.println(label); }
                """));
    assertThat(compilation).succeeded();
  }

  @Test
  void assignedOnlyByACaughtStep_isNotSet_unlessGivenAValueBefore() {
    JavaFileObject bad =
        flow(
            "F",
            """
              Integer ratio;
              @Step public void start() { next(this::divide); }
              @Step @Catch(var = "failure") public void divide() { ratio = 1 / 0; next(this::end); }
              @Step public void end() { System.out.println(ratio == null); }
            """);
    assertError(
        bad,
        String.format(
            ErrorMessages.UNSET_AFTER_CATCH,
            "end",
            "ratio",
            "divide",
            "start -> divide -> end",
            "ratio",
            "divide"),
        "ratio == null");

    Compilation good =
        compile(
            flow(
                "G",
                """
                  Integer ratio = null;
                  @Step public void start() { next(this::divide); }
                  @Step @Catch(var = "failure")
                  public void divide() { ratio = 1 / 0; next(this::end); }
                  @Step public void end() { System.out.println(ratio == null); }
                """));
    assertThat(good).succeeded();
  }
}
