/**
 * The S3/MinIO datastore backend, {@link io.fluxo.runtime.internal.datastore.s3.S3Storage}: the
 * only package that uses minio-java.
 */
package io.fluxo.runtime.internal.datastore.s3;
