/**
 * Spark in Fluxo steps: {@link io.fluxo.spark.Spark#session()} gives the task's session, and {@link
 * io.fluxo.spark.SparkValueFormat} stores {@code Dataset} and MLlib model artifacts in Spark's own
 * formats under the task's datastore prefix.
 */
package io.fluxo.spark;
