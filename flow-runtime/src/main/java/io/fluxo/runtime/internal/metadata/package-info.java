/**
 * Run, task and attempt metadata behind {@link io.fluxo.runtime.spi.MetadataStore}; {@link
 * io.fluxo.runtime.internal.metadata.LocalMetadataStore} keeps it in files beside the local
 * datastore, {@link io.fluxo.runtime.internal.metadata.ServiceMetadataStore} in the metadata
 * service; the configuration ({@code io.fluxo.runtime.config}) chooses, and {@link
 * io.fluxo.runtime.internal.metadata.LocalMetadataBackend} and {@link
 * io.fluxo.runtime.internal.metadata.ServiceMetadataBackend} open them.
 */
package io.fluxo.runtime.internal.metadata;
