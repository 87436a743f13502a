package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskPath;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One output stream of an attempt, spooled line by line to a scratch file as it is read, so that a
 * long log never sits in memory, and stored in the datastore, as read so far, when asked. A line
 * that cannot be spooled (a full disk) is left out of the log, and the next {@link #store} fails.
 * Thread-safe: a reader appends while a store copies what was spooled before it started.
 */
final class LogSpool {
  private final Path file;
  private final OutputStream out;
  private long size;
  private IOException failure;

  private LogSpool(Path file) throws IOException {
    this.file = file;
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  /**
   * A new spool in {@code scratchDir}.
   *
   * @throws PlatformException if its file cannot be created
   */
  static LogSpool create(Path scratchDir) {
    try {
      return new LogSpool(Files.createTempFile(scratchDir, "log", ".tmp"));
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot create a log file in %s: %s", scratchDir, e.getMessage());
    }
  }

  /** Appends {@code line} and a newline. */
  synchronized void append(String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      out.write(bytes);
      size += bytes.length;
    } catch (IOException e) {
      failure = e;
    }
  }

  /** How many bytes were spooled. */
  synchronized long size() {
    return size;
  }

  /**
   * Stores what was spooled so far as the {@code stream} log of the attempt; returns its size.
   *
   * @throws PlatformException if it cannot be copied or stored, or a line could not be spooled
   */
  long store(TaskStore tasks, TaskPath task, int attempt, LogStream stream) {
    Path copy = null;
    long stored;
    try {
      synchronized (this) {
        if (failure != null) {
          throw failure;
        }
        out.flush();
        stored = size;
      }
      // the file only grows: its first bytes are copied while the reader goes on appending
      copy = Files.createTempFile(file.getParent(), "log", ".tmp");
      copyStart(stored, copy);
      tasks.writeLog(task, attempt, stream, copy);
      return stored;
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot store the %s log of %s: %s", stream, task.pathspec(), e.getMessage());
    } finally {
      deleteQuietly(copy);
    }
  }

  /** Copies the first {@code length} bytes of the spool's file to {@code target}. */
  private void copyStart(long length, Path target) throws IOException {
    try (FileChannel from = FileChannel.open(file, StandardOpenOption.READ);
        FileChannel to = FileChannel.open(target, StandardOpenOption.WRITE)) {
      long copied = 0;
      while (copied < length) {
        long n = from.transferTo(copied, length - copied, to);
        if (n <= 0) {
          throw new EOFException(file + " is shorter than the " + length + " bytes spooled");
        }
        copied += n;
      }
    }
  }

  /** Deletes the spool; nothing may be appended or stored afterwards. */
  synchronized void delete() {
    try {
      out.close();
    } catch (IOException e) {
      // the file is deleted anyway
    }
    deleteQuietly(file);
  }

  private static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a scratch file left behind takes only space
    }
  }
}
