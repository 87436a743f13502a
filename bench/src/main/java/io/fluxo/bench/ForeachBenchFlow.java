package io.fluxo.bench;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Parameter;
import io.fluxo.Step;
import java.util.List;
import java.util.stream.IntStream;

/** A foreach of {@code --width} no-op tasks and their join. */
@Flow(description = "A wide foreach of no-op tasks")
public class ForeachBenchFlow extends FlowSpec {
  /** Number of foreach tasks. */
  @Parameter(description = "Number of foreach tasks")
  int width = 100;

  /** The items. */
  List<Integer> items;

  /** Fans out. */
  @Step
  public void start() {
    items = IntStream.range(0, width).boxed().toList();
    foreach(items, this::work);
  }

  /** Does nothing. */
  @Step
  public void work() {
    next(this::join);
  }

  /** Joins. */
  @Step
  public void join(Inputs<ForeachBenchFlow> inputs) {
    next(this::end);
  }

  /** Ends. */
  @Step
  public void end() {}
}
