package io.fluxo.runtime.internal.cli;

import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import java.util.ArrayList;
import java.util.List;

/**
 * A small flow for runtime tests: start -> foreach(square) -> join -> end, with parameters. {@code
 * --fail-at square} fails the square of 2; {@code --fail-at slow} makes each square print a line,
 * wait 5 s and print another, for tests that watch a running task.
 */
public class CountingFlow extends FlowSpec {
  int count = 3;
  List<Integer> items;
  int squared;
  int total;
  String failAt = "";

  public void start() {
    items = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      items.add(i);
    }
    System.out.println("items " + items);
    foreach(items, this::square);
  }

  public void square() {
    int item = input();
    if (failAt.equals("square") && item == 2) {
      throw new IllegalStateException("square fails on 2");
    }
    if (failAt.equals("slow")) {
      System.out.println("square " + item + " waits");
      try {
        Thread.sleep(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.out.println("square " + item + " waited");
    }
    squared = item * item;
    next(this::join);
  }

  public void join(Inputs<CountingFlow> inputs) {
    total = 0;
    for (var input : inputs.list()) {
      total += (int) input.get("squared");
    }
    next(this::end);
  }

  public void end() {
    System.out.println("total " + total);
    System.err.println("command line: " + ProcessHandle.current().info().commandLine().orElse("?"));
  }
}
