package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;

public class Outer {
  @Flow
  public static class Inner extends FlowSpec {
    String value;

    @Step
    public void start() {
      value = "inner";
      Outer.Inner.this.next(this::end);
    }

    @Step
    public void end() {}
  }
}
