package io.fluxo.ui.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered drawing of a step graph, top to bottom: each step sits one layer below its deepest
 * predecessor (the longest path from {@code start}), the steps of a layer side by side in the
 * graph's order, centred; edges are curves from a step's bottom to its successor's top.
 */
public final class DagLayout {
  /** The narrowest step box; a box widens to fit the longest step name. */
  public static final int MIN_NODE_WIDTH = 168;

  /** About how wide a character of a step's name is drawn. */
  private static final int CHAR_WIDTH = 9;

  /** A step's box height. */
  public static final int NODE_HEIGHT = 48;

  private static final int GAP_X = 32;
  private static final int GAP_Y = 56;
  private static final int MARGIN = 16;

  private DagLayout() {}

  /**
   * A placed step.
   *
   * @param step the step
   * @param x its box's left edge
   * @param y its box's top edge
   * @param layer its layer, from 0
   * @param width its box's width, the same for every step of a drawing
   */
  public record Node(StepGraph.Step step, int x, int y, int layer, int width) {
    /** The middle of its box, horizontally. */
    public int centerX() {
      return x + width / 2;
    }
  }

  /**
   * An edge.
   *
   * @param from the predecessor's name
   * @param to the successor's name
   * @param path the SVG path of its curve
   * @param fanOut whether it fans out into a foreach's tasks
   */
  public record Edge(String from, String to, String path, boolean fanOut) {}

  /**
   * The whole drawing.
   *
   * @param nodes the placed steps, in the graph's order
   * @param edges the edges
   * @param width the drawing's width
   * @param height the drawing's height
   */
  public record Drawing(List<Node> nodes, List<Edge> edges, int width, int height) {}

  /** Lays out {@code graph}; a step unreachable from the first is put in the first layer. */
  public static Drawing layout(StepGraph graph) {
    Map<String, StepGraph.Step> steps = graph.byName();
    Map<String, Integer> layers = new HashMap<>();
    graph.steps().forEach(step -> layers.putIfAbsent(step.name(), 0));
    // longest path: relax in graph order until stable (a DAG settles within |steps| passes)
    for (int pass = 0; pass < steps.size(); pass++) {
      boolean changed = false;
      for (StepGraph.Step step : graph.steps()) {
        for (String next : step.next()) {
          if (steps.containsKey(next) && layers.get(next) < layers.get(step.name()) + 1) {
            layers.put(next, layers.get(step.name()) + 1);
            changed = true;
          }
        }
      }
      if (!changed) {
        break;
      }
    }
    Map<Integer, List<StepGraph.Step>> byLayer = new LinkedHashMap<>();
    int depth = 0;
    int breadth = 1;
    for (StepGraph.Step step : graph.steps()) {
      int layer = layers.get(step.name());
      byLayer.computeIfAbsent(layer, l -> new ArrayList<>()).add(step);
      depth = Math.max(depth, layer + 1);
    }
    for (List<StepGraph.Step> layer : byLayer.values()) {
      breadth = Math.max(breadth, layer.size());
    }
    int nodeWidth =
        Math.max(
            MIN_NODE_WIDTH,
            24
                + CHAR_WIDTH
                    * graph.steps().stream().mapToInt(s -> s.name().length()).max().orElse(0));
    int width = 2 * MARGIN + breadth * nodeWidth + (breadth - 1) * GAP_X;
    Map<String, Node> placed = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<StepGraph.Step>> layer : byLayer.entrySet()) {
      List<StepGraph.Step> row = layer.getValue();
      int rowWidth = row.size() * nodeWidth + (row.size() - 1) * GAP_X;
      int left = (width - rowWidth) / 2;
      for (int i = 0; i < row.size(); i++) {
        int x = left + i * (nodeWidth + GAP_X);
        int y = MARGIN + layer.getKey() * (NODE_HEIGHT + GAP_Y);
        placed.put(row.get(i).name(), new Node(row.get(i), x, y, layer.getKey(), nodeWidth));
      }
    }
    List<Node> nodes = new ArrayList<>();
    graph.steps().forEach(step -> nodes.add(placed.get(step.name())));
    List<Edge> edges = new ArrayList<>();
    for (Node from : nodes) {
      for (String next : from.step().next()) {
        Node to = placed.get(next);
        if (to != null) {
          edges.add(
              new Edge(
                  from.step().name(),
                  next,
                  curve(from.centerX(), from.y() + NODE_HEIGHT, to.centerX(), to.y()),
                  "FOREACH".equals(from.step().transition())));
        }
      }
    }
    int height = 2 * MARGIN + depth * NODE_HEIGHT + (depth - 1) * GAP_Y;
    return new Drawing(nodes, edges, width, height);
  }

  private static String curve(int x1, int y1, int x2, int y2) {
    int middle = (y1 + y2) / 2;
    return "M" + x1 + "," + y1 + " C" + x1 + "," + middle + " " + x2 + "," + middle + " " + x2 + ","
        + (y2 - 2);
  }
}
