/**
 * Fluxo's configuration, as Metaflow's {@code config.json}: {@link
 * io.fluxo.runtime.config.FluxoConfig} from {@code ~/.fluxo/config.json}, the project's {@code
 * fluxo.json} (with profiles), {@code FLUXO_*} environment variables and command-line options;
 * {@link io.fluxo.runtime.config.Secret} values that never print; and {@link
 * io.fluxo.runtime.config.S3aSettings}, Spark's view of an S3 datastore.
 */
package io.fluxo.runtime.config;
