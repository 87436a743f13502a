package io.fluxo.processor.model;

import com.sun.source.util.TreePath;
import java.util.List;

/**
 * One call of {@code next(...)} or {@code foreach(...)} found in a step body.
 *
 * @param method {@code next} or {@code foreach}
 * @param type {@link TransitionType#LINEAR}, {@link TransitionType#BRANCH} or {@link
 *     TransitionType#FOREACH}
 * @param targets the steps named by {@code this::step} arguments, in call order
 * @param invalidArguments arguments that should name a step but are not {@code this::step}
 * @param path the call in its compilation unit
 * @param last whether the call is the last statement of the step body
 */
public record TransitionCall(
    String method,
    TransitionType type,
    List<Target> targets,
    List<TreePath> invalidArguments,
    TreePath path,
    boolean last) {
  /** Copies the lists. */
  public TransitionCall {
    targets = List.copyOf(targets);
    invalidArguments = List.copyOf(invalidArguments);
  }

  /** The names of the targets, in call order. */
  public List<String> targetNames() {
    return targets.stream().map(Target::name).toList();
  }

  /**
   * A step named by a method reference.
   *
   * @param name the referenced method name
   * @param path the method reference in its compilation unit
   */
  public record Target(String name, TreePath path) {}
}
