/**
 * Reads runs, steps, tasks, artifacts and logs of a flow from a local datastore, for notebooks and
 * tests, as {@code metaflow.client} does in Python. Start with {@link
 * io.fluxo.runtime.client.FlowRuns#of(String)}:
 *
 * <pre>{@code
 * Run run = FlowRuns.of("TrainFlow").latestSuccessfulRun();
 * double auc = run.step("evaluate").task().artifact("auc", Double.class);
 * }</pre>
 *
 * <p>The processor also generates a typed client per flow, {@code <Flow>Run}, that reads through
 * this API with no cast and no string name: {@code TrainFlowRun.latest().evaluate().auc()} returns
 * the field's declared type ({@link io.fluxo.runtime.client.Task#artifact(String,
 * java.lang.reflect.Type)}).
 *
 * <p>Objects are snapshots of their records, taken when they are obtained; artifact values and logs
 * are read only when asked for. Every object is immutable and safe to share between threads. A
 * missing run, step, task, attempt or artifact raises {@link java.util.NoSuchElementException}
 * whose message lists what exists.
 */
package io.fluxo.runtime.client;
