package io.fluxo.ui.catalog;

import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A catalog over a {@link MetadataStore}, for {@code flow ui} on local metadata: the runs page
 * reads every run of the flows it may show and filters them in memory.
 */
public final class StoreRunCatalog implements RunCatalog {
  private final MetadataStore metadata;

  /** A catalog over {@code metadata}. */
  public StoreRunCatalog(MetadataStore metadata) {
    this.metadata = metadata;
  }

  @Override
  public List<String> flows() {
    return metadata.flows();
  }

  @Override
  public RunPage runs(RunQuery query) {
    List<RunRecord> matching = new ArrayList<>();
    for (String flow : query.flow() == null ? flows() : List.of(query.flow())) {
      metadata.runs(flow).stream().filter(query::matches).forEach(matching::add);
    }
    matching.sort(
        Comparator.comparing(RunRecord::startedAt)
            .thenComparing(RunRecord::flow)
            .thenComparing(run -> run.runId().length())
            .thenComparing(RunRecord::runId)
            .reversed());
    int from = Math.min(query.offset(), matching.size());
    int to = (int) Math.min((long) from + query.limit(), matching.size());
    return new RunPage(matching.subList(from, to), to < matching.size());
  }

  @Override
  public Optional<RunRecord> run(String flow, String runId) {
    return metadata.run(flow, runId);
  }

  @Override
  public Optional<byte[]> graph(String flow, String runId) {
    return metadata.graph(flow, runId);
  }

  @Override
  public List<TaskView> tasks(String flow, String runId) {
    Optional<RunRecord> run = run(flow, runId);
    if (run.isEmpty()) {
      return List.of();
    }
    List<TaskView> tasks = new ArrayList<>();
    for (TaskRecord task : metadata.tasks(flow, runId)) {
      tasks.add(TaskView.of(task, metadata.attempts(task.path()), run.get().status()));
    }
    return tasks;
  }

  @Override
  public Optional<TaskView> task(TaskPath task) {
    Optional<RunRecord> run = run(task.flow(), task.runId());
    if (run.isEmpty()) {
      return Optional.empty();
    }
    return metadata.tasks(task.flow(), task.runId()).stream()
        .filter(t -> t.path().equals(task))
        .findFirst()
        .map(t -> TaskView.of(t, metadata.attempts(task), run.get().status()));
  }
}
