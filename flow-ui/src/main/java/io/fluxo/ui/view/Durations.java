package io.fluxo.ui.view;

import java.time.Duration;

/**
 * Durations as people read them: {@code 850 ms}, {@code 4.2 s}, {@code 3 min 05 s}, {@code 2 h 04
 * min}.
 */
public final class Durations {
  private Durations() {}

  /** {@code duration} in its largest sensible unit. */
  public static String format(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format("%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
    return String.format("%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
  }
}
