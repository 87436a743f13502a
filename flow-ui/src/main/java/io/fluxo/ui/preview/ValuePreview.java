package io.fluxo.ui.preview;

import io.fluxo.runtime.spi.ExternalValue;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an artifact's value into a bounded {@link Preview}: at most {@link #MAX_ROWS} items of a
 * collection or map, {@link #MAX_TEXT} characters of a string, {@link #MAX_CELL} per table cell. A
 * collection of records is a table with a column per component, and rows whose boolean {@code
 * passed} component is false come first (a validation report's failed checks); a record that only
 * wraps a collection is shown as that collection.
 */
public final class ValuePreview {
  /** The most items of a collection or map shown. */
  public static final int MAX_ROWS = 20;

  /** The most characters of a text value shown. */
  public static final int MAX_TEXT = 4000;

  /** The most characters of a table cell shown. */
  public static final int MAX_CELL = 200;

  /** The most items of a collection looked at to put failed ones first. */
  private static final int MAX_SCANNED = 10_000;

  private ValuePreview() {}

  /**
   * The preview of {@code value}; {@code details} are what the metadata recorded of a value stored
   * in its own format (empty for others).
   */
  public static Preview of(Object value, Map<String, String> details) {
    if (value instanceof ExternalValue stored) {
      return stored(stored, details.isEmpty() ? stored.details() : details);
    }
    if (value == null) {
      return new Preview.Text("null", false);
    }
    if (value instanceof Map<?, ?> map) {
      return map(map);
    }
    if (value instanceof Collection<?> collection) {
      return items(new ArrayList<>(bounded(collection)), collection.size());
    }
    if (value.getClass().isArray()) {
      int length = Array.getLength(value);
      List<Object> items = new ArrayList<>();
      for (int i = 0; i < Math.min(length, MAX_SCANNED); i++) {
        items.add(Array.get(value, i));
      }
      return items(items, length);
    }
    if (value instanceof Record record) {
      RecordComponent[] components = record.getClass().getRecordComponents();
      if (components.length == 1 && component(record, components[0]) instanceof Collection<?> c) {
        return items(new ArrayList<>(bounded(c)), c.size());
      }
      List<List<String>> rows = new ArrayList<>();
      for (RecordComponent component : components) {
        rows.add(List.of(component.getName(), cell(component(record, component))));
      }
      return new Preview.Table(List.of("field", "value"), rows, rows.size());
    }
    String text = scalar(value) ? value.toString() : String.valueOf(value);
    return text.length() > MAX_TEXT
        ? new Preview.Text(text.substring(0, MAX_TEXT), true)
        : new Preview.Text(text, false);
  }

  private static boolean scalar(Object value) {
    return value instanceof CharSequence
        || value instanceof Number
        || value instanceof Boolean
        || value instanceof Character
        || value instanceof Enum<?>
        || value instanceof TemporalAccessor
        || value instanceof UUID;
  }

  private static List<?> bounded(Collection<?> collection) {
    List<Object> items = new ArrayList<>();
    for (Object item : collection) {
      if (items.size() == MAX_SCANNED) {
        break;
      }
      items.add(item);
    }
    return items;
  }

  private static Preview map(Map<?, ?> map) {
    List<Object> entries = new ArrayList<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (entries.size() == MAX_ROWS) {
        break;
      }
      entries.add(new AbstractMap.SimpleImmutableEntry<>(entry.getKey(), entry.getValue()));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Object item : entries) {
      Map.Entry<?, ?> entry = (Map.Entry<?, ?>) item;
      rows.add(List.of(cell(entry.getKey()), cell(entry.getValue())));
    }
    return new Preview.Table(List.of("key", "value"), rows, map.size());
  }

  private static Preview items(List<Object> items, long total) {
    Class<?> recordType = commonRecordType(items);
    if (recordType == null) {
      List<List<String>> rows = new ArrayList<>();
      for (int i = 0; i < Math.min(items.size(), MAX_ROWS); i++) {
        rows.add(List.of(Integer.toString(i), cell(items.get(i))));
      }
      return new Preview.Table(List.of("#", "value"), rows, total);
    }
    RecordComponent[] components = recordType.getRecordComponents();
    RecordComponent passed = null;
    for (RecordComponent component : components) {
      if (component.getName().equals("passed") && component.getType() == boolean.class) {
        passed = component;
      }
    }
    if (passed != null) {
      RecordComponent flag = passed;
      items.sort(Comparator.comparing(item -> (Boolean) component((Record) item, flag)));
    }
    List<String> columns = new ArrayList<>();
    for (RecordComponent component : components) {
      columns.add(component.getName());
    }
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(items.size(), MAX_ROWS); i++) {
      List<String> row = new ArrayList<>();
      for (RecordComponent component : components) {
        row.add(cell(component((Record) items.get(i), component)));
      }
      rows.add(row);
    }
    return new Preview.Table(columns, rows, total);
  }

  private static Class<?> commonRecordType(List<Object> items) {
    if (items.isEmpty() || !(items.get(0) instanceof Record first)) {
      return null;
    }
    for (Object item : items) {
      if (item == null || item.getClass() != first.getClass()) {
        return null;
      }
    }
    return first.getClass();
  }

  private static Preview stored(ExternalValue stored, Map<String, String> details) {
    Map<String, String> shown = new LinkedHashMap<>(details);
    String ddl = shown.remove("schema");
    List<String> sample = new ArrayList<>();
    for (String row : stored.sample()) {
      if (sample.size() == MAX_ROWS) {
        break;
      }
      sample.add(bounded(row, MAX_CELL * 4));
    }
    return new Preview.Stored(shown, ddl == null ? List.of() : schema(ddl), sample);
  }

  /**
   * The columns of a Spark DDL schema ({@code origin STRING,delay DOUBLE,...}), split at its
   * top-level commas so that nested types stay whole.
   */
  static List<Map.Entry<String, String>> schema(String ddl) {
    List<Map.Entry<String, String>> columns = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i <= ddl.length(); i++) {
      char c = i < ddl.length() ? ddl.charAt(i) : ',';
      if (c == '<' || c == '(') {
        depth++;
      } else if (c == '>' || c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        String column = ddl.substring(start, i).trim();
        if (!column.isEmpty()) {
          int space = column.indexOf(' ');
          columns.add(
              space < 0
                  ? Map.entry(column, "")
                  : Map.entry(
                      column.substring(0, space).replace("`", ""),
                      column.substring(space + 1).trim()));
        }
        start = i + 1;
      }
    }
    return columns;
  }

  private static Object component(Record record, RecordComponent component) {
    try {
      component.getAccessor().trySetAccessible();
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      return "(unreadable: " + e.getClass().getSimpleName() + ")";
    }
  }

  private static String cell(Object value) {
    return bounded(String.valueOf(value), MAX_CELL);
  }

  private static String bounded(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
