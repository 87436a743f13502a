package io.fluxo.examples.shapes;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Parameter;
import io.fluxo.Step;

/** A static branch: start runs a and b in parallel, and join meets them again. */
@Flow(description = "Runs two branches in parallel and joins them")
public class BranchFlow extends FlowSpec {
  /** Added to each branch's value; a join has the parameters without merging them. */
  @Parameter(description = "Added to each branch's value")
  int offset = 0;

  /** Set in start, read by branch a, taken from a's input in the join. */
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
    value = greeting.length() + offset;
    next(this::join);
  }

  /** The other branch. */
  @Step
  public void b() {
    value = 10 + offset;
    next(this::join);
  }

  /** Adds the branches' values, read from typed views of the inputs. */
  @Step
  public void join(Inputs<BranchFlow> inputs) {
    total = inputs.from(this::a).value + inputs.from(this::b).value;
    greeting = inputs.from(this::a).greeting;
    next(this::end);
  }

  /** Prints the total. */
  @Step
  public void end() {
    System.out.println(greeting + ": " + total + " (offset " + offset + ")");
  }
}
