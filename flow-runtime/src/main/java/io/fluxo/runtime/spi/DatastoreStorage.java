package io.fluxo.runtime.spi;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a datastore keeps its objects: keys are {@code /}-separated paths relative to the root. A
 * backend (local folder, S3) implements only this; layout and content addressing live above it.
 * Implementations are safe for concurrent use by many threads and processes: a write is atomic (a
 * reader sees the whole object or none of it) and writing the same key twice is harmless.
 */
public interface DatastoreStorage {
  /** A human-readable location of {@code key}, for messages: a path or an {@code s3://} URI. */
  String describe(String key);

  /** Whether an object exists at {@code key}. */
  boolean exists(String key);

  /**
   * Opens the object at {@code key}.
   *
   * @throws io.fluxo.runtime.error.PlatformException if it does not exist or cannot be read
   */
  InputStream open(String key);

  /** Stores {@code bytes} at {@code key}, replacing what was there, atomically. */
  void write(String key, byte[] bytes);

  /**
   * Stores the content of {@code file} at {@code key} atomically; {@code file} may be moved away.
   */
  void writeFile(String key, Path file);

  /** Names of the entries directly under {@code prefix} (objects and sub-prefixes), sorted. */
  List<String> list(String prefix);

  /** A local scratch folder for spooling large objects before they are written. */
  Path scratchDir();

  /**
   * How many writes are worth running at once: 1 (the default) where each write is cheap, more for
   * a remote store whose round trips dominate small writes.
   */
  default int parallelism() {
    return 1;
  }
}
