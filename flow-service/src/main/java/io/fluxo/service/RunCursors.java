package io.fluxo.service;

import io.fluxo.runtime.spi.rest.Fields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque paging cursors of run listings: the run number the next page starts below. */
final class RunCursors {
  private static final String PREFIX = "before:";

  private RunCursors() {}

  /** The cursor of the page after the run numbered {@code lastRunNumber}. */
  static String after(long lastRunNumber) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + lastRunNumber).getBytes(StandardCharsets.UTF_8));
  }

  /** The run number a cursor pages below; rejects anything {@link #after} did not make. */
  static long parse(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        return Fields.runNumber("cursor", text.substring(PREFIX.length()));
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "Invalid cursor: "
            + Fields.quoted(cursor)
            + "; pass back the next_cursor of a previous page");
  }
}
