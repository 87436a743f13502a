package com.example;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Parameter;
import io.fluxo.Step;
import java.util.List;
import java.util.Map;

/** A straight line of steps. */
@Flow(description = "Counts through three steps")
public class LinearFlow extends FlowSpec {
  @Parameter(description = "Where counting starts")
  int startAt = 1;

  int counter;
  String message;
  Map<String, List<Integer>> history;
  transient String scratch;
  static final String GREETING = "hi";

  /** Starts counting. Then goes on. */
  @Step
  public void start() {
    counter = startAt;
    next(this::a);
  }

  /** Adds one, through a helper. */
  @Step
  public void a() {
    increment();
    next(this::b);
  }

  @Step
  public void b() {
    this.message = GREETING + " " + counter;
    next(this::end);
  }

  @Step
  public void end() {
    System.out.println(message);
  }

  void increment() {
    counter++;
    record();
  }

  private void record() {
    history = Map.of("counter", List.of(counter));
  }
}
