/**
 * Runs flows in a unit test's JVM: {@link io.fluxo.runtime.testing.FlowTestRunner} runs a whole
 * flow, or one step with given artifact values, with the compiled graph, the real scheduler and a
 * local datastore in a temporary folder, and {@link io.fluxo.runtime.testing.FlowTestRun} reads the
 * results back as flow objects.
 */
package io.fluxo.runtime.testing;
