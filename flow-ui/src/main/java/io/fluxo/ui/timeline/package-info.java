/** A run's timeline: task attempts as bars on a time axis, grouped by step. */
package io.fluxo.ui.timeline;
