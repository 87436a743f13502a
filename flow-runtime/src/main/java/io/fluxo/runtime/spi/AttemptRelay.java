package io.fluxo.runtime.spi;

import java.util.Optional;

/**
 * Attempt records that a task keeps in the datastore, beside its data, because it cannot reach its
 * run's metadata: a pod of a run whose metadata is local files on the machine that launched it (the
 * task is told by {@link TaskEnvironment#ATTEMPT_RECORDS_ENV}). The launcher reads them back and
 * records them in the run's metadata, so the run reads the same as with a metadata service.
 */
public interface AttemptRelay {
  /** Keeps {@code attempt}, replacing what was kept of the same attempt (its start, at its end). */
  void relayAttempt(AttemptRecord attempt);

  /** What was last kept of attempt {@code attempt} of {@code task}, if anything. */
  Optional<AttemptRecord> relayedAttempt(TaskPath task, int attempt);
}
