package io.fluxo.runtime.internal.task;

import io.fluxo.Input;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.spi.ArtifactRef;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** One input of a join; artifacts are loaded on first access and then kept. */
final class StepInput implements Input {
  private final String step;
  private final TaskData data;
  private final ContentStore blobs;
  private final Map<String, Object> loaded = new HashMap<>();

  StepInput(String step, TaskData data, ContentStore blobs) {
    this.step = step;
    this.data = data;
    this.blobs = blobs;
  }

  TaskData data() {
    return data;
  }

  @Override
  public String step() {
    return step;
  }

  @Override
  public int index() {
    return data.foreachStack().isEmpty()
        ? 0
        : data.foreachStack().get(data.foreachStack().size() - 1).index();
  }

  @Override
  public Set<String> artifactNames() {
    return data.artifacts().keySet();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(String artifact) {
    ArtifactRef ref = data.artifacts().get(artifact);
    if (ref == null) {
      throw new IllegalArgumentException(
          "Input from step "
              + step
              + " has no artifact "
              + artifact
              + "; it has: "
              + artifactNames());
    }
    return (T)
        loaded.computeIfAbsent(artifact, a -> TaskArtifacts.read(blobs, a, ref, Object.class));
  }

  /** The value of an artifact this input has, opened as {@code declared} if stored externally. */
  Object value(String artifact, Type declared) {
    return TaskArtifacts.read(blobs, artifact, data.artifacts().get(artifact), declared);
  }

  @Override
  public <T> T get(String artifact, Class<T> type) {
    Object value = get(artifact);
    if (value != null && !type.isInstance(value)) {
      throw new IllegalArgumentException(
          "Artifact "
              + artifact
              + " of step "
              + step
              + " is a "
              + value.getClass().getName()
              + ", not a "
              + type.getName());
    }
    return type.cast(value);
  }
}
