package io.fluxo.examples.shapes;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Step;

/** A static branch: start runs a and b in parallel, and join meets them again. */
@Flow(description = "Runs two branches in parallel and joins them")
public class BranchFlow extends FlowSpec {
  /** Set in start, read by both branches; the join merges it. */
  String greeting;

  /** Each branch's own value. */
  int value;

  /** The sum of both branches' values. */
  int total;

  /** Splits into two branches. */
  @Step
  public void start() {
    greeting = "hello";
    next(this::a, this::b);
  }

  /** One branch. */
  @Step
  public void a() {
    value = greeting.length();
    next(this::join);
  }

  /** The other branch. */
  @Step
  public void b() {
    value = 10;
    next(this::join);
  }

  /** Adds the branches' values and keeps the artifacts they agree on. */
  @Step
  public void join(Inputs inputs) {
    total = inputs.get("a").<Integer>get("value") + inputs.get("b").<Integer>get("value");
    mergeArtifacts(inputs, "value");
    next(this::end);
  }

  /** Prints the total. */
  @Step
  public void end() {
    System.out.println(greeting + ": " + total);
  }
}
