/**
 * The step graph as generated code describes it: {@link io.fluxo.runtime.graph.FlowGraph}, its
 * {@link io.fluxo.runtime.graph.StepNode}s and decorators, and {@link
 * io.fluxo.runtime.graph.FlowDefinition}, the interface each generated {@code FlowMain_<Flow>}
 * implements.
 */
package io.fluxo.runtime.graph;
