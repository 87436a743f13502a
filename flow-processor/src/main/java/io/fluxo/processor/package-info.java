/**
 * The Fluxo annotation processor, {@link io.fluxo.processor.FlowProcessor}: for each {@code @Flow}
 * class it reads the model, validates the elements, derives and validates the step graph, and
 * generates {@code FlowMain_<Flow>}.
 */
package io.fluxo.processor;
