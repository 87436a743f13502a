package io.fluxo.runtime.client;

import java.util.Collection;
import java.util.List;

/** Lists of names as error messages show them: what exists, instead of what was asked for. */
final class Names {
  private static final int MAX_SHOWN = 20;

  private Names() {}

  /** {@code a, b, c}; past 20 names the last 20 and how many more; {@code none} when empty. */
  static String listed(Collection<String> names) {
    if (names.isEmpty()) {
      return "none";
    }
    List<String> all = List.copyOf(names);
    if (all.size() <= MAX_SHOWN) {
      return String.join(", ", all);
    }
    int hidden = all.size() - MAX_SHOWN;
    return hidden + " more, then " + String.join(", ", all.subList(hidden, all.size()));
  }
}
