package io.fluxo.ui.preview;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the UI shows of an artifact's value, bounded in size: one of the kinds below, each rendered
 * by its own template.
 */
public sealed interface Preview {
  /**
   * A value shown as text: a scalar, a string (cut at {@link ValuePreview#MAX_TEXT} characters), or
   * any other object's {@code toString()}.
   *
   * @param text the text
   * @param truncated whether it was cut
   */
  record Text(String text, boolean truncated) implements Preview {}

  /**
   * A collection, map, array or record as a table.
   *
   * @param columns the column headers
   * @param rows the first rows, each a cell per column, as bounded text
   * @param total how many items the value holds
   */
  record Table(List<String> columns, List<List<String>> rows, long total) implements Preview {
    /** Copies the lists. */
    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
    }

    /** How many items are not shown. */
    public long more() {
      return total - rows.size();
    }
  }

  /**
   * A value stored in its own format (a Spark Dataset or model).
   *
   * @param details what its format recorded ({@code format}, {@code location}, a Dataset's {@code
   *     rows} and {@code bytes}, a model's {@code class}), without the schema
   * @param schema a Dataset's columns (name to type), in order; empty for others
   * @param sample a Dataset's first rows, as text
   */
  record Stored(
      Map<String, String> details, List<Map.Entry<String, String>> schema, List<String> sample)
      implements Preview {
    /** Copies the collections. */
    public Stored {
      details = new LinkedHashMap<>(details);
      schema = List.copyOf(schema);
      sample = List.copyOf(sample);
    }
  }

  /**
   * A value that cannot be shown here.
   *
   * @param reason why, e.g. its class is not on this server's classpath
   */
  record Unavailable(String reason) implements Preview {}
}
