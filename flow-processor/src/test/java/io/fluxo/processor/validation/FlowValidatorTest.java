package io.fluxo.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static io.fluxo.processor.Compilations.assertError;
import static io.fluxo.processor.Compilations.compile;
import static io.fluxo.processor.Compilations.flow;
import static io.fluxo.processor.Compilations.source;
import static io.fluxo.processor.Compilations.startToEnd;
import static io.fluxo.processor.validation.ErrorMessages.code;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The element rules of the flow class, its steps and their transitions. */
class FlowValidatorTest {
  // The class.

  @Test
  void flowOnInterface_fails() {
    JavaFileObject f = source("Bad", "@Flow\npublic interface Bad {}\n");
    assertError(f, String.format(ErrorMessages.FLOW_NOT_CLASS, "Bad", "interface"), "@Flow");
  }

  @Test
  void flowNotPublic_fails() {
    JavaFileObject f =
        source("Bad", "@Flow\nclass Bad extends FlowSpec {\n" + startToEnd() + "}\n");
    assertError(f, String.format(ErrorMessages.FLOW_NOT_PUBLIC, "Bad"), "@Flow");
  }

  @Test
  void innerFlow_fails() {
    JavaFileObject f =
        source(
            "Outer",
            "public class Outer {\n  @Flow\n  public class Inner extends FlowSpec {\n"
                + startToEnd()
                + "  }\n}\n");
    assertError(f, String.format(ErrorMessages.FLOW_NOT_STATIC, "Inner"), "@Flow");
  }

  @Test
  void abstractFlow_fails() {
    JavaFileObject f =
        source(
            "Bad", "@Flow\npublic abstract class Bad extends FlowSpec {\n" + startToEnd() + "}\n");
    assertError(f, String.format(ErrorMessages.FLOW_ABSTRACT, "Bad"), "@Flow");
  }

  @Test
  void genericFlow_fails() {
    JavaFileObject f =
        source("Bad", "@Flow\npublic class Bad<T> extends FlowSpec {\n" + startToEnd() + "}\n");
    assertError(f, String.format(ErrorMessages.FLOW_GENERIC, "Bad", "T"), "class Bad<T>");
  }

  @Test
  void flowNotExtendingFlowSpec_fails() {
    JavaFileObject f =
        source("Bad", "@Flow\npublic class Bad {\n  @Step public void start() {}\n}\n");
    assertError(
        f, String.format(ErrorMessages.FLOW_NOT_FLOW_SPEC, "Bad", "java.lang.Object"), "@Flow");
  }

  @Test
  void flowWithoutNoArgConstructor_fails() {
    JavaFileObject f = flow("Bad", startToEnd() + "  public Bad(int x) {}\n");
    assertError(f, String.format(ErrorMessages.FLOW_CONSTRUCTOR, "Bad", "Bad"), "@Flow");
  }

  @Test
  void stepOutsideFlow_fails() {
    JavaFileObject f = source("Bad", "public class Bad {\n  @Step public void start() {}\n}\n");
    assertError(f, String.format(ErrorMessages.STEP_OUTSIDE_FLOW, "start", "Bad"), "@Step");
  }

  // Start, end and step signatures.

  @Test
  void missingStart_fails() {
    JavaFileObject f = flow("Bad", "  @Step public void end() {}\n");
    assertError(f, String.format(ErrorMessages.MISSING_STEP, "Bad", "start", "start"), "@Flow");
  }

  @Test
  void missingEnd_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { next(this::a); }\n"
                + "  @Step public void a() { next(this::a); }\n");
    assertError(f, String.format(ErrorMessages.MISSING_STEP, "Bad", "end", "end"), "@Flow");
  }

  @Test
  void overloadedStep_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            startToEnd()
                + "  @Step public void start(Inputs inputs) { next(this::end); } // second\n");
    assertError(f, code(ErrorMessages.DUPLICATE_STEP), "// second");
  }

  @Test
  void nonPublicStep_fails() {
    JavaFileObject f =
        flow("Bad", "  @Step void start() { next(this::end); }\n  @Step public void end() {}\n");
    assertError(f, String.format(ErrorMessages.STEP_NOT_PUBLIC, "start"), "void start()");
  }

  @Test
  void staticStep_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { next(this::end); }\n"
                + "  @Step public static void end() {}\n");
    assertError(f, String.format(ErrorMessages.STEP_STATIC, "end"), "static void end()");
  }

  @Test
  void nonVoidStep_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { next(this::end); }\n"
                + "  @Step public int end() { return 1; }\n");
    assertError(f, String.format(ErrorMessages.STEP_RETURN_TYPE, "end", "int"), "int end()");
  }

  @Test
  void stepWithArguments_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { next(this::end); }\n"
                + "  @Step public void end(String why, int n) {}\n");
    assertError(
        f,
        String.format(ErrorMessages.STEP_PARAMETERS, "end", "java.lang.String why, int n"),
        "String why");
  }

  @Test
  void itemStepReachedWithoutForeach_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { next(this::work); }\n"
                + "  @Step public void work(String item) { next(this::end); }\n"
                + "  @Step public void end() {}\n");
    assertError(
        f,
        String.format(
            ErrorMessages.ITEM_WITHOUT_FOREACH,
            "work",
            "java.lang.String",
            "work",
            "start",
            "next",
            "work"),
        "String item");
  }

  @Test
  void foreachItemOfTheWrongType_doesNotCompile() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { foreach(List.of(\"a\"), this::work); }\n"
                + "  @Step public void work(int item) { next(this::join); }\n"
                + "  @Step public void join(Inputs<Bad> inputs) { next(this::end); }\n"
                + "  @Step public void end() {}\n");
    Compilation compilation = compile(f);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("foreach").inFile(f).onLineContaining("foreach(");
  }

  @Test
  void joinInputsOfAnotherFlow_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { next(this::a, this::b); }\n"
                + "  @Step public void a() { next(this::join); }\n"
                + "  @Step public void b() { next(this::join); }\n"
                + "  @Step public void join(Inputs<Object> inputs) { next(this::end); }\n"
                + "  @Step public void end() {}\n");
    Compilation compilation = compile(f);
    assertThat(compilation).failed();
  }

  @Test
  void typedJoinInputs_checkArtifactNamesAndTypes() {
    JavaFileObject typo =
        flow(
            "Bad",
            "  int value; int total;\n"
                + "  @Step public void start() { next(this::a, this::b); }\n"
                + "  @Step public void a() { value = 1; next(this::join); }\n"
                + "  @Step public void b() { value = 2; next(this::join); }\n"
                + "  @Step public void join(Inputs<Bad> inputs) {\n"
                + "    total = inputs.from(this::a).valeu;\n"
                + "    String s = inputs.from(this::b).value;\n"
                + "    next(this::end);\n"
                + "  }\n"
                + "  @Step public void end() {}\n");
    Compilation compilation = compile(typo);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("valeu").inFile(typo).onLineContaining(".valeu");
    assertThat(compilation)
        .hadErrorContaining("incompatible types")
        .inFile(typo)
        .onLineContaining("String s");
  }

  @Test
  void joinReadingFromItsInputsWhatOneOfThemLacks_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  int value; int total;\n"
                + "  @Step public void start() { next(this::a, this::b); }\n"
                + "  @Step public void a() { value = 1; next(this::join); }\n"
                + "  @Step public void b() { next(this::join); }\n"
                + "  @Step public void join(Inputs<Bad> inputs) {\n"
                + "    total = 0;\n"
                + "    for (Bad in : inputs) { total += in.value; }\n"
                + "    next(this::end);\n"
                + "  }\n"
                + "  @Step public void end() {}\n");
    assertError(
        f,
        String.format(
            ErrorMessages.UNSET_INPUT_ARTIFACT, "join", "value", "start -> b", "value", "b"),
        "public void join");
  }

  @Test
  void joinWithExtraArgument_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::b); }
              @Step public void a() { next(this::join); }
              @Step public void b() { next(this::join); }
              @Step public void join(Inputs inputs,
                  int extra) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(f, code(ErrorMessages.STEP_PARAMETERS), "int extra");
  }

  @Test
  void genericStep_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public <T> void start() { next(this::end); }\n  @Step public void end() {}\n");
    assertError(f, String.format(ErrorMessages.STEP_GENERIC, "start", "T"), "<T> void start()");
  }

  @Test
  void stepNameWithUnderscoreFirst_fails() {
    JavaFileObject f =
        flow("Bad", startToEnd() + "  @Step public void _hidden() { next(this::end); }\n");
    assertError(f, String.format(ErrorMessages.INVALID_STEP_NAME, "_hidden"), "_hidden()");
  }

  @Test
  void reservedStepName_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step public void start() { next(this::end); }\n"
                + "  @Step public void end() {}\n"
                + "  @Step public void index() { next(this::end); }\n");
    assertError(f, code(ErrorMessages.RESERVED_STEP_NAME) + " @Step index()", "void index()");
  }

  // Transitions.

  @Test
  void stepWithoutTransition_fails() {
    JavaFileObject f =
        flow("Bad", "  @Step public void start() { int x = 1; }\n  @Step public void end() {}\n");
    assertError(f, String.format(ErrorMessages.NO_TRANSITION, "start"), "void start()");
  }

  @Test
  void conditionalTransition_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              boolean left;
              @Step public void start() {
                if (left) next(this::a);
                else next(this::end); // second
              }
              @Step public void a() { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f,
        String.format(ErrorMessages.MULTIPLE_TRANSITIONS, "start", 2, "next(...), next(...)"),
        "// second");
  }

  @Test
  void transitionNestedInBlock_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              boolean ready;
              @Step public void start() {
                if (ready) { next(this::end); }
              }
              @Step public void end() {}
            """);
    assertError(f, String.format(ErrorMessages.TRANSITION_NOT_LAST, "start", "next"), "if (ready)");
  }

  @Test
  void statementAfterTransition_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() {
                next(this::end);
                System.out.println("late");
              }
              @Step public void end() {}
            """);
    assertError(f, code(ErrorMessages.TRANSITION_NOT_LAST), "next(this::end);");
  }

  @Test
  void transitionToVariable_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() {
                StepRef ref = this::end;
                next(ref);
              }
              @Step public void end() {}
            """);
    assertError(
        f,
        String.format(ErrorMessages.INVALID_TRANSITION, "start", "next", "", "ref"),
        "next(ref)");
  }

  @Test
  void foreachWithoutStepReference_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() {
                StepRef ref = this::a;
                foreach(List.of(1), ref);
              }
              @Step public void a() { next(this::join); }
              @Step public void join(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(f, code(ErrorMessages.INVALID_TRANSITION), "foreach(List.of(1), ref)");
  }

  @Test
  void branchNamingAStepTwice_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::a); }
              @Step public void a() { next(this::join); }
              @Step public void join(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f, String.format(ErrorMessages.REPEATED_TARGET, "start", "a"), "next(this::a, this::a)");
  }

  @Test
  void endWithTransition_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::end); }
              @Step public void end() { next(this::start); }
            """);
    assertError(f, String.format(ErrorMessages.END_TRANSITION, "next"), "void end()");
  }

  @Test
  void endTakingInputs_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::b); }
              @Step public void a() { next(this::end); }
              @Step public void b() { next(this::end); }
              @Step public void end(Inputs inputs) {}
            """);
    assertError(f, ErrorMessages.END_IS_JOIN, "void end(Inputs inputs)");
  }

  @Test
  void joinThatSplits_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step public void start() { next(this::a, this::b); }
              @Step public void a() { next(this::join); }
              @Step public void b() { next(this::join); }
              @Step public void join(Inputs inputs) { foreach(List.of(1), this::c); }
              @Step public void c() { next(this::join2); }
              @Step public void join2(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(
        f,
        String.format(ErrorMessages.JOIN_IS_SPLIT, "join", "foreach"),
        "foreach(List.of(1), this::c)");
  }

  @Test
  void catchOnForeachStep_fails() {
    JavaFileObject f =
        flow(
            "Bad",
            """
              @Step @Catch(var = "error") public void start() { foreach(List.of(1), this::a); }
              @Step public void a() { next(this::join); }
              @Step public void join(Inputs inputs) { next(this::end); }
              @Step public void end() {}
            """);
    assertError(f, String.format(ErrorMessages.CATCH_ON_FOREACH, "start"), "@Catch");
  }

  @Test
  void errorsOfOneFlow_areAllReported() {
    JavaFileObject f =
        flow(
            "Bad",
            "  @Step void start() { next(this::end); }\n  @Step public int end() { return 0; }\n");

    Compilation compilation = compile(f);

    assertThat(compilation).hadErrorCount(2);
    assertThat(compilation).hadErrorContaining(code(ErrorMessages.STEP_NOT_PUBLIC));
    assertThat(compilation).hadErrorContaining(code(ErrorMessages.STEP_RETURN_TYPE));
  }
}
