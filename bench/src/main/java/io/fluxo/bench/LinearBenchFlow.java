package io.fluxo.bench;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;

/**
 * Ten no-op steps in a line. With {@code FLUXO_BENCH_FAIL_AT=s8} the ninth step fails, which the
 * resume benchmark then resumes.
 */
@Flow(description = "Ten no-op steps")
public class LinearBenchFlow extends FlowSpec {
  /** Fails the named step, to benchmark resume. */
  private static void maybeFail(String step) {
    if (step.equals(System.getenv("FLUXO_BENCH_FAIL_AT"))) {
      throw new IllegalStateException("benchmark failure at " + step);
    }
  }

  /** Step 1. */
  @Step
  public void start() {
    next(this::s1);
  }

  /** Step 2. */
  @Step
  public void s1() {
    next(this::s2);
  }

  /** Step 3. */
  @Step
  public void s2() {
    next(this::s3);
  }

  /** Step 4. */
  @Step
  public void s3() {
    next(this::s4);
  }

  /** Step 5. */
  @Step
  public void s4() {
    next(this::s5);
  }

  /** Step 6. */
  @Step
  public void s5() {
    next(this::s6);
  }

  /** Step 7. */
  @Step
  public void s6() {
    next(this::s7);
  }

  /** Step 8. */
  @Step
  public void s7() {
    next(this::s8);
  }

  /** Step 9: fails when asked to. */
  @Step
  public void s8() {
    maybeFail("s8");
    next(this::end);
  }

  /** Step 10. */
  @Step
  public void end() {}
}
