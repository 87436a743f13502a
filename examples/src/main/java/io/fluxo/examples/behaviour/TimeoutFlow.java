package io.fluxo.examples.behaviour;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Step;
import io.fluxo.Timeout;

/**
 * {@code @Timeout}: a step that would sleep for a minute is stopped after 2 seconds, and the run
 * fails. {@link TimeoutCatchFlow} catches the same timeout instead.
 */
@Flow(description = "Stops a step that runs past its timeout")
public class TimeoutFlow extends FlowSpec {
  /** How long the slow step sleeps, in seconds. */
  static final int SLEEP_SECONDS = 60;

  /** Set by the slow step if it ever finishes; it does not. */
  boolean finished;

  /** Goes to the slow step. */
  @Step
  public void start() {
    next(this::slow);
  }

  /** Sleeps far longer than its timeout allows. */
  @Step
  @Timeout(seconds = 2)
  public void slow() {
    finished = sleepSeconds(SLEEP_SECONDS);
    next(this::end);
  }

  /** Not reached. */
  @Step
  public void end() {
    System.out.println("slow finished: " + finished);
  }

  /** Sleeps; returns whether the sleep ran its course. */
  static boolean sleepSeconds(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
