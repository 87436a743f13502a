package io.fluxo.examples.behaviour;

import io.fluxo.Catch;
import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;
import io.fluxo.Timeout;

/**
 * {@code @Timeout} with {@code @Catch}: the timeout is enforced inside the task, so {@code @Catch}
 * catches it like any failure; the flow goes on with the artifact {@code timedOut} set.
 */
@Flow(description = "Catches a step that runs past its timeout")
public class TimeoutCatchFlow extends FlowSpec {
  /** Set by start if its sleep ever finishes; it does not. */
  boolean finished = false;

  /** Sleeps far longer than its timeout allows; the timeout is caught as {@code timedOut}. */
  @Step
  @Timeout(seconds = 2)
  @Catch(var = "timedOut")
  public void start() {
    finished = TimeoutFlow.sleepSeconds(TimeoutFlow.SLEEP_SECONDS);
    next(this::end);
  }

  /** Reports that the flow went on. */
  @Step
  public void end() {
    System.out.println("went on after the timeout; slow finished: " + finished);
  }
}
