package io.fluxo.runtime.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Records flows, runs, tasks, attempts, artifacts and tags. Implementations are safe for concurrent
 * use by the orchestrator and by task processes; each record is written atomically, and writing the
 * same record again replaces it (idempotent).
 */
public interface MetadataStore {
  /** Creates a run with a new id (status running). */
  RunRecord createRun(String flow, String user, List<String> tags, String originRunId);

  /** Replaces a run record (status, tags). */
  void updateRun(RunRecord run);

  /**
   * Changes a run record without losing a concurrent change: {@code change} is given the current
   * record and returns the new one, which is stored and returned. The default reads, changes and
   * {@linkplain #updateRun updates}; a store whose updates could overwrite one another overrides
   * it.
   *
   * @throws IllegalArgumentException if the run does not exist
   */
  default RunRecord changeRun(String flow, String runId, UnaryOperator<RunRecord> change) {
    RunRecord current =
        run(flow, runId)
            .orElseThrow(() -> new IllegalArgumentException("No run " + flow + "/" + runId));
    RunRecord changed = change.apply(current);
    updateRun(changed);
    return changed;
  }

  /** A run, if it exists. */
  Optional<RunRecord> run(String flow, String runId);

  /** The runs of a flow, newest first. */
  List<RunRecord> runs(String flow);

  /** The names of the flows that have runs, sorted. */
  List<String> flows();

  /** Stores the JSON graph that a run executes. */
  void saveGraph(String flow, String runId, byte[] graphJson);

  /** The JSON graph that a run executes, if it was stored. */
  Optional<byte[]> graph(String flow, String runId);

  /** Registers a task before it runs. */
  void registerTask(TaskRecord task);

  /** The tasks of a run, in the order they were registered (then by task id). */
  List<TaskRecord> tasks(String flow, String runId);

  /** Records an attempt's start or end. */
  void recordAttempt(AttemptRecord attempt);

  /** The recorded attempts of a task, in order. */
  List<AttemptRecord> attempts(TaskPath task);

  /**
   * Sends heartbeats for a running run in the background until the result is closed, for stores
   * that tell a live run from a dead one by its heartbeats. A missed heartbeat is never thrown. The
   * default sends none: the local store knows liveness from the run's process id.
   */
  default Heartbeat heartbeat(String flow, String runId) {
    return Heartbeat.NONE;
  }

  /** As {@link #heartbeat(String, String)}, for a running task. */
  default Heartbeat heartbeat(TaskPath task) {
    return Heartbeat.NONE;
  }
}
