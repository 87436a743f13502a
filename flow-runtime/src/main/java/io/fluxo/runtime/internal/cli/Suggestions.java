package io.fluxo.runtime.internal.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The names closest to a mistyped one, for "did you mean" hints: those within an edit distance
 * (insertions, deletions, substitutions, swaps of neighbours) of a third of their length, at least
 * one, closest first.
 */
final class Suggestions {
  private Suggestions() {}

  /** The names of {@code names} close to {@code typed}, closest first; none when none is. */
  static List<String> closest(String typed, Collection<String> names) {
    String wanted = typed.toLowerCase(Locale.ROOT);
    return names.stream()
        .filter(name -> distance(name.toLowerCase(Locale.ROOT), wanted) <= limit(name))
        .sorted(
            Comparator.comparingInt(
                    (String name) -> distance(name.toLowerCase(Locale.ROOT), wanted))
                .thenComparing(Comparator.naturalOrder()))
        .toList();
  }

  private static int limit(String name) {
    return Math.max(1, name.replaceFirst("^-+", "").length() / 3);
  }

  /** The optimal string alignment distance between {@code a} and {@code b}. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
