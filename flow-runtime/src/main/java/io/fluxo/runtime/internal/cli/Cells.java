package io.fluxo.runtime.internal.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** How the inspection commands write times, durations, sizes, tags and values in their tables. */
final class Cells {
  /** The length past which a value is cut, unless {@code --full} is given. */
  static final int VALUE_WIDTH = 80;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

  private Cells() {}

  /** Local time to the second, or {@code -}. */
  static String time(Optional<Instant> instant) {
    return instant.map(TIME::format).orElse("-");
  }

  /** {@code 850ms}, {@code 3.2s}, {@code 4m 05s}, {@code 2h 03m}, or {@code -}. */
  static String duration(Optional<Duration> duration) {
    if (duration.isEmpty()) {
      return "-";
    }
    long millis = duration.get().toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format("%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format("%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh %02dm", seconds / 3600, seconds % 3600 / 60);
  }

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 2.0 MiB}, ... */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format("%.1f %s", value, units[unit]);
  }

  /** Comma-separated, or {@code -} when empty. */
  static String list(List<String> items) {
    return items.isEmpty() ? "-" : String.join(", ", items);
  }

  /**
   * A value's {@code toString} on one line, cut to {@link #VALUE_WIDTH} characters unless {@code
   * full}; an empty string shows as {@code ""}.
   */
  static String value(Object value, boolean full) {
    String text = "".equals(value) ? "\"\"" : String.valueOf(value);
    if (full) {
      return text;
    }
    text = text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ");
    return text.length() > VALUE_WIDTH ? text.substring(0, VALUE_WIDTH - 3) + "..." : text;
  }
}
