package io.fluxo.runtime.internal.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetriesTest {
  private static final Retries AT_ONCE = new Retries(3, Duration.ZERO, Duration.ZERO);

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Outage outage =
      new Outage(
          "the test service",
          e -> e.getCause().getMessage(),
          new PrintStream(err, true, StandardCharsets.UTF_8));
  private final RetryPolicy<String> policy =
      AT_ONCE.policy(e -> e instanceof UncheckedIOException, outage);

  @Test
  void transientFailure_isRetried_untilItPasses() {
    AtomicInteger calls = new AtomicInteger();

    String result = Failsafe.with(policy).get(() -> failTimes(calls, 2, "down"));

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void permanentFailure_isNotRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                Failsafe.with(policy)
                    .get(
                        () -> {
                          calls.incrementAndGet();
                          throw new IllegalStateException("refused");
                        }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(calls).hasValue(1);
    assertThat(lines()).isEmpty();
  }

  @Test
  void persistentFailure_givesUpAfterMaxAttempts() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(() -> Failsafe.with(policy).get(() -> failTimes(calls, 100, "down")))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(calls).hasValue(AT_ONCE.maxAttempts());
  }

  @Test
  void oneOutage_printsOneLine_andTheNextOutageAnother() {
    AtomicInteger calls = new AtomicInteger();
    assertThatThrownBy(() -> Failsafe.with(policy).get(() -> failTimes(calls, 100, "down")));
    calls.set(0);
    Failsafe.with(policy).get(() -> failTimes(calls, 2, "still down"));
    calls.set(0);
    Failsafe.with(policy).get(() -> failTimes(calls, 1, "down again"));

    assertThat(lines())
        .containsExactly(
            "Warning: the test service is failing (down); retrying each request up to 4 attempts"
                + " (further retries are not reported)",
            "Warning: the test service is failing (down again); retrying each request up to 4"
                + " attempts (further retries are not reported)");
  }

  @Test
  void delays_mustBeOrdered() {
    assertThatThrownBy(() -> new Retries(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid retry delays");
    assertThatThrownBy(() -> new Retries(-1, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String failTimes(AtomicInteger calls, int failures, String message) {
    if (calls.incrementAndGet() <= failures) {
      throw new UncheckedIOException(new IOException(message));
    }
    return "ok";
  }

  private java.util.List<String> lines() {
    String text = err.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? java.util.List.of() : text.lines().toList();
  }
}
