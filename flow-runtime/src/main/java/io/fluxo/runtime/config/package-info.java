/**
 * Fluxo's configuration, as Metaflow's {@code config.json}: {@link
 * io.fluxo.runtime.config.FluxoConfig} from {@code ~/.fluxo/config.json}, the project's {@code
 * fluxo.json} (with profiles), {@code FLUXO_*} environment variables and command-line options;
 * {@link io.fluxo.runtime.config.Secret} values that never print; and {@link
 * io.fluxo.runtime.config.S3aSettings}, Spark's view of an S3 datastore. Configuration is data:
 * this package opens no store and depends on no backend; the runtime opens the stores it names with
 * the backends found for their types ({@code io.fluxo.runtime.spi.DatastoreBackend}, {@code
 * MetadataBackend}).
 */
package io.fluxo.runtime.config;
