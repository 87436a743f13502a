package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Step;
import java.util.List;

@Flow
public class NestedForeachFlow extends FlowSpec {
  int row;
  int cell;
  int rowSum;
  int total;

  @Step
  public void start() {
    foreach(List.of(1, 2), this::outer);
  }

  @Step
  public void outer(int r) {
    row = r;
    foreach(List.of(10, 20, 30), this::inner);
  }

  @Step
  public void inner() {
    cell = row * this.<Integer>input();
    next(this::innerJoin);
  }

  @Step
  public void innerJoin(Inputs<NestedForeachFlow> inputs) {
    rowSum = 0;
    inputs.list().forEach(i -> rowSum += i.<Integer>get("cell"));
    next(this::outerJoin);
  }

  @Step
  public void outerJoin(Inputs<NestedForeachFlow> inputs) {
    total = 0;
    for (NestedForeachFlow in : inputs) {
      total += in.rowSum;
    }
    next(this::end);
  }

  @Step
  public void end() {}
}
