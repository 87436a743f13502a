/**
 * Spark in Fluxo steps: {@link io.fluxo.spark.Spark#session()} gives the task's session, and {@link
 * io.fluxo.spark.SparkValueFormat} stores {@code Dataset} and MLlib model artifacts in Spark's own
 * formats under the task's datastore prefix; {@link io.fluxo.spark.SavedModel} saves a model where
 * the flow chooses and loads it back without MLlib's slow reader.
 */
package io.fluxo.spark;
