package io.fluxo.kubernetes;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.function.CheckedSupplier;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the launcher calls the API server: a call that fails transiently (a connection error, or 429,
 * 500, 502, 503, 504) is retried with backoff (from {@code firstDelay} doubling up to {@code
 * maxDelay}, 20% jitter) for up to {@code maxDuration}; any other failure (401, 403, 404, 409...)
 * is thrown at once. The launcher's client does not retry by itself (its request retries are off),
 * so that this is the one place that does, with one warning per outage.
 *
 * @param firstDelay the wait before the first retry
 * @param maxDelay the longest wait between attempts
 * @param maxDuration how long a call is retried before its last failure is thrown
 */
record KubernetesApi(Duration firstDelay, Duration maxDelay, Duration maxDuration) {
  /** A few minutes of retries, as a control plane upgrade or an overloaded API server needs. */
  static final KubernetesApi DEFAULT =
      new KubernetesApi(Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMinutes(5));

  /** Whether {@code e} may pass: a connection error, a throttled or failing API server. */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof KubernetesClientException k && k.getCode() != 0) {
        int code = k.getCode();
        return code == 429 || code == 500 || code == 502 || code == 503 || code == 504;
      }
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} says the object does not exist (404). */
  static boolean isNotFound(Throwable e) {
    return e instanceof KubernetesClientException k && k.getCode() == 404;
  }

  /**
   * The result of {@code call}, retried while it fails transiently; {@code retrying} is told of the
   * first failure of each call that is retried.
   *
   * @throws KubernetesClientException or another runtime exception: the call's last failure
   */
  <T> T call(CheckedSupplier<T> call, Consumer<Throwable> retrying) {
    RetryPolicy<T> policy =
        RetryPolicy.<T>builder()
            .handleIf(KubernetesApi::isTransient)
            .withBackoff(firstDelay, maxDelay)
            .withJitter(0.2)
            .withMaxRetries(-1)
            .withMaxDuration(maxDuration)
            .onFailedAttempt(
                event -> {
                  if (event.getAttemptCount() == 1 && isTransient(event.getLastException())) {
                    retrying.accept(event.getLastException());
                  }
                })
            .build();
    try {
      return Failsafe.with(policy).get(call);
    } catch (FailsafeException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
