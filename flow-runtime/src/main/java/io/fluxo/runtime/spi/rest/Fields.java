package io.fluxo.runtime.spi.rest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules the contract's names and values follow, checked by the records of {@link Requests} as
 * they are made and by the service on path and query parameters. Every check throws {@link
 * IllegalArgumentException} with a message naming the field and the value's problem; the service
 * answers it with 400. Stateless and thread-safe.
 */
public final class Fields {
  /** Flow, step and task names: what a Java identifier or a number needs, and no more. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.$-]{0,254}");

  private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,17}");

  /** Most tags one request may carry. */
  public static final int MAX_TAGS = 100;

  /** Longest tag. */
  public static final int MAX_TAG_LENGTH = 256;

  /** Longest free text value (user, host, metadata value, error). */
  public static final int MAX_TEXT = 65_536;

  /** Most input paths of one task (a join of a large foreach). */
  public static final int MAX_INPUT_PATHS = 100_000;

  /** Most artifacts or metadata entries in one request. */
  public static final int MAX_ENTRIES = 10_000;

  private Fields() {}

  /** A flow, step or task name. */
  public static String name(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid "
              + field
              + ": "
              + quoted(value)
              + "; expected 1 to 255 letters, digits or _ . $ - (not starting with . $ -)");
    }
    return value;
  }

  /** A run id, the run's number as a decimal string. */
  public static long runNumber(String field, String value) {
    if (value == null || !RUN_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + field + ": " + quoted(value) + "; expected a positive run number");
    }
    return Long.parseLong(value);
  }

  /** A run id or null. */
  public static String optionalRunId(String field, String value) {
    if (value != null) {
      runNumber(field, value);
    }
    return value;
  }

  /** Required text of at most {@code max} characters, without NUL characters. */
  public static String text(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("Missing " + field);
    }
    return optionalText(field, value, max);
  }

  /** Text of at most {@code max} characters without NUL characters, or null. */
  public static String optionalText(String field, String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(
          "Invalid " + field + ": " + value.length() + " characters; at most " + max + " allowed");
    }
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("Invalid " + field + ": it contains a NUL character");
    }
    return value;
  }

  /** A list of distinct tags in their first order; null reads as empty. */
  public static List<String> tags(String field, List<String> tags) {
    if (tags == null) {
      return List.of();
    }
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "Invalid " + field + ": " + tags.size() + " tags; at most " + MAX_TAGS + " allowed");
    }
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (String tag : tags) {
      if (tag == null || tag.isBlank()) {
        throw new IllegalArgumentException("Invalid " + field + ": tags must not be empty");
      }
      distinct.add(optionalText(field, tag, MAX_TAG_LENGTH));
    }
    return List.copyOf(distinct);
  }

  /** A list of texts, each at most {@code max} characters; null reads as empty. */
  public static List<String> texts(String field, List<String> values, int maxCount, int max) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > maxCount) {
      throw new IllegalArgumentException(
          "Invalid " + field + ": " + values.size() + " values; at most " + maxCount + " allowed");
    }
    List<String> checked = new ArrayList<>();
    for (String value : values) {
      checked.add(text(field, value, max));
    }
    return List.copyOf(checked);
  }

  /**
   * {@code entries} copied; a missing list, more than {@link #MAX_ENTRIES} entries or a null entry
   * is refused.
   */
  public static <T> List<T> entries(String field, List<T> entries) {
    if (entries == null) {
      throw new IllegalArgumentException("Missing " + field);
    }
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "Invalid "
              + field
              + ": "
              + entries.size()
              + " entries; at most "
              + MAX_ENTRIES
              + " allowed");
    }
    if (entries.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("Invalid " + field + ": entries must not be null");
    }
    return List.copyOf(entries);
  }

  /** {@code value} quoted and shortened for a message. */
  public static String quoted(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "'" + shown.replace("\0", "\\0") + "'";
  }
}
