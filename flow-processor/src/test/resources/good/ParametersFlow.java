package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Parameter;
import io.fluxo.Step;
import java.util.List;
import java.util.Map;

@Flow
public class ParametersFlow extends FlowSpec {
  enum Color { RED, GREEN }

  record Settings(int depth, String mode) {}

  @Parameter String name = "x";
  @Parameter(name = "count", description = "How many", required = true) int n;
  @Parameter long seed = 42;
  @Parameter double alpha = 0.5;
  @Parameter boolean verbose;
  @Parameter Integer boxedInt;
  @Parameter Long boxedLong;
  @Parameter Double boxedDouble;
  @Parameter Boolean boxedBoolean;
  @Parameter Color color = Color.RED;
  @Parameter List<String> tags = List.of();
  @Parameter Map<String, Object> config = Map.of();
  @Parameter Map<String, ?> anyConfig;
  @Parameter Settings settings;
  @Parameter String maxIterURL;

  @Step
  public void start() {
    next(this::end);
  }

  @Step
  public void end() {}
}
