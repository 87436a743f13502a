package io.fluxo.runtime.spi;

/**
 * Where one artifact's value is: the content hash of its blob, the value's type and the stored
 * size.
 *
 * @param sha the SHA-256 of the stored bytes, lowercase hex
 * @param type the value's class name, or {@code null} for a null value
 * @param size stored bytes
 */
public record ArtifactRef(String sha, String type, long size) {
  /** Requires a 64-digit hex hash. */
  public ArtifactRef {
    if (sha == null || !sha.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("Invalid artifact hash: " + sha);
    }
    if (size < 0) {
      throw new IllegalArgumentException("Invalid artifact size: " + size);
    }
  }
}
