package io.fluxo.processor.graph;

import static io.fluxo.processor.validation.ErrorMessages.UNSET_AFTER_CATCH;
import static io.fluxo.processor.validation.ErrorMessages.UNSET_ARTIFACT;
import static io.fluxo.processor.validation.ErrorMessages.UNSET_INPUT_ARTIFACT;
import static io.fluxo.processor.validation.ErrorMessages.UNSET_IN_JOIN;
import static io.fluxo.processor.validation.ErrorMessages.UNSET_THROUGH_JOIN;

import io.fluxo.processor.model.ArtifactFlow;
import io.fluxo.processor.model.ArtifactRead;
import io.fluxo.processor.model.DecoratorKind;
import io.fluxo.processor.model.FieldElement;
import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.SourceLocation;
import io.fluxo.processor.model.StepElement;
import io.fluxo.processor.validation.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Definite assignment of artifacts over the graph, as Metaflow's rule reads: a task has what its
 * input task had plus what it assigns; a join starts from the parameters alone and has what it
 * assigns or merges. Every read of an artifact that a step has not assigned yet must find it set on
 * every path from start; otherwise the read would see a default value, so it is an error on the
 * reading line. Parameters and fields with an initializer are set at start. A step under
 * {@code @Catch} may fail before it assigns anything, so what it assigns is not certainly set after
 * it.
 */
final class ArtifactAvailability {
  private static final String START = "start";

  /** What a step has on entry and on exit; {@code stored} leaves out initializer-only values. */
  private record Sets(
      Set<String> in, Set<String> out, Set<String> storedIn, Set<String> storedOut) {}

  private final FlowElement flow;
  private final Map<String, List<String>> predecessors = new LinkedHashMap<>();
  private final Set<String> parameters = new HashSet<>();
  private final Set<String> initialized = new HashSet<>();
  private final Map<String, Sets> sets = new HashMap<>();

  private ArtifactAvailability(FlowElement flow) {
    this.flow = flow;
    flow.steps().forEach(s -> predecessors.put(s.name(), new ArrayList<>()));
    for (StepElement step : flow.steps()) {
      step.transition()
          .ifPresent(t -> t.targetNames().forEach(n -> predecessors.get(n).add(step.name())));
    }
    for (FieldElement field : flow.artifacts()) {
      if (field.parameter().isPresent()) {
        parameters.add(field.name());
      } else if (field.initialized()) {
        initialized.add(field.name());
      }
    }
  }

  /**
   * Checks every step's reads of {@code flow}, whose graph passed the edge and balance checks, and
   * returns per step the artifacts that its inputs must hold when it starts (the reads that rely on
   * a stored value); reports each unset read.
   */
  static Map<String, Set<String>> check(FlowElement flow, ValidationReport report) {
    ArtifactAvailability availability = new ArtifactAvailability(flow);
    Map<String, Set<String>> required = new HashMap<>();
    for (StepElement step : flow.steps()) {
      required.put(step.name(), availability.checkStep(step, report));
    }
    return required;
  }

  private Set<String> checkStep(StepElement step, ValidationReport report) {
    Sets at = sets(step.name());
    Set<String> mergeable = mergeable(step);
    Set<String> required = new TreeSet<>();
    for (ArtifactRead read : step.artifactFlow().reads()) {
      String name = read.name();
      if (at.in().contains(name)) {
        if (at.storedIn().contains(name) && !parameters.contains(name)) {
          required.add(name);
        }
      } else if (!(read.afterMerge() && mergeable.contains(name))) {
        report.error(SourceLocation.of(read.path()), message(step, name), arguments(step, name));
      }
    }
    if (step.takesInputs()) {
      checkInputViews(step, report);
    }
    return required;
  }

  /** What a join reads from its input views must be set in every input. */
  private void checkInputViews(StepElement step, ValidationReport report) {
    for (String name : step.usage().inputNames()) {
      for (String pred : predecessors.get(step.name())) {
        if (!sets(pred).out().contains(name)) {
          report.error(
              SourceLocation.of(step.method()),
              UNSET_INPUT_ARTIFACT,
              step.name(),
              name,
              String.join(" -> ", pathWithout(pred, name)),
              name,
              pred);
          break;
        }
      }
    }
  }

  private static boolean caught(StepElement step) {
    return step.decorator(DecoratorKind.CATCH).isPresent();
  }

  /**
   * A step under {@code @Catch} before the last one of {@code path} (the reading step) that assigns
   * {@code name}, if there is one.
   */
  private String caughtAssigner(List<String> path, String name) {
    for (String stepName : path.subList(0, path.size() - 1)) {
      StepElement step = flow.step(stepName).orElseThrow();
      if (caught(step) && step.artifactFlow().assigned().contains(name)) {
        return stepName;
      }
    }
    return null;
  }

  private String message(StepElement step, String name) {
    if (step.takesInputs()) {
      return UNSET_IN_JOIN;
    }
    if (caughtAssigner(pathWithout(step.name(), name), name) != null) {
      return UNSET_AFTER_CATCH;
    }
    return lostAt(step.name(), name) == null ? UNSET_ARTIFACT : UNSET_THROUGH_JOIN;
  }

  private Object[] arguments(StepElement step, String name) {
    if (step.takesInputs()) {
      return new Object[] {step.name(), name, name};
    }
    String join = lostAt(step.name(), name);
    List<String> path = pathWithout(step.name(), name);
    String trace = String.join(" -> ", path);
    String caught = caughtAssigner(path, name);
    if (caught != null) {
      return new Object[] {step.name(), name, caught, trace, name, caught};
    }
    if (join == null) {
      return new Object[] {step.name(), name, trace, name};
    }
    return new Object[] {step.name(), name, join, trace, join, join, name};
  }

  /** The join nearest upstream of {@code step} that drops {@code name} set before it, if any. */
  private String lostAt(String step, String name) {
    for (String current = step; !current.equals(START); ) {
      String pred = predecessors.get(current).get(0);
      StepElement predStep = flow.step(pred).orElseThrow();
      if (predStep.takesInputs() && mergeable(predStep).contains(name)) {
        return pred;
      }
      current = pred;
    }
    return null;
  }

  /** A path from start to {@code step} along which {@code name} is not set. */
  private List<String> pathWithout(String step, String name) {
    List<String> path = new ArrayList<>(List.of(step));
    for (String current = step; !current.equals(START); ) {
      String next = null;
      for (String pred : predecessors.get(current)) {
        if (!sets(pred).out().contains(name)) {
          next = pred;
          break;
        }
      }
      current = next == null ? predecessors.get(current).get(0) : next;
      path.add(0, current);
    }
    return path;
  }

  /** What a join's {@code mergeArtifacts} may set: anything set on some input, less exclusions. */
  private Set<String> mergeable(StepElement step) {
    ArtifactFlow body = step.artifactFlow();
    if (!step.takesInputs() || body.excludesUnknown()) {
      return Set.of();
    }
    Set<String> union = new HashSet<>();
    for (String pred : predecessors.get(step.name())) {
      union.addAll(sets(pred).out());
    }
    union.removeAll(body.mergeExcludes());
    return union;
  }

  private Sets sets(String name) {
    Sets known = sets.get(name);
    if (known != null) {
      return known;
    }
    StepElement step = flow.step(name).orElseThrow();
    Set<String> in = new HashSet<>(parameters);
    Set<String> storedIn = new HashSet<>(parameters);
    if (name.equals(START)) {
      in.addAll(initialized);
    } else if (!step.takesInputs()) {
      Sets pred = sets(predecessors.get(name).get(0));
      in.addAll(pred.out());
      storedIn.addAll(pred.storedOut());
    }
    ArtifactFlow body = step.artifactFlow();
    Set<String> out = new HashSet<>(in);
    Set<String> storedOut = new HashSet<>(storedIn);
    // A failure that @Catch caught hands on what the step had, none of what it assigns.
    if (!caught(step)) {
      out.addAll(body.assigned());
      storedOut.addAll(body.assigned());
      if (body.merges()) {
        Set<String> merged = mergeable(step);
        out.addAll(merged);
        for (String pred : predecessors.get(name)) {
          Set<String> stored = new HashSet<>(sets(pred).storedOut());
          stored.retainAll(merged);
          storedOut.addAll(stored);
        }
      }
    }
    Sets result =
        new Sets(Set.copyOf(in), Set.copyOf(out), Set.copyOf(storedIn), Set.copyOf(storedOut));
    sets.put(name, result);
    return result;
  }
}
