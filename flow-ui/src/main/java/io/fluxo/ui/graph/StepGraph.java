package io.fluxo.ui.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of a run's graph as its stored {@code graph.json} holds them: names, transitions and
 * successors, in the graph's order.
 *
 * @param flow the flow's name
 * @param steps the steps, {@code start} first
 */
public record StepGraph(String flow, List<Step> steps) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One step.
   *
   * @param name its name
   * @param transition {@code LINEAR}, {@code BRANCH}, {@code FOREACH} or {@code END}
   * @param next its successors
   * @param join whether it joins the tasks of a branch or foreach
   * @param doc its Javadoc's first sentence, or empty
   */
  public record Step(String name, String transition, List<String> next, boolean join, String doc) {
    /** Copies the list. */
    public Step {
      next = List.copyOf(next);
    }
  }

  /** Copies the list. */
  public StepGraph {
    steps = List.copyOf(steps);
  }

  /**
   * Reads a stored graph.
   *
   * @throws IllegalArgumentException if it is not a graph's JSON
   */
  public static StepGraph parse(byte[] json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid graph JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.path("steps").isArray()) {
      throw new IllegalArgumentException("Invalid graph JSON: no steps");
    }
    List<Step> steps = new ArrayList<>();
    for (JsonNode step : root.path("steps")) {
      List<String> next = new ArrayList<>();
      step.path("next").forEach(n -> next.add(n.asText()));
      steps.add(
          new Step(
              step.path("name").asText(),
              step.path("transition").asText("LINEAR"),
              next,
              step.path("join").asBoolean(false),
              step.path("doc").asText("")));
    }
    return new StepGraph(root.path("name").asText(""), steps);
  }

  /** The steps by name. */
  public Map<String, Step> byName() {
    Map<String, Step> byName = new LinkedHashMap<>();
    steps.forEach(step -> byName.put(step.name(), step));
    return byName;
  }
}
