package io.fluxo.processor.model;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The artifact fields a step reads or writes, directly or through helper methods of the flow.
 *
 * @param names the artifact fields referenced, sorted
 * @param all true when the set cannot be known (e.g. {@code this} escapes), so all are used
 */
public record ArtifactUsage(SortedSet<String> names, boolean all) {
  /** Copies the names. */
  public ArtifactUsage {
    names = new TreeSet<>(names);
  }

  /** A usage of exactly {@code names}. */
  public static ArtifactUsage of(Set<String> names, boolean all) {
    return new ArtifactUsage(new TreeSet<>(names), all);
  }
}
