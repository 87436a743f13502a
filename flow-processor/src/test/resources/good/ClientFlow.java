package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Parameter;
import io.fluxo.Step;
import java.util.List;
import java.util.Map;

@Flow
public class ClientFlow extends FlowSpec {
  /** How many rounds to train. Ignored after the first sentence. */
  @Parameter int rounds = 3;

  @Parameter(description = "The learning rate") double rate = 0.1;

  /** The metrics by name, with {@code accuracy} among them. */
  Map<String, Double> metrics;

  /** One score per item. */
  double[] scores;

  List<List<Integer>> table;

  Object anything;

  /** Named like the method that returns the client task. */
  String task;

  /** Sets the metrics. */
  @Step
  public void start() {
    metrics = Map.of("accuracy", 0.9);
    foreach(List.of(1, 2), this::run);
  }

  /** Named like the method that returns the client run. */
  @Step
  public void run() {
    next(this::join);
  }

  @Step
  public void join(Inputs inputs) {
    next(this::end);
  }

  @Step
  public void end() {}
}
