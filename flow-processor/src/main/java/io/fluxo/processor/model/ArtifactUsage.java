package io.fluxo.processor.model;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The artifact fields a step reads or writes, directly or through helper methods of the flow.
 *
 * @param names the artifact fields referenced, sorted
 * @param all true when the set cannot be known (e.g. {@code this} escapes), so all are used
 * @param inputNames the artifact fields read on other flow objects ({@code in.square}), which in a
 *     join are its input views
 */
public record ArtifactUsage(SortedSet<String> names, boolean all, SortedSet<String> inputNames) {
  /** Copies the names. */
  public ArtifactUsage {
    names = new TreeSet<>(names);
    inputNames = new TreeSet<>(inputNames);
  }

  /** A usage of exactly {@code names} and {@code inputNames}. */
  public static ArtifactUsage of(Set<String> names, boolean all, Set<String> inputNames) {
    return new ArtifactUsage(new TreeSet<>(names), all, new TreeSet<>(inputNames));
  }
}
