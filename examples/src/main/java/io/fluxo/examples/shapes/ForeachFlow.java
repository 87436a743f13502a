package io.fluxo.examples.shapes;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Parameter;
import io.fluxo.Step;
import java.util.List;
import java.util.stream.IntStream;

/** A foreach: squares the numbers 1..count in parallel tasks, then sums the squares. */
@Flow(description = "Squares numbers in parallel and sums them")
public class ForeachFlow extends FlowSpec {
  /** How many numbers to square. */
  @Parameter(description = "How many numbers")
  int count = 5;

  /** The numbers to square. */
  List<Integer> numbers;

  /** One task's square. */
  int square;

  /** The sum of the squares. */
  int sum;

  /** Fans out over the numbers. */
  @Step
  public void start() {
    numbers = IntStream.rangeClosed(1, count).boxed().toList();
    foreach(numbers, this::square);
  }

  /** Squares this task's number, given as the step's argument. */
  @Step
  public void square(int n) {
    square = n * n;
    next(this::join);
  }

  /** Sums the squares. */
  @Step
  public void join(Inputs<ForeachFlow> inputs) {
    sum = 0;
    for (ForeachFlow in : inputs) {
      sum += in.square;
    }
    next(this::end);
  }

  /** Prints the sum. */
  @Step
  public void end() {
    System.out.println("sum of squares: " + sum + " (count " + count + ")");
  }
}
