package io.fluxo.examples.behaviour;

import io.fluxo.Environment;
import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;

/**
 * {@code @Environment}: the {@code greet} step's process gets {@code GREETING=hola}; other steps do
 * not.
 */
@Flow(description = "Sets an environment variable for one step")
public class EnvironmentFlow extends FlowSpec {
  /** {@code GREETING} as the start step sees it: unset. */
  String greetingAtStart;

  /** {@code GREETING} as the greet step sees it: hola. */
  String greeting;

  /** Reads GREETING without {@code @Environment}. */
  @Step
  public void start() {
    greetingAtStart = System.getenv("GREETING");
    next(this::greet);
  }

  /** Reads GREETING, which {@code @Environment} sets. */
  @Step
  @Environment(vars = {"GREETING=hola"})
  public void greet() {
    greeting = System.getenv("GREETING");
    next(this::end);
  }

  /** Prints the greeting. */
  @Step
  public void end() {
    System.out.println(greeting + " (at start: " + greetingAtStart + ")");
  }
}
