/**
 * What a plug-in implements or is given: launchers that start task attempts elsewhere ({@link
 * io.fluxo.runtime.spi.LauncherPlugin}, {@link io.fluxo.runtime.spi.StepLauncher}), value formats
 * for artifacts kept outside the artifact store ({@link io.fluxo.runtime.spi.ExternalValueFormat}),
 * storage for the datastore ({@link io.fluxo.runtime.spi.DatastoreStorage}), metadata stores
 * ({@link io.fluxo.runtime.spi.MetadataStore}), the backends that open them for a configured type
 * ({@link io.fluxo.runtime.spi.DatastoreBackend}, {@link io.fluxo.runtime.spi.MetadataBackend}) and
 * command-line subcommands ({@link io.fluxo.runtime.spi.CommandPlugin}), with the records they
 * exchange; {@code spi.rest} holds the metadata service's REST contract. Plug-in modules use this
 * package, the flow model ({@code graph}), configuration ({@code config}), errors ({@code error})
 * and the user API; everything under {@code io.fluxo.runtime.internal} may change in any release.
 */
package io.fluxo.runtime.spi;
