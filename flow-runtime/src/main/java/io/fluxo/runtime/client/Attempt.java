package io.fluxo.runtime.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a task: a task is attempted again when {@code @Retry} allows.
 *
 * @param number the attempt number, from 0
 * @param status how it ended, or {@link TaskStatus#RUNNING} / {@link TaskStatus#UNFINISHED}
 * @param startedAt when it started
 * @param endedAt when it ended, or null if it did not
 * @param error {@code Type: message} of its failure, or null
 */
public record Attempt(
    int number, TaskStatus status, Instant startedAt, Instant endedAt, String error) {
  /** Requires a non-negative number, a status and a start time. */
  public Attempt {
    if (number < 0) {
      throw new IllegalArgumentException("Invalid attempt number: " + number);
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** {@link #endedAt()}, if the attempt ended. */
  public Optional<Instant> ended() {
    return Optional.ofNullable(endedAt);
  }

  /** {@link #error()}, if the attempt failed. */
  public Optional<String> failure() {
    return Optional.ofNullable(error);
  }
}
