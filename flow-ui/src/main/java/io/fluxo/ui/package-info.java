/**
 * The web UI: runs, a run's DAG, timeline and tasks, a task's logs and artifacts, served as HTML
 * from templates compiled with the module, with htmx for the parts that update live.
 */
package io.fluxo.ui;
