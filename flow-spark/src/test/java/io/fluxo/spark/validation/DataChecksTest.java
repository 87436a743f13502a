package io.fluxo.spark.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fluxo.spark.Spark;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class DataChecksTest {
  @Test
  void cleanData_passesEveryCheck() {
    ValidationReport report =
        checks(
                flights(
                    RowFactory.create("JFK", "LAX", 2475, -3),
                    RowFactory.create("SFO", "JFK", 2586, 42)))
            .run();

    assertThat(report.passed()).isTrue();
    assertThat(report.outcomes()).hasSize(8).allMatch(ValidationReport.Outcome::passed);
    assertThat(report.failIfErrors()).isSameAs(report);
  }

  @Test
  void nullsAndNegativeDistances_failWithAReadableReport() {
    ValidationReport report =
        checks(
                flights(
                    RowFactory.create("JFK", "LAX", 2475, -3),
                    RowFactory.create(null, "JFK", -5, 42),
                    RowFactory.create("ORD", "ATL", 606, 20),
                    RowFactory.create("ORD", "ATL", 606, 2000)))
            .run();

    assertThat(report.passed()).isFalse();
    assertThat(report.failures(CheckLevel.ERROR))
        .extracting(ValidationReport.Outcome::check)
        .containsExactly(
            "origin has no nulls", "distance >= 0", "distance is positive (distance > 0)");
    assertThat(report.failures(CheckLevel.WARNING))
        .extracting(ValidationReport.Outcome::check)
        .containsExactly("delay in [-120, 1440]");
    assertThatThrownBy(report::failIfErrors)
        .isInstanceOf(DataValidationException.class)
        .hasMessageStartingWith("Data validation: 4 of 8 checks failed (3 errors, 1 warning)")
        .hasMessageContaining("FAILED  error    origin has no nulls")
        .hasMessageContaining("metric 0.75")
        .hasMessageContaining("WARNING warning  delay in [-120, 1440]");
  }

  @Test
  void warningsOnly_areReportedButNotFatal() {
    ValidationReport report =
        DataChecks.on(flights(RowFactory.create("JFK", "LAX", 2475, -3)))
            .warning()
            .hasSize(10, Long.MAX_VALUE)
            .isContainedIn("origin", "SFO")
            .run();

    assertThat(report.passed()).isTrue();
    assertThat(report.failures(CheckLevel.WARNING)).hasSize(2);
    report.failIfErrors();
  }

  @Test
  void uniquenessAllowedValuesAndMissingColumns_areJudgedCheckByCheck() {
    ValidationReport report =
        DataChecks.on(
                flights(
                    RowFactory.create("JFK", "LAX", 2475, -3),
                    RowFactory.create("JFK", "ORD", 740, 5)))
            .isUnique("destination", "origin")
            .isContainedIn("origin", "JFK", "SFO")
            .isContainedIn("destination", "LAX", "SFO")
            .isComplete("carrier")
            .run();

    assertThat(report.outcomes())
        .extracting(ValidationReport.Outcome::check, ValidationReport.Outcome::passed)
        .containsExactly(
            tuple("destination is unique", true),
            tuple("origin is unique", false),
            tuple("origin in [JFK, SFO]", true),
            tuple("destination in [LAX, SFO]", false),
            tuple("carrier has no nulls", false));
    assertThat(report.outcomes().get(3).metric()).isEqualTo("0.5");
    ValidationReport.Outcome missing = report.outcomes().get(4);
    assertThat(missing.metric()).isEmpty();
    assertThat(missing.message()).isEqualTo("Input data does not include column carrier!");
    assertThatThrownBy(report::failIfErrors)
        .isInstanceOf(DataValidationException.class)
        .hasMessageStartingWith("Data validation: 3 of 5 checks failed (3 errors, 0 warnings)")
        .hasMessageEndingWith(
            "carrier has no nulls       Input data does not include column carrier!");
  }

  @Test
  void predicatesThatDoNotApply_failAloneAndTheOthersAreStillMeasured() {
    ValidationReport report =
        DataChecks.on(
                flights(
                    RowFactory.create("JFK", "LAX", 2475, -3),
                    RowFactory.create("SFO", "JFK", -1, 42)))
            .satisfies("distance > 0", "distance is positive")
            .satisfies("carrier <> 'XX'", "no test carrier")
            .satisfies("distance + 1", "not a condition")
            .satisfies("delay < 100", "delay is plausible")
            .run();

    assertThat(report.outcomes())
        .extracting(ValidationReport.Outcome::passed, ValidationReport.Outcome::metric)
        .containsExactly(
            tuple(false, "0.5"), tuple(false, ""), tuple(false, ""), tuple(true, "1.0"));
    assertThat(report.outcomes().get(1).message())
        .contains("`carrier` cannot be resolved")
        .doesNotContain("\n");
    assertThat(report.outcomes().get(2).message())
        .isEqualTo("Not a condition: it gives INT, not BOOLEAN");
  }

  @Test
  void aPredicateThatIsNotSql_isAMistakeInTheFlow() {
    DataChecks checks = DataChecks.on(flights(RowFactory.create("JFK", "LAX", 2475, -3)));

    assertThatThrownBy(() -> checks.satisfies("distance >", "distance is positive"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Check \"distance is positive\": \"distance >\" is not a SQL expression: ")
        .hasMessageContaining("Syntax error");
  }

  @Test
  void checksThatCannotPass_areRejectedWhenDeclared() {
    DataChecks checks = DataChecks.on(flights(RowFactory.create("JFK", "LAX", 2475, -3)));

    assertThatThrownBy(() -> checks.hasSize(10, 1))
        .hasMessage("Empty range: min 10 is above max 1");
    assertThatThrownBy(() -> checks.isContainedIn("delay", 0.5, -0.5))
        .hasMessage("Empty range: min 0.5 is above max -0.5");
    assertThatThrownBy(checks::isComplete).hasMessage("Name at least one column to check");
  }

  private static DataChecks checks(Dataset<Row> flights) {
    return DataChecks.on(flights)
        .isComplete("origin", "destination")
        .isNonNegative("distance")
        .satisfies("distance > 0", "distance is positive")
        .hasSize(1, 1_000)
        .hasMax("distance", 5_000)
        .warning()
        .isContainedIn("delay", -120, 1440)
        .hasMin("delay", -120);
  }

  private static Dataset<Row> flights(Row... rows) {
    StructType schema =
        new StructType()
            .add("origin", DataTypes.StringType)
            .add("destination", DataTypes.StringType)
            .add("distance", DataTypes.IntegerType)
            .add("delay", DataTypes.IntegerType);
    return Spark.session().createDataFrame(Arrays.asList(rows), schema);
  }
}
