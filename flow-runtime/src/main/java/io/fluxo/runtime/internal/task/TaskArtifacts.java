package io.fluxo.runtime.internal.task;

import io.fluxo.FlowSpec;
import io.fluxo.runtime.error.FlowException;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UserCodeException;
import io.fluxo.runtime.graph.FlowDefinition;
import io.fluxo.runtime.internal.datastore.ContentStore;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.ExternalValue;
import io.fluxo.runtime.spi.ExternalValueFormat;
import java.lang.reflect.Field;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The artifacts of one running task. Starts from the refs handed down by the input; loads into
 * fields only the artifacts the step uses; at the end re-encodes what the step may have changed and
 * hands the rest down by reference, without loading it.
 */
final class TaskArtifacts {
  private final FlowDefinition<FlowSpec> definition;
  private final FlowSpec flow;
  private final ContentStore blobs;
  private final Map<String, ArtifactRef> refs;
  private final Map<String, Object> loaded = new HashMap<>();
  private final Map<String, Object> initial = new HashMap<>();
  private final Map<String, Map<String, String>> details = new LinkedHashMap<>();
  private final Function<String, String> externalLocation;
  private List<ExternalValueFormat> formats;

  /**
   * The artifacts of a task of {@code flow}, starting from {@code inherited}; values that an {@link
   * ExternalValueFormat} accepts are written under {@code externalLocation.apply(artifactName)}.
   */
  TaskArtifacts(
      FlowDefinition<FlowSpec> definition,
      FlowSpec flow,
      ContentStore blobs,
      Map<String, ArtifactRef> inherited,
      Function<String, String> externalLocation) {
    this.externalLocation = externalLocation;
    this.definition = definition;
    this.flow = flow;
    this.blobs = blobs;
    this.refs = new LinkedHashMap<>(inherited);
    for (var artifact : definition.graph().artifacts()) {
      initial.put(artifact.name(), definition.getArtifact(flow, artifact.name()));
    }
  }

  /** Loads the inherited artifacts among {@code names} into the flow's fields. */
  void load(Collection<String> names) {
    for (String name : names) {
      ArtifactRef ref = refs.get(name);
      if (ref != null) {
        Object value = read(blobs, name, ref, declaredType(flow.getClass(), name));
        definition.setArtifact(flow, name, value);
        loaded.put(name, value);
      }
    }
  }

  /**
   * Sets every artifact the step has not assigned and on which all inputs agree; fails listing the
   * artifacts on which inputs disagree, unless excluded.
   */
  void merge(StepInputs inputs, List<String> exclude) {
    Map<String, Map<String, String>> shasByName = new TreeMap<>();
    for (StepInput input : inputs.stepInputs()) {
      input
          .data()
          .artifacts()
          .forEach(
              (name, ref) ->
                  shasByName
                      .computeIfAbsent(name, n -> new LinkedHashMap<>())
                      .putIfAbsent(ref.sha(), input.step() + "[" + input.index() + "]"));
    }
    List<String> conflicts = new ArrayList<>();
    Set<String> fields = initial.keySet();
    for (var entry : shasByName.entrySet()) {
      String name = entry.getKey();
      if (exclude.contains(name) || assignedByStep(name)) {
        continue;
      }
      if (entry.getValue().size() > 1) {
        conflicts.add(
            name + " (differs between " + String.join(" and ", entry.getValue().values()) + ")");
        continue;
      }
      ArtifactRef ref =
          inputs.stepInputs().stream()
              .map(i -> i.data().artifacts().get(name))
              .filter(r -> r != null)
              .findFirst()
              .orElseThrow();
      refs.put(name, ref);
      if (fields.contains(name)) {
        load(List.of(name));
      }
    }
    if (!conflicts.isEmpty()) {
      throw new UserCodeException(
          "Cannot merge artifacts: %s; assign them in the join step or name them in mergeArtifacts(inputs, \"...\")",
          String.join(", ", conflicts));
    }
  }

  /** Whether artifact {@code name} is set, inherited or stored by this task. */
  boolean has(String name) {
    return refs.containsKey(name);
  }

  /**
   * Encodes the fields in {@code names} (unchanged immutable values keep their ref) and returns
   * every artifact of the task. A field in {@code assigned}, which the step assigns on every path,
   * is stored even when it is null or equal to its initial value.
   */
  Map<String, ArtifactRef> persist(Collection<String> names, Set<String> assigned) {
    Map<String, CompletableFuture<ArtifactRef>> pending = new LinkedHashMap<>();
    Map<String, Object> values = new HashMap<>();
    for (String name : names) {
      Object value = definition.getArtifact(flow, name);
      if (loaded.containsKey(name) && loaded.get(name) == value && immutable(value)) {
        continue;
      }
      if (!refs.containsKey(name)
          && !assigned.contains(name)
          && (value == null || unchangedImmutable(name, value))) {
        continue;
      }
      values.put(name, value);
      if (value != null && value.getClass().isSynthetic()) {
        throw new UserCodeException(
            "Cannot store artifact '%s': it holds a lambda or method reference (%s), code that the"
                + " next task cannot read; make the field transient or store plain data",
            name, value.getClass().getName());
      }
      try {
        Object stored = external(name, value);
        if (stored instanceof ExternalValue external) {
          details.put(name, external.details());
        }
        pending.put(name, blobs.putAsync(stored));
      } catch (FlowException e) {
        throw cannotStore(name, value, e);
      }
    }
    for (var entry : pending.entrySet()) {
      try {
        refs.put(entry.getKey(), ContentStore.await(entry.getValue()));
      } catch (FlowException e) {
        throw cannotStore(entry.getKey(), values.get(entry.getKey()), e);
      }
    }
    return new LinkedHashMap<>(refs);
  }

  private static UserCodeException cannotStore(String name, Object value, FlowException e) {
    return new UserCodeException(
        e,
        "Cannot store artifact '%s' of type %s: %s",
        name,
        value == null ? "null" : value.getClass().getName(),
        e.getMessage());
  }

  /**
   * Reads artifact {@code name}, opened as {@code declared} when it is stored in its own format; a
   * failure names the artifact and its type.
   */
  static Object read(ContentStore blobs, String name, ArtifactRef ref, Type declared) {
    try {
      Object stored = blobs.get(ref);
      return stored instanceof ExternalValue external ? external.open(declared) : stored;
    } catch (PlatformException e) {
      throw new PlatformException(
          e, "Cannot read artifact '%s' (a %s): %s", name, ref.type(), e.getMessage());
    } catch (UserCodeException e) {
      throw new UserCodeException(
          e, "Cannot read artifact '%s' (a %s): %s", name, ref.type(), e.getMessage());
    }
  }

  /**
   * The declared type of {@code flowClass}'s field {@code name}, with its type arguments (e.g.
   * {@code Dataset<Flight>}), found in the class or its superclasses; {@code Object} if there is no
   * such field.
   */
  static Type declaredType(Class<?> flowClass, String name) {
    for (Class<?> type = flowClass; type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals(name)) {
          return field.getGenericType();
        }
      }
    }
    return Object.class;
  }

  private Object external(String name, Object value) {
    if (value == null) {
      return null;
    }
    if (formats == null) {
      formats = ExternalValueFormat.installed();
    }
    for (ExternalValueFormat format : formats) {
      if (format.accepts(value)) {
        return format.write(value, externalLocation.apply(name));
      }
    }
    return value;
  }

  /**
   * What the formats said of the artifacts this task stored in their own format ({@link
   * ExternalValue#details()}), by name.
   */
  Map<String, Map<String, String>> details() {
    return new LinkedHashMap<>(details);
  }

  /** The artifacts handed down so far, without encoding any field. */
  Map<String, ArtifactRef> refs() {
    return new LinkedHashMap<>(refs);
  }

  private boolean assignedByStep(String name) {
    if (!initial.containsKey(name)) {
      return refs.containsKey(name);
    }
    Object now = definition.getArtifact(flow, name);
    Object before = initial.get(name);
    return now != before && !(immutable(now) && now.equals(before));
  }

  private boolean unchangedImmutable(String name, Object value) {
    return immutable(value) && value.equals(initial.get(name));
  }

  private static boolean immutable(Object value) {
    return value instanceof String
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof Enum<?>
        || value instanceof Float
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Character;
  }
}
