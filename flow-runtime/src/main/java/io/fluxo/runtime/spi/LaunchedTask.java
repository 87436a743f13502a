package io.fluxo.runtime.spi;

import java.util.concurrent.CompletableFuture;

/** A launched attempt. Thread-safe. */
public interface LaunchedTask {
  /** The process id (or another id the launcher prints) shown in progress lines. */
  String id();

  /** Completes with the attempt's exit code once it has ended and its logs are stored. */
  CompletableFuture<Integer> exit();

  /** Stops the attempt and whatever it started; idempotent. */
  void kill();
}
