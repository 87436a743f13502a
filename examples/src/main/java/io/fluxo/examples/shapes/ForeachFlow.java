package io.fluxo.examples.shapes;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Input;
import io.fluxo.Inputs;
import io.fluxo.Step;
import java.util.List;

/** A foreach: squares five numbers in parallel tasks, then sums the squares. */
@Flow(description = "Squares numbers in parallel and sums them")
public class ForeachFlow extends FlowSpec {
  /** The numbers to square. */
  List<Integer> numbers;

  /** One task's square. */
  int square;

  /** The sum of the squares. */
  int sum;

  /** Fans out over the numbers. */
  @Step
  public void start() {
    numbers = List.of(1, 2, 3, 4, 5);
    foreach(numbers, this::square);
  }

  /** Squares this task's number. */
  @Step
  public void square() {
    int n = input();
    square = n * n;
    next(this::join);
  }

  /** Sums the squares. */
  @Step
  public void join(Inputs inputs) {
    sum = 0;
    for (Input input : inputs) {
      sum += input.<Integer>get("square");
    }
    next(this::end);
  }

  /** Prints the sum. */
  @Step
  public void end() {
    System.out.println("sum of squares: " + sum);
  }
}
