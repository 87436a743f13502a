package io.fluxo.runtime.client;

import io.fluxo.runtime.spi.AttemptStatus;

/** The state of a task, or of one attempt of it. */
public enum TaskStatus {
  /** Not finished, and its run is still running. */
  RUNNING,
  /** Finished without error. */
  SUCCEEDED,
  /** Failed with an error. */
  FAILED,
  /** Killed after running past its {@code @Timeout}. */
  TIMED_OUT,
  /** Failed, but {@code @Catch} stored the error and the flow went on. */
  CAUGHT,
  /**
   * Never finished, and its run has ended: it was stopped when another task failed, or its process
   * was lost.
   */
  UNFINISHED;

  /** Whether the task or attempt has ended, successfully or not. */
  public boolean finished() {
    return this != RUNNING && this != UNFINISHED;
  }

  /** Whether downstream steps use its artifacts: succeeded, or caught by {@code @Catch}. */
  public boolean successful() {
    return this == SUCCEEDED || this == CAUGHT;
  }

  static TaskStatus of(AttemptStatus status) {
    return switch (status) {
      case SUCCEEDED -> SUCCEEDED;
      case FAILED -> FAILED;
      case TIMED_OUT -> TIMED_OUT;
      case CAUGHT -> CAUGHT;
    };
  }
}
