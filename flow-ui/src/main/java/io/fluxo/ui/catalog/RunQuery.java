package io.fluxo.ui.catalog;

import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import java.time.Instant;

/**
 * Which runs to list: each filter is optional (null), and a run matches all that are given.
 *
 * @param flow the flow's name
 * @param status the run's (derived) status
 * @param user who started it
 * @param tag a user or system tag it carries
 * @param since earliest start, inclusive
 * @param until latest start, exclusive
 * @param offset how many matching runs, newest first, to skip
 * @param limit how many to return at most, 1 to {@link #MAX_LIMIT}
 */
public record RunQuery(
    String flow,
    RunStatus status,
    String user,
    String tag,
    Instant since,
    Instant until,
    int offset,
    int limit) {
  /** The largest page. */
  public static final int MAX_LIMIT = 500;

  /** Checks the page bounds. */
  public RunQuery {
    if (offset < 0) {
      throw new IllegalArgumentException("Invalid offset " + offset + ": it must be at least 0");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "Invalid page size " + limit + ": it must be 1 to " + MAX_LIMIT);
    }
  }

  /** Whether {@code run} matches the filters (not the page). */
  public boolean matches(RunRecord run) {
    return (flow == null || flow.equals(run.flow()))
        && (status == null || status == run.status())
        && (user == null || user.equals(run.user()))
        && (tag == null || run.tags().contains(tag) || run.systemTags().contains(tag))
        && (since == null || !run.startedAt().isBefore(since))
        && (until == null || run.startedAt().isBefore(until));
  }
}
