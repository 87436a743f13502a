package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Input;
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
  public void square() {
    int item = input();
    square = item * item;
    next(this::join);
  }

  @Step
  public void join(Inputs inputs) {
    sum = 0;
    for (Input input : inputs) {
      sum += input.<Integer>get("square");
    }
    next(this::end);
  }

  @Step
  public void end() {}
}
