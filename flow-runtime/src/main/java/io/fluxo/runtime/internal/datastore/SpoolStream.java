package io.fluxo.runtime.internal.datastore;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Collects an encoded blob in memory and spills it to a scratch file once it outgrows {@value
 * #IN_MEMORY_LIMIT} bytes, so small blobs never touch the local disk and large ones never fill the
 * heap. Not thread-safe.
 */
final class SpoolStream extends OutputStream {
  /** Bytes kept in memory before spilling to a file. */
  static final int IN_MEMORY_LIMIT = 1 << 20;

  private final Path scratchDir;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
  private Path file;
  private OutputStream fileOut;
  private long size;

  SpoolStream(Path scratchDir) {
    this.scratchDir = scratchDir;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (fileOut == null && memory.size() + len > IN_MEMORY_LIMIT) {
      file = Files.createTempFile(scratchDir, "blob", ".tmp");
      fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      memory.writeTo(fileOut);
      memory = null;
    }
    if (fileOut != null) {
      fileOut.write(b, off, len);
    } else {
      memory.write(b, off, len);
    }
    size += len;
  }

  @Override
  public void close() throws IOException {
    if (fileOut != null) {
      fileOut.close();
    }
  }

  /** The spilled file, or null if the blob stayed in memory. */
  Path file() {
    return file;
  }

  /** The blob, if it stayed in memory. */
  byte[] bytes() {
    return memory.toByteArray();
  }

  /** The blob's size in bytes. */
  long size() {
    return size;
  }

  /** Deletes the spilled file if it is still there (a storage may have moved it away). */
  void discard() {
    if (file != null) {
      try {
        if (fileOut != null) {
          fileOut.close();
        }
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // best effort: a leftover spool file is only scratch space
      }
    }
  }
}
