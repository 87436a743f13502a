/** A run's step graph as stored with it, and its layered drawing for the DAG tab. */
package io.fluxo.ui.graph;
