package io.fluxo.ui.catalog;

import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.TaskPath;
import java.util.List;
import java.util.Optional;

/**
 * The metadata as the UI's pages read it: runs of every flow by filter and page, a run's graph, and
 * its tasks with their attempts in one call. Implementations answer from local metadata ({@link
 * StoreRunCatalog}) or from the metadata service's database; they are thread-safe, and a run's
 * status is derived as its store derives it (a dead run reads as failed).
 */
public interface RunCatalog {
  /** The names of the flows that have runs, sorted. */
  List<String> flows();

  /** The runs {@code query} selects, newest first. */
  RunPage runs(RunQuery query);

  /** A run, if it exists. */
  Optional<RunRecord> run(String flow, String runId);

  /** The JSON graph a run executes, if it was stored. */
  Optional<byte[]> graph(String flow, String runId);

  /**
   * Every task of a run with its attempts, in the order they were registered; empty for an unknown
   * run.
   */
  List<TaskView> tasks(String flow, String runId);

  /** One task with its attempts, if it exists. */
  Optional<TaskView> task(TaskPath task);
}
