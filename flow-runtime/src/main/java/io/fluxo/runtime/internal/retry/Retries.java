package io.fluxo.runtime.internal.retry;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How a client of a remote service (the metadata service, S3) retries a request whose failure may
 * pass: up to {@code maxRetries} retries after the first attempt, waiting from {@code firstDelay}
 * doubling up to {@code maxDelay}, with 20% jitter. Every remote call of the runtime retries with
 * {@link #policy}, so they back off alike and report an outage alike (see {@link Outage}).
 *
 * @param maxRetries retries after the first attempt, 0 or more
 * @param firstDelay the wait before the first retry
 * @param maxDelay the longest wait between attempts, at least {@code firstDelay}
 */
public record Retries(int maxRetries, Duration firstDelay, Duration maxDelay) {
  /** For S3: seven attempts over about 12 seconds. */
  public static final Retries S3 = new Retries(6, Duration.ofMillis(200), Duration.ofSeconds(5));

  /** For the metadata service: four attempts over about 1.4 seconds. */
  public static final Retries METADATA =
      new Retries(3, Duration.ofMillis(200), Duration.ofMillis(800));

  /** Checks the bounds. */
  public Retries {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("Invalid retries: " + maxRetries + "; expected 0 or more");
    }
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException(
          "Invalid retry delays: "
              + firstDelay
              + " to "
              + maxDelay
              + "; expected 0 <= first <= max");
    }
  }

  /** Attempts in all, the first included. */
  public int maxAttempts() {
    return maxRetries + 1;
  }

  /**
   * A policy that retries the failures {@code isTransient} accepts and lets any other through at
   * once; its first retry starts an outage on {@code outage}, and a success ends it. Failsafe
   * rethrows a runtime exception that is not retried, or the last one once retries are exceeded, as
   * it is, and wraps a checked one in a {@link dev.failsafe.FailsafeException}.
   */
  public <R> RetryPolicy<R> policy(Predicate<Throwable> isTransient, Outage outage) {
    RetryPolicyBuilder<R> builder =
        RetryPolicy.<R>builder().handleIf(isTransient::test).withMaxRetries(maxRetries);
    if (maxDelay.compareTo(firstDelay) > 0) {
      builder.withBackoff(firstDelay, maxDelay).withJitter(0.2);
    } else if (!firstDelay.isZero()) {
      builder.withDelay(firstDelay);
    }
    return builder
        .onRetry(event -> outage.retrying(event.getLastException(), maxAttempts()))
        .onSuccess(event -> outage.ended())
        .build();
  }
}
