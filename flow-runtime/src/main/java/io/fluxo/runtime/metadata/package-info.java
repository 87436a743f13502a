/**
 * Run, task and attempt metadata behind {@link io.fluxo.runtime.metadata.MetadataStore}; {@link
 * io.fluxo.runtime.metadata.LocalMetadataStore} keeps it in files beside the local datastore.
 */
package io.fluxo.runtime.metadata;
