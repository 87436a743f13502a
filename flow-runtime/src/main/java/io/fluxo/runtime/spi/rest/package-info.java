/**
 * The metadata service's REST contract: the request bodies it accepts ({@link
 * io.fluxo.runtime.spi.rest.Requests}), the resources it answers with ({@link
 * io.fluxo.runtime.spi.rest.Resources}) and the rules their values follow ({@link
 * io.fluxo.runtime.spi.rest.Fields}). The runtime's metadata client and the service (de)serialize
 * exactly these records with Jackson databind; each carries its snake_case wire names, so any
 * mapper with Java time support writes the same JSON.
 */
package io.fluxo.runtime.spi.rest;
