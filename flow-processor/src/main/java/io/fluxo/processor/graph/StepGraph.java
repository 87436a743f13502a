package io.fluxo.processor.graph;

import io.fluxo.processor.model.FlowElement;
import java.util.List;

/**
 * A flow whose graph passed every check: its steps as nodes in source order.
 *
 * @param flow the flow as written
 * @param nodes one node per step, in source order
 */
public record StepGraph(FlowElement flow, List<GraphNode> nodes) {
  /** Copies the nodes. */
  public StepGraph {
    nodes = List.copyOf(nodes);
  }
}
