/**
 * What the processor reads from a {@code @Flow} class before any check: its steps, their
 * transitions (read from the method bodies with javac's Tree API), decorators, parameters, artifact
 * fields and the artifacts each step uses. Not API.
 */
package io.fluxo.processor.model;
