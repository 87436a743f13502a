package io.fluxo.runtime.internal.retry;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * What the user is told while a remote service fails: the first retry of an outage prints one line
 * to standard error, further retries print nothing, and a request that succeeds ends the outage, so
 * the next failure is reported again. Thread-safe: requests in parallel share one outage.
 */
public final class Outage {
  private final String service;
  private final Function<Throwable, String> describe;
  private final PrintStream err;
  private final AtomicBoolean ongoing = new AtomicBoolean();

  /**
   * An outage of {@code service} (e.g. {@code "S3 at http://host:9000"}), whose failures {@code
   * describe} puts in a few words (it must not reveal secrets).
   */
  public Outage(String service, Function<Throwable, String> describe) {
    this(service, describe, System.err);
  }

  Outage(String service, Function<Throwable, String> describe, PrintStream err) {
    this.service = service;
    this.describe = describe;
    this.err = err;
  }

  /** A request failed with {@code failure} and is retried. */
  void retrying(Throwable failure, int maxAttempts) {
    if (ongoing.compareAndSet(false, true)) {
      err.printf(
          "Warning: %s is failing (%s); retrying each request up to %d attempts"
              + " (further retries are not reported)%n",
          service, describe.apply(failure), maxAttempts);
    }
  }

  /** A request succeeded. */
  void ended() {
    ongoing.set(false);
  }
}
