/**
 * The Fluxo metadata service: a REST API over PostgreSQL ({@code /v1/flows/...}, modelled on
 * Metaflow's metadata service) that the runtime's {@code service} metadata provider talks to. Entry
 * points: {@link io.fluxo.service.ServiceMain} and the {@code flow service} command that {@link
 * io.fluxo.service.ServiceCommandPlugin} contributes to every flow's command line.
 */
package io.fluxo.service;
