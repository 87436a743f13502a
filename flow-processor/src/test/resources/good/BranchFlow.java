package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Step;

@Flow
public class BranchFlow extends FlowSpec {
  int x;
  int total;

  @Step
  public void start() {
    next(this::a, this::b);
  }

  @Step
  public void a() {
    x = 1;
    next(this::join);
  }

  @Step
  public void b() {
    x = 2;
    next(this::join);
  }

  @Step
  public void join(Inputs inputs) {
    total = inputs.get("a").<Integer>get("x") + inputs.get("b").<Integer>get("x");
    mergeArtifacts(inputs, "x");
    next(this::end);
  }

  @Step
  public void end() {}
}
