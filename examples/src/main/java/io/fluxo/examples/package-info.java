/**
 * Example flows: {@link io.fluxo.examples.flightdelay} holds the skeleton of the flagship
 * flight-delay pipeline, {@link io.fluxo.examples.shapes} one small flow per graph shape.
 */
package io.fluxo.examples;
