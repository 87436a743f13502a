/** Flows that {@code bench/run.sh} measures: the workloads of the runtime's benchmark. */
package io.fluxo.bench;
