package io.fluxo.ui.preview;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.spi.ExternalValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValuePreviewTest {
  record Outcome(String check, boolean passed, String message) {}

  record Report(List<Outcome> outcomes) {}

  record Point(int x, String label) {}

  @Test
  void scalarsAndStrings_areText_andLongTextIsCut() {
    assertThat(ValuePreview.of(42, Map.of())).isEqualTo(new Preview.Text("42", false));
    assertThat(ValuePreview.of(null, Map.of())).isEqualTo(new Preview.Text("null", false));
    Preview.Text text = (Preview.Text) ValuePreview.of("x".repeat(10_000), Map.of());
    assertThat(text.truncated()).isTrue();
    assertThat(text.text()).hasSize(ValuePreview.MAX_TEXT);
  }

  @Test
  void map_showsItsFirstEntriesAsATable_andHowManyMore() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    IntStream.range(0, 30).forEach(i -> metrics.put("m" + i, i / 10.0));

    Preview.Table table = (Preview.Table) ValuePreview.of(metrics, Map.of());

    assertThat(table.columns()).containsExactly("key", "value");
    assertThat(table.rows()).hasSize(ValuePreview.MAX_ROWS);
    assertThat(table.rows().get(3)).containsExactly("m3", "0.3");
    assertThat(table.total()).isEqualTo(30);
    assertThat(table.more()).isEqualTo(10);
  }

  @Test
  void listOfRecords_isATableWithAColumnPerComponent() {
    Preview.Table table =
        (Preview.Table) ValuePreview.of(List.of(new Point(1, "a"), new Point(2, "b")), Map.of());

    assertThat(table.columns()).containsExactly("x", "label");
    assertThat(table.rows()).containsExactly(List.of("1", "a"), List.of("2", "b"));
  }

  @Test
  void record_isATableOfItsFields_andCellsAreBounded() {
    Preview.Table table = (Preview.Table) ValuePreview.of(new Point(7, "y".repeat(500)), Map.of());

    assertThat(table.columns()).containsExactly("field", "value");
    assertThat(table.rows().get(0)).containsExactly("x", "7");
    assertThat(table.rows().get(1).get(1)).hasSize(ValuePreview.MAX_CELL).endsWith("…");
  }

  @Test
  void validationReport_isItsChecks_failedOnesFirst() {
    Report report =
        new Report(
            List.of(
                new Outcome("a is complete", true, ""),
                new Outcome("b is positive", false, "2 rows are not"),
                new Outcome("c is unique", true, ""),
                new Outcome("d is complete", false, "1 null")));

    Preview.Table table = (Preview.Table) ValuePreview.of(report, Map.of());

    assertThat(table.columns()).containsExactly("check", "passed", "message");
    assertThat(table.rows())
        .extracting(row -> row.get(0))
        .containsExactly("b is positive", "d is complete", "a is complete", "c is unique");
  }

  @Test
  void storedDataset_showsItsDetailsSchemaAndFirstRows() {
    ExternalValue dataset =
        new ExternalValue() {
          @Override
          public Object open() {
            throw new AssertionError("a preview must not open the dataset");
          }

          @Override
          public String describe() {
            return "dataset";
          }

          @Override
          public Map<String, String> details() {
            return Map.of();
          }

          @Override
          public List<String> sample() {
            return List.of("[JFK,12.0]", "[SFO,-3.0]");
          }
        };
    Map<String, String> details = new LinkedHashMap<>();
    details.put("format", "parquet");
    details.put("schema", "origin STRING,delay DOUBLE,route STRUCT<from: STRING, to: STRING>");
    details.put("rows", "2");

    Preview.Stored stored = (Preview.Stored) ValuePreview.of(dataset, details);

    assertThat(stored.details())
        .containsExactly(Map.entry("format", "parquet"), Map.entry("rows", "2"));
    assertThat(stored.schema())
        .containsExactly(
            Map.entry("origin", "STRING"),
            Map.entry("delay", "DOUBLE"),
            Map.entry("route", "STRUCT<from: STRING, to: STRING>"));
    assertThat(stored.sample()).containsExactly("[JFK,12.0]", "[SFO,-3.0]");
  }
}
