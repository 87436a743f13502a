package io.fluxo.processor.graph;

import static io.fluxo.processor.validation.ErrorMessages.CYCLE;
import static io.fluxo.processor.validation.ErrorMessages.EMPTY_FOREACH;
import static io.fluxo.processor.validation.ErrorMessages.ITEM_WITHOUT_FOREACH;
import static io.fluxo.processor.validation.ErrorMessages.NOT_A_STEP;
import static io.fluxo.processor.validation.ErrorMessages.START_PREDECESSOR;
import static io.fluxo.processor.validation.ErrorMessages.UNKNOWN_STEP;
import static io.fluxo.processor.validation.ErrorMessages.UNREACHABLE;

import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.SourceLocation;
import io.fluxo.processor.model.StepElement;
import io.fluxo.processor.model.TransitionCall;
import io.fluxo.processor.model.TransitionType;
import io.fluxo.processor.validation.ValidationReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.util.ElementFilter;

/**
 * Checks the edges of a flow's graph, as Metaflow's lint.py does: transitions name steps, nothing
 * leads to start, no cycle, every step reachable from start, no foreach straight into its join.
 * Each check runs only when the ones before it passed, since it relies on them. Without a cycle,
 * and with a transition in every step but end, every step reaches end, so that needs no check.
 */
final class GraphValidator {
  private static final String START = "start";

  private GraphValidator() {}

  /** Adds the edge errors of {@code flow} to {@code report}; true when there were none. */
  static boolean validate(FlowElement flow, ValidationReport report) {
    return validateTargets(flow, report)
        && validateStart(flow, report)
        && validateAcyclic(flow, report)
        && validateReachable(flow, report)
        && validateForeachTargets(flow, report);
  }

  private static boolean validateTargets(FlowElement flow, ValidationReport report) {
    boolean valid = true;
    for (StepElement step : flow.steps()) {
      TransitionCall call = step.transition().orElse(null);
      if (call == null) {
        continue;
      }
      for (TransitionCall.Target target : call.targets()) {
        if (flow.step(target.name()).isPresent()) {
          continue;
        }
        boolean isMethod =
            ElementFilter.methodsIn(flow.type().getEnclosedElements()).stream()
                .anyMatch(m -> m.getSimpleName().contentEquals(target.name()));
        if (isMethod) {
          report.error(
              SourceLocation.of(target.path()),
              NOT_A_STEP,
              step.name(),
              call.method(),
              target.name(),
              target.name());
        } else {
          report.error(
              SourceLocation.of(target.path()),
              UNKNOWN_STEP,
              step.name(),
              call.method(),
              target.name(),
              target.name(),
              flow.stepNames().stream()
                  .filter(n -> !n.equals(START))
                  .sorted()
                  .collect(Collectors.joining(", ")));
        }
        valid = false;
      }
    }
    return valid;
  }

  private static boolean validateStart(FlowElement flow, ValidationReport report) {
    boolean valid = true;
    for (StepElement step : flow.steps()) {
      for (TransitionCall.Target target : targets(step)) {
        if (target.name().equals(START)) {
          report.error(
              SourceLocation.of(target.path()),
              START_PREDECESSOR,
              step.name(),
              step.transition().get().method());
          valid = false;
        }
      }
    }
    return valid;
  }

  /** Depth-first search for a back edge; reports the first cycle found with its path. */
  private static boolean validateAcyclic(FlowElement flow, ValidationReport report) {
    Map<String, Integer> state = new HashMap<>(); // absent: new, 1: on the path, 2: done
    for (StepElement step : flow.steps()) {
      List<String> path = new ArrayList<>();
      if (findCycle(flow, step.name(), state, path, report)) {
        return false;
      }
    }
    return true;
  }

  private static boolean findCycle(
      FlowElement flow,
      String name,
      Map<String, Integer> state,
      List<String> path,
      ValidationReport report) {
    Integer seen = state.get(name);
    if (seen != null && seen == 2) {
      return false;
    }
    StepElement step = flow.step(name).orElseThrow();
    if (seen != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      StepElement closing = flow.step(path.get(path.size() - 1)).orElseThrow();
      TransitionCall.Target edge =
          targets(closing).stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
      StringBuilder trace = new StringBuilder();
      for (int i = 0; i + 1 < cycle.size(); i++) {
        trace
            .append(i == 0 ? "" : "\n")
            .append("    ")
            .append(cycle.get(i))
            .append(" -> ")
            .append(cycle.get(i + 1));
      }
      report.error(SourceLocation.of(edge.path()), CYCLE, trace);
      return true;
    }
    state.put(name, 1);
    path.add(name);
    for (TransitionCall.Target target : targets(step)) {
      if (findCycle(flow, target.name(), state, path, report)) {
        return true;
      }
    }
    path.remove(path.size() - 1);
    state.put(name, 2);
    return false;
  }

  private static boolean validateReachable(FlowElement flow, ValidationReport report) {
    Set<String> reached = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(List.of(START));
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (reached.add(name)) {
        flow.step(name)
            .ifPresent(s -> s.transition().ifPresent(t -> pending.addAll(t.targetNames())));
      }
    }
    boolean valid = true;
    for (StepElement step : flow.steps()) {
      if (!reached.contains(step.name())) {
        report.error(SourceLocation.of(step.method()), UNREACHABLE, step.name(), step.name());
        valid = false;
      }
    }
    return valid;
  }

  private static boolean validateForeachTargets(FlowElement flow, ValidationReport report) {
    boolean valid = validateItemSteps(flow, report);
    Set<String> joins = new HashSet<>();
    flow.steps().stream().filter(StepElement::takesInputs).forEach(s -> joins.add(s.name()));
    for (StepElement step : flow.steps()) {
      if (step.transitionType() != TransitionType.FOREACH) {
        continue;
      }
      for (TransitionCall.Target target : targets(step)) {
        if (joins.contains(target.name())) {
          report.error(
              SourceLocation.of(target.path()),
              EMPTY_FOREACH,
              step.name(),
              target.name(),
              target.name());
          valid = false;
        }
      }
    }
    return valid;
  }

  /** A step that takes its foreach item is reached only by foreach. */
  private static boolean validateItemSteps(FlowElement flow, ValidationReport report) {
    boolean valid = true;
    for (StepElement step : flow.steps()) {
      if (step.item().isEmpty()) {
        continue;
      }
      boolean reached = false;
      for (StepElement pred : flow.steps()) {
        TransitionCall call = pred.transition().orElse(null);
        if (call == null || !call.targetNames().contains(step.name())) {
          continue;
        }
        reached = true;
        if (call.type() != TransitionType.FOREACH) {
          report.error(
              SourceLocation.of(step.item().get()),
              ITEM_WITHOUT_FOREACH,
              step.name(),
              step.item().get().asType(),
              step.name(),
              pred.name(),
              call.method(),
              step.name());
          valid = false;
        }
      }
      if (!reached && step.name().equals(START)) {
        report.error(
            SourceLocation.of(step.item().get()),
            ITEM_WITHOUT_FOREACH,
            step.name(),
            step.item().get().asType(),
            step.name(),
            "nothing",
            "next",
            step.name());
        valid = false;
      }
    }
    return valid;
  }

  private static List<TransitionCall.Target> targets(StepElement step) {
    return step.transition().map(TransitionCall::targets).orElse(List.of());
  }
}
