/**
 * The step graph derived from a flow's transitions, and its checks: Metaflow's lint rules
 * (references, start and end, cycles, orphans, split/join balance, empty foreaches). Not API.
 */
package io.fluxo.processor.graph;
