package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Step;
import java.util.List;

@Flow
public class ForeachFlow extends FlowSpec {
  List<Integer> items;
  int square;
  int sum;

  @Step
  public void start() {
    items = List.of(1, 2, 3);
    foreach(items, this::square);
  }

  @Step
  public void square(int item) {
    square = item * item;
    next(this::join);
  }

  @Step
  public void join(Inputs<ForeachFlow> inputs) {
    sum = 0;
    for (ForeachFlow in : inputs) {
      sum += in.square;
    }
    next(this::end);
  }

  @Step
  public void end() {}
}
