package io.fluxo.runtime.internal.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows printed in aligned, space-separated columns under a header, as the inspection commands show
 * them.
 */
final class TextTable {
  private final List<String> header;
  private final boolean showHeader;
  private final List<List<String>> rows = new ArrayList<>();

  private TextTable(List<String> header, boolean showHeader) {
    this.header = header;
    this.showHeader = showHeader;
  }

  /** A table with these column titles. */
  static TextTable of(String... header) {
    return new TextTable(List.of(header), true);
  }

  /** Two columns without titles: a name and its value per row. */
  static TextTable facts() {
    return new TextTable(List.of("", ""), false);
  }

  TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "Invalid row: " + cells.length + " cells for " + header.size() + " columns");
    }
    rows.add(List.of(cells));
    return this;
  }

  /**
   * Prints the header and rows, each line prefixed by {@code indent}; the last column is not
   * padded.
   */
  void printTo(PrintWriter out, String indent) {
    int[] widths = new int[header.size()];
    for (List<String> line : allLines()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : showHeader ? allLines() : rows) {
      StringBuilder text = new StringBuilder(indent);
      for (int i = 0; i < widths.length; i++) {
        text.append(
            i == widths.length - 1
                ? line.get(i)
                : String.format("%-" + widths[i] + "s  ", line.get(i)));
      }
      out.println(text.toString().stripTrailing());
    }
  }

  private List<List<String>> allLines() {
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    return lines;
  }
}
