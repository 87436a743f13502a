/**
 * Writes {@code FlowMain_<Flow>} and the typed run client {@code <Flow>Run} for each valid flow,
 * with JavaPoet, and the {@code META-INF/services} file that lists the {@code FlowMain_} classes.
 * Names runtime types only through {@code ClassNames}, so the processor needs no runtime jar. Not
 * API.
 */
package io.fluxo.processor.codegen;
