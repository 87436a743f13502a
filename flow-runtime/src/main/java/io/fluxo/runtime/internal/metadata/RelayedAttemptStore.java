package io.fluxo.runtime.internal.metadata;

import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptRelay;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of a task that cannot reach its run's metadata (a pod of a run whose metadata is
 * local files on the launching machine): it records its attempts through the datastore's {@link
 * AttemptRelay}, from where its launcher records them in the run's metadata. A task records nothing
 * else, so every other call is refused with a line saying why.
 */
public final class RelayedAttemptStore implements MetadataStore {
  private final AttemptRelay relay;

  /** The store of a task whose attempts go through {@code relay}. */
  public RelayedAttemptStore(AttemptRelay relay) {
    this.relay = relay;
  }

  @Override
  public void recordAttempt(AttemptRecord attempt) {
    relay.relayAttempt(attempt);
  }

  @Override
  public List<AttemptRecord> attempts(TaskPath task) {
    List<AttemptRecord> attempts = new ArrayList<>();
    for (int attempt = 0; ; attempt++) {
      Optional<AttemptRecord> kept = relay.relayedAttempt(task, attempt);
      if (kept.isEmpty()) {
        return attempts;
      }
      attempts.add(kept.get());
    }
  }

  @Override
  public RunRecord createRun(String flow, String user, List<String> tags, String originRunId) {
    throw unreachable();
  }

  @Override
  public void updateRun(RunRecord run) {
    throw unreachable();
  }

  @Override
  public Optional<RunRecord> run(String flow, String runId) {
    throw unreachable();
  }

  @Override
  public List<RunRecord> runs(String flow) {
    throw unreachable();
  }

  @Override
  public List<String> flows() {
    throw unreachable();
  }

  @Override
  public void saveGraph(String flow, String runId, byte[] graphJson) {
    throw unreachable();
  }

  @Override
  public Optional<byte[]> graph(String flow, String runId) {
    throw unreachable();
  }

  @Override
  public void registerTask(TaskRecord task) {
    throw unreachable();
  }

  @Override
  public List<TaskRecord> tasks(String flow, String runId) {
    throw unreachable();
  }

  private static UnsupportedOperationException unreachable() {
    return new UnsupportedOperationException(
        "This task's run keeps its metadata in local files on the machine that launched it, which"
            + " a pod cannot read; set metadata.type to service (flow configure --profile cluster)"
            + " to read runs from a task");
  }
}
