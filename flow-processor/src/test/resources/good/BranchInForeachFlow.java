package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Step;
import java.util.List;

@Flow
public class BranchInForeachFlow extends FlowSpec {
  String item;
  String left;
  String right;

  @Step
  public void start() {
    foreach(List.of("x", "y"), this::fanOut);
  }

  @Step
  public void fanOut() {
    item = input();
    next(this::left, this::right);
  }

  @Step
  public void left() {
    left = item + "-left";
    next(this::branchJoin);
  }

  @Step
  public void right() {
    right = item + "-right";
    next(this::branchJoin);
  }

  @Step
  public void branchJoin(Inputs inputs) {
    mergeArtifacts(inputs);
    next(this::foreachJoin);
  }

  @Step
  public void foreachJoin(Inputs inputs) {
    next(this::end);
  }

  @Step
  public void end() {}
}
