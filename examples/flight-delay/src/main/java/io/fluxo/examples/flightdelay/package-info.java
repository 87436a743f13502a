/** The flight-delay prediction pipeline, Fluxo's flagship example. */
package io.fluxo.examples.flightdelay;
