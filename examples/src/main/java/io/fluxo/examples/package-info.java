/**
 * Example flows: {@link io.fluxo.examples.shapes} holds one small flow per graph shape. The
 * flagship flight-delay pipeline is the module {@code examples/flight-delay}.
 */
package io.fluxo.examples;
