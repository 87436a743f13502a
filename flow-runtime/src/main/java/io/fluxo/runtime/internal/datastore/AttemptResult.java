package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.spi.AttemptStatus;
import java.time.Instant;

/**
 * The done marker of an attempt, written last: an attempt without it never finished.
 *
 * @param attempt the attempt number, from 0
 * @param status how it ended
 * @param startedAt when it started
 * @param endedAt when it ended
 * @param error {@code Type: message} of the failure, or null
 * @param clonedFrom for a task cloned by resume, the origin task's pathspec, or null
 */
public record AttemptResult(
    int attempt,
    AttemptStatus status,
    Instant startedAt,
    Instant endedAt,
    String error,
    String clonedFrom) {}
