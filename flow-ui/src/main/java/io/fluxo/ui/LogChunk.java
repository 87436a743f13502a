package io.fluxo.ui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A piece of a stored log: its text, how many bytes before it were left out, and the byte offset
 * after it, from which a live tail goes on.
 *
 * @param text the text
 * @param skipped how many bytes before it are left out
 * @param end the byte offset after it
 */
record LogChunk(String text, long skipped, long end) {
  /**
   * The last {@code max} bytes of {@code log} (read through, keeping only those); empty if none.
   */
  static LogChunk tail(Optional<InputStream> log, int max) {
    if (log.isEmpty()) {
      return new LogChunk("", 0, 0);
    }
    try (InputStream in = log.get()) {
      byte[] ring = new byte[max];
      byte[] buffer = new byte[1 << 16];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          ring[(int) ((total + i) % max)] = buffer[i];
        }
        total += n;
      }
      int kept = (int) Math.min(total, max);
      byte[] tail = new byte[kept];
      for (int i = 0; i < kept; i++) {
        tail[i] = ring[(int) ((total - kept + i) % max)];
      }
      return new LogChunk(new String(tail, StandardCharsets.UTF_8), total - kept, total);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * At most {@code max} bytes of {@code log} after byte {@code from}; with {@code wholeLines}, only
   * up to the last newline, so that a line still being written is not cut (nor a character).
   */
  static LogChunk from(Optional<InputStream> log, long from, int max, boolean wholeLines) {
    if (log.isEmpty()) {
      return new LogChunk("", 0, from);
    }
    try (InputStream in = log.get()) {
      long skipped = 0;
      while (skipped < from) {
        long more = in.skip(from - skipped);
        if (more <= 0) {
          return new LogChunk("", 0, from);
        }
        skipped += more;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 << 16];
      int n;
      while (out.size() < max
          && (n = in.read(buffer, 0, Math.min(buffer.length, max - out.size()))) > 0) {
        out.write(buffer, 0, n);
      }
      byte[] bytes = out.toByteArray();
      int length = bytes.length;
      if (wholeLines) {
        while (length > 0 && bytes[length - 1] != '\n') {
          length--;
        }
      }
      return new LogChunk(new String(bytes, 0, length, StandardCharsets.UTF_8), 0, from + length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
