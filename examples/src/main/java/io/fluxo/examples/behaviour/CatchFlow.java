package io.fluxo.examples.behaviour;

import io.fluxo.Catch;
import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;

/**
 * {@code @Catch}: a step that divides by zero fails, the runtime stores the failure in the artifact
 * {@code failure} and the flow goes on to {@code end}, where {@code ratio} is still unset.
 */
@Flow(description = "Catches a failing step and carries on")
public class CatchFlow extends FlowSpec {
  /** The dividend. */
  int numerator;

  /** The divisor: zero, so the division fails. */
  int divisor;

  /** The quotient; stays null because the division fails. */
  Integer ratio = null;

  /** Sets up a division by zero. */
  @Step
  public void start() {
    numerator = 10;
    divisor = 0;
    next(this::divide);
  }

  /** Divides, and fails; {@code @Catch} keeps the failure as the artifact {@code failure}. */
  @Step
  @Catch(var = "failure")
  public void divide() {
    ratio = numerator / divisor;
    next(this::end);
  }

  /** Reports whether the division produced a ratio. */
  @Step
  public void end() {
    System.out.println(ratio == null ? "divide failed; see artifact failure" : "ratio: " + ratio);
  }
}
