/**
 * The datastore: content-addressed artifact blobs ({@link
 * io.fluxo.runtime.internal.datastore.ContentStore}) and per-attempt task files ({@link
 * io.fluxo.runtime.internal.datastore.TaskStore}) on a {@link
 * io.fluxo.runtime.spi.DatastoreStorage} backend.
 */
package io.fluxo.runtime.internal.datastore;
