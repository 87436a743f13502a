package io.fluxo.runtime.client;

import io.fluxo.runtime.datastore.ContentStore;
import io.fluxo.runtime.datastore.LocalStorage;
import io.fluxo.runtime.datastore.TaskStore;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.kryo.KryoArtifactCodec;
import io.fluxo.runtime.metadata.LocalMetadataStore;
import io.fluxo.runtime.metadata.MetadataStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stores of one flow that the client reads.
 *
 * @param flow the flow name
 * @param storage the local datastore
 * @param blobs the flow's artifact blobs, decoded with the thread's context class loader
 * @param tasks the per-attempt task files
 * @param metadata the run and task records
 */
record ClientStores(String flow, LocalStorage storage, ContentStore blobs, TaskStore tasks, MetadataStore metadata) {
  static ClientStores open(String flow, Path root) {
    LocalStorage storage = new LocalStorage(root);
    return new ClientStores(
        flow, storage, new ContentStore(storage, flow, new KryoArtifactCodec()), new TaskStore(storage), new LocalMetadataStore(root));
  }

  /**
   * Reads the blob with hash {@code sha}. When decoding fails, the blob's bytes are hashed: if they
   * no longer match, the error says the blob is corrupted and where it is, rather than repeating
   * the decoder's complaint ({@link ContentStore#get} passes the codec's own errors through).
   */
  Object value(String sha) {
    try {
      return blobs.get(sha);
    } catch (PlatformException e) {
      if (e.getMessage().startsWith("Cannot read artifact blob") || intact(sha)) {
        throw e;
      }
      throw new PlatformException(e, "Cannot read artifact blob %s: it is corrupted (its content does not hash to %s)", blobs.describe(sha), sha);
    }
  }

  /** Whether the stored bytes hash to {@code sha}; a blob that cannot be read counts as intact. */
  private boolean intact(String sha) {
    String key = blobs.key(sha);
    if (!storage.exists(key)) {
      return true;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(storage.open(key), digest)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest()).equals(sha);
    } catch (IOException | NoSuchAlgorithmException e) {
      return true;
    }
  }
}
