package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.spi.ArtifactRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a finished attempt produced: its artifacts, where it sits in foreaches, and the transition
 * it took. Written before the attempt is marked done.
 *
 * @param artifacts artifact name to blob, including artifacts handed down unchanged
 * @param foreachStack the foreach levels the task is inside, outermost first
 * @param transition the transition taken
 */
public record TaskData(
    Map<String, ArtifactRef> artifacts,
    List<ForeachFrame> foreachStack,
    TakenTransition transition) {
  /** Copies the collections, keeping artifact order. */
  public TaskData {
    artifacts = new LinkedHashMap<>(artifacts);
    foreachStack = List.copyOf(foreachStack);
  }

  /** The foreach indices, outermost first: how resume matches tasks across runs. */
  public List<Integer> foreachIndices() {
    return foreachStack.stream().map(ForeachFrame::index).toList();
  }
}
