/**
 * Data-quality checks on Spark Datasets, run with Deequ: {@link
 * io.fluxo.spark.validation.DataChecks}.
 */
package io.fluxo.spark.validation;
