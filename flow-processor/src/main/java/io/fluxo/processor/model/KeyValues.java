package io.fluxo.processor.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses {@code key=value} entries, as {@code @Kubernetes} and {@code @Environment} take them. */
public final class KeyValues {
  private KeyValues() {}

  /**
   * One entry split at its first {@code =}; empty when there is no {@code =} or the key is blank.
   * The value may be empty.
   */
  public static Optional<Map.Entry<String, String>> parse(String entry) {
    int eq = entry.indexOf('=');
    if (eq <= 0 || entry.substring(0, eq).isBlank()) {
      return Optional.empty();
    }
    return Optional.of(Map.entry(entry.substring(0, eq).strip(), entry.substring(eq + 1)));
  }

  /** The well-formed entries of {@code entries} as a map in order; later duplicates win. */
  public static Map<String, String> toMap(List<String> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : entries) {
      parse(entry).ifPresent(e -> map.put(e.getKey(), e.getValue()));
    }
    return map;
  }
}
