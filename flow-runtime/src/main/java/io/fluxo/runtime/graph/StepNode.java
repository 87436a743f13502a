package io.fluxo.runtime.graph;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One step of the graph.
 *
 * @param name the step (method) name
 * @param transition how the step hands over; {@link TransitionKind#END} only for {@code end}
 * @param next the successor steps in call order
 * @param join whether the step takes {@code Inputs}
 * @param splitParents the splits (branch or foreach steps) this step is inside, outermost first
 * @param matchingJoin for a branch or foreach step, the join that closes it
 * @param artifactsUsed the artifact fields that the step body reads or writes, directly or through
 *     helper methods of the flow; unused artifacts are handed down without being loaded
 * @param usesAllArtifacts true when that set cannot be known (e.g. {@code this} escapes), so every
 *     artifact is loaded
 * @param artifactsRequired the stored artifacts the step reads before assigning them, which the
 *     processor proved set on every path from start; a task whose input lacks one fails
 * @param artifactsAssigned the artifacts the step assigns on every path, stored even when null
 * @param inputArtifactsUsed for a join, the artifacts its code reads from input views ({@code
 *     in.square}), loaded into each view
 * @param decorators the step's decorators
 * @param doc the first sentence of the step's Javadoc, or empty
 */
public record StepNode(
    String name,
    TransitionKind transition,
    List<String> next,
    boolean join,
    List<String> splitParents,
    Optional<String> matchingJoin,
    Set<String> artifactsUsed,
    boolean usesAllArtifacts,
    Set<String> artifactsRequired,
    Set<String> artifactsAssigned,
    Set<String> inputArtifactsUsed,
    Decorators decorators,
    String doc) {
  /** Copies the collections. */
  public StepNode {
    next = List.copyOf(next);
    splitParents = List.copyOf(splitParents);
    artifactsUsed = sorted(artifactsUsed);
    artifactsRequired = sorted(artifactsRequired);
    artifactsAssigned = sorted(artifactsAssigned);
    inputArtifactsUsed = sorted(inputArtifactsUsed);
  }

  /**
   * An unmodifiable copy that iterates in name order, so the graph's JSON is the same every run.
   */
  private static Set<String> sorted(Set<String> names) {
    return Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }

  /** A step that requires and assigns no artifact in particular, for graphs written by hand. */
  public StepNode(
      String name,
      TransitionKind transition,
      List<String> next,
      boolean join,
      List<String> splitParents,
      Optional<String> matchingJoin,
      Set<String> artifactsUsed,
      boolean usesAllArtifacts,
      Decorators decorators,
      String doc) {
    this(
        name,
        transition,
        next,
        join,
        splitParents,
        matchingJoin,
        artifactsUsed,
        usesAllArtifacts,
        Set.of(),
        Set.of(),
        Set.of(),
        decorators,
        doc);
  }

  /**
   * A builder of the step {@code name}, which hands over by {@code transition}; what is not set is
   * empty, false, {@link Decorators#NONE} or {@code ""}. Generated code builds steps so, so that a
   * component added later needs no change of the code generated before it.
   */
  public static Builder newBuilder(String name, TransitionKind transition) {
    return new Builder(name, transition);
  }

  /** Builds a {@link StepNode}; each setter rejects null. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final TransitionKind transition;
    private List<String> next = List.of();
    private boolean join;
    private List<String> splitParents = List.of();
    private Optional<String> matchingJoin = Optional.empty();
    private Set<String> artifactsUsed = Set.of();
    private boolean usesAllArtifacts;
    private Set<String> artifactsRequired = Set.of();
    private Set<String> artifactsAssigned = Set.of();
    private Set<String> inputArtifactsUsed = Set.of();
    private Decorators decorators = Decorators.NONE;
    private String doc = "";

    private Builder(String name, TransitionKind transition) {
      this.name = Objects.requireNonNull(name, "name");
      this.transition = Objects.requireNonNull(transition, "transition");
    }

    /** See {@link StepNode#next()}. */
    public Builder next(List<String> steps) {
      this.next = List.copyOf(steps);
      return this;
    }

    /** See {@link StepNode#join()}. */
    public Builder join(boolean isJoin) {
      this.join = isJoin;
      return this;
    }

    /** See {@link StepNode#splitParents()}. */
    public Builder splitParents(List<String> splits) {
      this.splitParents = List.copyOf(splits);
      return this;
    }

    /** See {@link StepNode#matchingJoin()}. */
    public Builder matchingJoin(String joinStep) {
      this.matchingJoin = Optional.of(joinStep);
      return this;
    }

    /** See {@link StepNode#artifactsUsed()}. */
    public Builder artifactsUsed(Set<String> names) {
      this.artifactsUsed = Set.copyOf(names);
      return this;
    }

    /** See {@link StepNode#usesAllArtifacts()}. */
    public Builder usesAllArtifacts(boolean all) {
      this.usesAllArtifacts = all;
      return this;
    }

    /** See {@link StepNode#artifactsRequired()}. */
    public Builder artifactsRequired(Set<String> names) {
      this.artifactsRequired = Set.copyOf(names);
      return this;
    }

    /** See {@link StepNode#artifactsAssigned()}. */
    public Builder artifactsAssigned(Set<String> names) {
      this.artifactsAssigned = Set.copyOf(names);
      return this;
    }

    /** See {@link StepNode#inputArtifactsUsed()}. */
    public Builder inputArtifactsUsed(Set<String> names) {
      this.inputArtifactsUsed = Set.copyOf(names);
      return this;
    }

    /** See {@link StepNode#decorators()}. */
    public Builder decorators(Decorators stepDecorators) {
      this.decorators = Objects.requireNonNull(stepDecorators, "decorators");
      return this;
    }

    /** See {@link StepNode#doc()}. */
    public Builder doc(String firstSentence) {
      this.doc = Objects.requireNonNull(firstSentence, "doc");
      return this;
    }

    /** The step. */
    public StepNode build() {
      return new StepNode(
          name,
          transition,
          next,
          join,
          splitParents,
          matchingJoin,
          artifactsUsed,
          usesAllArtifacts,
          artifactsRequired,
          artifactsAssigned,
          inputArtifactsUsed,
          decorators,
          doc);
    }
  }
}
