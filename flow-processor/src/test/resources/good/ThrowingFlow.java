package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;
import java.io.IOException;

@Flow
public class ThrowingFlow extends FlowSpec {
  boolean fail = true;

  @Step
  public void start() throws IOException {
    if (fail) {
      throw new IOException("disk full");
    }
    next(this::end);
  }

  @Step
  public void end() {}
}
