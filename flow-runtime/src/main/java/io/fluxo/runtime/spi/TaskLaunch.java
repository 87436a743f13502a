package io.fluxo.runtime.spi;

import io.fluxo.runtime.graph.StepNode;

/**
 * One attempt to launch.
 *
 * @param spec the task and attempt
 * @param node the step's graph node (decorators: environment, resources, timeout)
 */
public record TaskLaunch(TaskSpec spec, StepNode node) {}
