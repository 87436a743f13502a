/**
 * The datastore: content-addressed artifact blobs ({@link io.fluxo.runtime.datastore.ContentStore})
 * and per-attempt task files ({@link io.fluxo.runtime.datastore.TaskStore}) on a {@link
 * io.fluxo.runtime.datastore.DatastoreStorage} backend.
 */
package io.fluxo.runtime.datastore;
