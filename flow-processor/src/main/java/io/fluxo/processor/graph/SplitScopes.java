package io.fluxo.processor.graph;

import static io.fluxo.processor.validation.ErrorMessages.CROSS_JOIN;
import static io.fluxo.processor.validation.ErrorMessages.END_BEFORE_JOIN;
import static io.fluxo.processor.validation.ErrorMessages.JOIN_MISMATCH;
import static io.fluxo.processor.validation.ErrorMessages.JOIN_WITHOUT_SPLIT;
import static io.fluxo.processor.validation.ErrorMessages.NOT_A_JOIN;

import io.fluxo.processor.model.FlowElement;
import io.fluxo.processor.model.SourceLocation;
import io.fluxo.processor.model.StepElement;
import io.fluxo.processor.model.TransitionCall;
import io.fluxo.processor.model.TransitionType;
import io.fluxo.processor.validation.ValidationReport;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The splits each step is inside, found by walking the graph from start in topological order, as
 * Metaflow's {@code check_split_join_balance} walks it with a stack of open splits: a split step
 * opens a scope per branch, and a join must close the innermost open split, with every branch of
 * that split and nothing from another split. Requires an acyclic graph whose steps are all
 * reachable from start and whose transitions name steps.
 */
final class SplitScopes {
  private static final String START = "start";
  private static final String END = "end";

  /** One open split: the split step and the branch (one of its targets) a step descends from. */
  private record Scope(String split, String branch) {}

  private final FlowElement flow;
  private final Map<String, List<String>> predecessors = new LinkedHashMap<>();
  private final Map<String, List<Scope>> scopes = new HashMap<>();
  private final Map<String, String> joins = new HashMap<>();

  private SplitScopes(FlowElement flow) {
    this.flow = flow;
    for (StepElement step : flow.steps()) {
      predecessors.putIfAbsent(step.name(), new ArrayList<>());
    }
    for (StepElement step : flow.steps()) {
      for (String target : targets(step.name())) {
        predecessors.get(target).add(step.name());
      }
    }
  }

  /** The scopes of every step of {@code flow}, or empty when a balance error was reported. */
  static Optional<SplitScopes> compute(FlowElement flow, ValidationReport report) {
    SplitScopes result = new SplitScopes(flow);
    return result.walk(report) ? Optional.of(result) : Optional.empty();
  }

  /** The splits {@code step} is inside, outermost first. */
  List<String> splitParents(String step) {
    return scopes.get(step).stream().map(Scope::split).toList();
  }

  /** The join that closes {@code split}, if it is a split. */
  Optional<String> matchingJoin(String split) {
    return Optional.ofNullable(joins.get(split));
  }

  private boolean walk(ValidationReport report) {
    for (String name : topologicalOrder()) {
      if (name.equals(START)) {
        scopes.put(name, List.of());
        continue;
      }
      StepElement step = flow.step(name).orElseThrow();
      List<String> preds = predecessors.get(name);
      boolean valid =
          name.equals(END)
              ? visitEnd(step, preds, report)
              : step.takesInputs()
                  ? visitJoin(step, preds, report)
                  : visitLinear(step, preds, report);
      if (!valid) {
        return false;
      }
    }
    return true;
  }

  private boolean visitEnd(StepElement end, List<String> preds, ValidationReport report) {
    for (String pred : preds) {
      List<Scope> incoming = outgoing(pred, END);
      if (!incoming.isEmpty()) {
        Scope open = incoming.get(incoming.size() - 1);
        report.error(
            SourceLocation.of(edge(pred, END).path()),
            END_BEFORE_JOIN,
            open.split(),
            String.join(", ", targets(open.split())),
            trace(path(open.split(), END)));
        return false;
      }
    }
    return visitLinear(end, preds, report);
  }

  private boolean visitLinear(StepElement step, List<String> preds, ValidationReport report) {
    if (preds.size() > 1) {
      report.error(
          SourceLocation.of(step.method()), NOT_A_JOIN, step.name(), String.join(", ", preds));
      return false;
    }
    scopes.put(step.name(), outgoing(preds.get(0), step.name()));
    return true;
  }

  private boolean visitJoin(StepElement join, List<String> preds, ValidationReport report) {
    SourceLocation where = SourceLocation.of(join.method());
    Map<String, List<Scope>> incoming = new LinkedHashMap<>();
    for (String pred : preds) {
      incoming.put(pred, outgoing(pred, join.name()));
    }
    if (incoming.values().stream().anyMatch(List::isEmpty)) {
      report.error(where, JOIN_WITHOUT_SPLIT, join.name());
      return false;
    }
    Set<List<String>> lineages = new HashSet<>();
    incoming.values().forEach(s -> lineages.add(s.stream().map(Scope::split).toList()));
    if (lineages.size() > 1) {
      String trace =
          incoming.entrySet().stream()
              .map(
                  e ->
                      "    "
                          + e.getKey()
                          + " is inside split(s) "
                          + String.join(" > ", splits(e.getValue())))
              .collect(Collectors.joining("\n"));
      report.error(where, CROSS_JOIN, join.name(), trace);
      return false;
    }
    List<Scope> first = incoming.values().iterator().next();
    String split = first.get(first.size() - 1).split();
    Set<String> covered = new LinkedHashSet<>();
    incoming.values().forEach(s -> covered.add(s.get(s.size() - 1).branch()));
    if (!covered.equals(new HashSet<>(targets(split)))) {
      report.error(
          where,
          JOIN_MISMATCH,
          join.name(),
          split,
          "branches " + String.join(", ", targets(split)),
          "only " + String.join(", ", covered) + " (through " + String.join(", ", preds) + ")");
      return false;
    }
    joins.put(split, join.name());
    scopes.put(join.name(), first.subList(0, first.size() - 1));
    return true;
  }

  /** The scopes that {@code pred} hands to its successor {@code target}. */
  private List<Scope> outgoing(String pred, String target) {
    List<Scope> own = scopes.get(pred);
    TransitionType type = flow.step(pred).orElseThrow().transitionType();
    if (type == TransitionType.BRANCH || type == TransitionType.FOREACH) {
      List<Scope> opened = new ArrayList<>(own);
      opened.add(new Scope(pred, target));
      return List.copyOf(opened);
    }
    return own;
  }

  private List<String> topologicalOrder() {
    Map<String, Integer> waiting = new HashMap<>();
    predecessors.forEach((name, preds) -> waiting.put(name, preds.size()));
    Deque<String> ready = new ArrayDeque<>(List.of(START));
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String name = ready.poll();
      order.add(name);
      for (String target : targets(name)) {
        if (waiting.merge(target, -1, Integer::sum) == 0) {
          ready.add(target);
        }
      }
    }
    return order;
  }

  /** A path of steps from {@code from} to {@code to} (which it reaches), first found. */
  private List<String> path(String from, String to) {
    if (from.equals(to)) {
      return new ArrayList<>(List.of(to));
    }
    for (String target : targets(from)) {
      List<String> rest = path(target, to);
      if (!rest.isEmpty()) {
        rest.add(0, from);
        return rest;
      }
    }
    return new ArrayList<>();
  }

  private static String trace(List<String> path) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i + 1 < path.size(); i++) {
      lines.add("    " + path.get(i) + " -> " + path.get(i + 1));
    }
    return String.join("\n", lines);
  }

  private static List<String> splits(List<Scope> scopes) {
    return scopes.stream().map(Scope::split).toList();
  }

  private List<String> targets(String step) {
    return flow.step(step)
        .flatMap(StepElement::transition)
        .map(TransitionCall::targetNames)
        .orElse(List.of());
  }

  private TransitionCall.Target edge(String from, String to) {
    return flow.step(from).flatMap(StepElement::transition).orElseThrow().targets().stream()
        .filter(t -> t.name().equals(to))
        .findFirst()
        .orElseThrow();
  }
}
