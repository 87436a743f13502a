package io.fluxo.examples.shapes;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Parameter;
import io.fluxo.Step;

/** A straight line, start → a → b → end, that counts the steps it passes through. */
@Flow(description = "Counts through a straight line of steps")
public class LinearFlow extends FlowSpec {
  @Parameter(description = "The count at start")
  int startAt = 0;

  /** Incremented by every step. */
  int counter;

  /** The steps passed, in order. */
  String trail;

  /** Starts the count. */
  @Step
  public void start() {
    counter = startAt + 1;
    trail = "start";
    next(this::a);
  }

  /** Counts once. */
  @Step
  public void a() {
    pass("a");
    next(this::b);
  }

  /** Counts again. */
  @Step
  public void b() {
    pass("b");
    next(this::end);
  }

  /** Prints the count. */
  @Step
  public void end() {
    new Report().finish();
  }

  /**
   * Finishes the count and prints it. An inner class reads and writes the flow's artifacts through
   * the enclosing flow; the processor counts what it uses for the step that creates it.
   */
  class Report {
    void finish() {
      pass("end");
      System.out.println(trail + ": " + counter);
    }
  }

  private void pass(String step) {
    counter++;
    trail = trail + " > " + step;
  }
}
