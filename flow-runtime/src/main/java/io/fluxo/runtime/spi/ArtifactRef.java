package io.fluxo.runtime.spi;

import java.util.regex.Pattern;

/**
 * Where one artifact's value is: the content hash of its blob, the value's type and the stored
 * size.
 *
 * @param sha the SHA-256 of the stored bytes, lowercase hex
 * @param type the value's class name, or {@code null} for a null value
 * @param size stored bytes
 */
public record ArtifactRef(String sha, String type, long size) {
  /** A SHA-256 in lowercase hex. */
  public static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Requires a 64-digit hex hash. */
  public ArtifactRef {
    if (sha == null || !SHA256_HEX.matcher(sha).matches()) {
      throw new IllegalArgumentException("Invalid artifact hash: " + sha);
    }
    if (size < 0) {
      throw new IllegalArgumentException("Invalid artifact size: " + size);
    }
  }
}
