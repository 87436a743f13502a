/**
 * Checks of a flow's elements before its graph is built: the class, step signatures and names,
 * transitions, parameters, artifact fields and decorators. Holds the error catalogue, {@link
 * io.fluxo.processor.validation.ErrorMessages}. Not API.
 */
package io.fluxo.processor.validation;
