/**
 * Writes {@code FlowMain_<Flow>} for each valid flow, with JavaPoet, and the {@code
 * META-INF/services} file that lists them. Names runtime types only through {@code ClassNames}, so
 * the processor needs no runtime jar. Not API.
 */
package io.fluxo.processor.codegen;
