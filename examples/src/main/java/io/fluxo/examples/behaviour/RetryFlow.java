package io.fluxo.examples.behaviour;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Retry;
import io.fluxo.Step;

/**
 * {@code @Retry}: a flaky step fails on its first attempt and succeeds when the runtime runs it
 * again, at once since {@code minutesBetweenRetries = 0}.
 */
@Flow(description = "Retries a step that fails once")
public class RetryFlow extends FlowSpec {
  /** The retry count of the attempt that succeeded: 1, the first retry. */
  int succeededOnRetry;

  /** Goes to the flaky step. */
  @Step
  public void start() {
    next(this::flaky);
  }

  /** Fails on the first attempt (retry count 0), as a call to an unreliable service might. */
  @Step
  @Retry(times = 2, minutesBetweenRetries = 0)
  public void flaky() {
    int retryCount = current().retryCount();
    if (retryCount == 0) {
      throw new IllegalStateException("Service unavailable on the first attempt");
    }
    succeededOnRetry = retryCount;
    next(this::end);
  }

  /** Prints which attempt succeeded. */
  @Step
  public void end() {
    System.out.println("flaky succeeded on retry " + succeededOnRetry);
  }
}
