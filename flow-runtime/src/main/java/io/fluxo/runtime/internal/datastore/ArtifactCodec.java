package io.fluxo.runtime.internal.datastore;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Turns artifact values into bytes and back. Implementations are thread-safe; they neither close
 * nor buffer beyond what they consume of the streams they are given.
 */
public interface ArtifactCodec {
  /**
   * Writes {@code value} to {@code out}.
   *
   * @throws io.fluxo.runtime.error.UserCodeException if the value cannot be serialized, naming the
   *     offending type
   */
  void encode(Object value, OutputStream out);

  /** Reads one value written by {@link #encode}. */
  Object decode(InputStream in);
}
