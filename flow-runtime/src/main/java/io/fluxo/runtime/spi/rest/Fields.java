package io.fluxo.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks the names and values the API accepts, before they reach SQL. Every check throws {@link
 * IllegalArgumentException} with a message naming the field and the value's problem; the service
 * answers it with 400.
 */
final class Fields {
  /** Flow, step and task names: what a Java identifier or a number needs, and no more. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.$-]{0,254}");

  private static final Pattern RUN_ID = Pattern.compile("[1-9][0-9]{0,17}");

  /** Most tags one request may carry. */
  static final int MAX_TAGS = 100;

  /** Longest tag. */
  static final int MAX_TAG_LENGTH = 256;

  /** Longest free text value (user, host, metadata value, error). */
  static final int MAX_TEXT = 65_536;

  private Fields() {}

  /** A flow, step or task name. */
  static String name(String field, String value) {
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
  static long runNumber(String field, String value) {
    if (value == null || !RUN_ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + field + ": " + quoted(value) + "; expected a positive run number");
    }
    return Long.parseLong(value);
  }

  /** A run id or null. */
  static String optionalRunId(String field, String value) {
    if (value != null) {
      runNumber(field, value);
    }
    return value;
  }

  /** Required text of at most {@code max} characters, without NUL characters. */
  static String text(String field, String value, int max) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("Missing " + field);
    }
    return optionalText(field, value, max);
  }

  /** Text of at most {@code max} characters without NUL characters, or null. */
  static String optionalText(String field, String value, int max) {
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
  static List<String> tags(String field, List<String> tags) {
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
  static List<String> texts(String field, List<String> values, int maxCount, int max) {
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

  /** {@code value} quoted and shortened for a message. */
  static String quoted(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
    return "'" + shown.replace("\0", "\\0") + "'";
  }
}
