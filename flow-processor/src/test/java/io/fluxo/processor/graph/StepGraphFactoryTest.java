package io.fluxo.processor.graph;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.assertError;
import static io.fluxo.processor.Compilations.flow;
import static io.fluxo.processor.validation.ErrorMessages.code;

import com.google.testing.compile.Compilation;
import io.fluxo.processor.validation.ErrorMessages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The graph rules, Metaflow's lint.py checks; errors land on the transition or step at fault. */
class StepGraphFactoryTest {
  @Test
  void transitionToUnknownStep_failsListingTheSteps() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::trian); }
              @Step public void train() { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f,
        "[Fluxo/UnknownStep] start() calls next(this::trian), but no step is named trian; steps"
            + " are: end, train",
        "this::trian");
  }

  @Test
  void transitionToPlainMethod_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::helper); }
              public void helper() {}
              @Step public void end() {}
            """);
    assertError(
        f,
        String.format(ErrorMessages.NOT_A_STEP, "start", "next", "helper", "helper"),
        "this::helper");
  }

  @Test
  void transitionToStart_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a); }
              @Step public void a() { next(this::start); }
              @Step public void end() {}
            """);
    assertError(
        f, String.format(ErrorMessages.START_PREDECESSOR, "a", "next"), "next(this::start)");
  }

  @Test
  void cycle_failsWithItsPath() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a); }
              @Step public void a() { next(this::b); }
              @Step public void b() { next(this::a); }
              @Step public void end() {}
            """);
    Compilation compilation =
        assertError(f, "[Fluxo/Cycle] Found a cycle in the step graph:", "public void b()");
    assertThat(compilation).hadErrorContaining("    a -> b\n");
    assertThat(compilation).hadErrorContaining("    b -> a");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void selfLoop_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a); }
              @Step public void a() { next(this::a); }
              @Step public void end() {}
            """);
    Compilation compilation =
        assertError(f, "[Fluxo/Cycle] Found a cycle in the step graph:", "public void a()");
    assertThat(compilation).hadErrorContaining("    a -> a");
  }

  @Test
  void orphanStep_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::end); }
              @Step public void orphan() { next(this::end); }
              @Step public void end() {}
            """);
    assertError(f, String.format(ErrorMessages.UNREACHABLE, "orphan", "orphan"), "void orphan()");
  }

  @Test
  void foreachStraightIntoJoin_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { foreach(List.of(1, 2), this::join); }
              @Step public void join(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f, String.format(ErrorMessages.EMPTY_FOREACH, "start", "join", "join"), "this::join");
  }

  @Test
  void stepWithTwoPredecessorsWithoutInputs_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::b); }
              @Step public void a() { next(this::merge); }
              @Step public void b() { next(this::merge); }
              @Step public void merge() { next(this::end); }
              @Step public void end() {}
            """);
    assertError(f, String.format(ErrorMessages.NOT_A_JOIN, "merge", "a, b"), "void merge()");
  }

  @Test
  void joinWithoutSplit_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::join); }
              @Step public void join(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f, String.format(ErrorMessages.JOIN_WITHOUT_SPLIT, "join"), "void join(Inputs inputs)");
  }

  @Test
  void joinOfOneBranchOfTwo_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::b); }
              @Step public void a() { next(this::joinA); }
              @Step public void b() { next(this::joinB); }
              @Step public void joinA(Inputs inputs) { next(this::joinB); }
              @Step public void joinB(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f,
        String.format(
            ErrorMessages.JOIN_MISMATCH, "joinA", "start", "branches a, b", "only a (through a)"),
        "void joinA(Inputs inputs)");
  }

  @Test
  void joinAcrossUnrelatedSplits_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::b); }
              @Step public void a() { next(this::c, this::d); }
              @Step public void b() { next(this::join); }
              @Step public void c() { next(this::join); }
              @Step public void d() { next(this::join); }
              @Step public void join(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    Compilation compilation =
        assertError(
            f,
            "[Fluxo/CrossJoin] @Step join(Inputs) joins steps from unrelated splits:",
            "void join(Inputs inputs)");
    assertThat(compilation).hadErrorContaining("    b is inside split(s) start\n");
    assertThat(compilation).hadErrorContaining("    c is inside split(s) start > a\n");
    assertThat(compilation).hadErrorContaining("    d is inside split(s) start > a\n");
  }

  @Test
  void branchReachingEndBeforeJoin_failsWithThePath() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::b); }
              @Step public void a() { next(this::end); } // a
              @Step public void b() { next(this::end); }
              @Step public void end() {}
            """);
    Compilation compilation =
        assertError(
            f,
            "[Fluxo/EndBeforeJoin] Step end is reached before the split at start (a, b) is joined:",
            "// a");
    assertThat(compilation).hadErrorContaining("    start -> a\n");
    assertThat(compilation).hadErrorContaining("    a -> end\n");
    assertThat(compilation).hadErrorContaining("Add a join step before end");
  }

  @Test
  void foreachWithoutJoin_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { foreach(List.of(1, 2), this::work); }
              @Step public void work() { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f,
        code(ErrorMessages.END_BEFORE_JOIN)
            + " Step end is reached before the split at start (work)",
        "next(this::end)");
  }

  @Test
  void nestedForeachClosedInWrongOrder_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { foreach(List.of(1), this::outer); }
              @Step public void outer() { foreach(List.of(2), this::inner); }
              @Step public void inner() { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f,
        code(ErrorMessages.END_BEFORE_JOIN) + " Step end is reached before the split at outer",
        "next(this::end)");
  }
}
