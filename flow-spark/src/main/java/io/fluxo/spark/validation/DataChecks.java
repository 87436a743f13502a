package io.fluxo.spark.validation;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import com.amazon.deequ.metrics.Metric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.LongPredicate;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.Function1;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * Declares data-quality checks on a Dataset and runs them with Deequ in one pass:
 *
 * <pre>{@code
 * ValidationReport report = DataChecks.on(flights)
 *     .isComplete("origin", "destination")
 *     .satisfies("distance > 0", "distance is positive")
 *     .isContainedIn("delay", -120, 1440)
 *     .warning()
 *     .hasSize(10_000, Long.MAX_VALUE)
 *     .run();
 * report.failIfErrors();
 * }</pre>
 *
 * Checks are errors until {@link #warning()} is called; {@link #error()} switches back. A failed
 * error makes {@link ValidationReport#failIfErrors()} throw; a failed warning is only reported. A
 * check that can never pass (an empty range, no column, a predicate that is not SQL) throws {@link
 * IllegalArgumentException} when it is declared. Not thread-safe; each call returns this builder.
 */
public final class DataChecks {
  private final Dataset<?> dataset;
  private final List<Declared> declared = new ArrayList<>();
  private Check errors =
      new Check(com.amazon.deequ.checks.CheckLevel.Error(), "errors", Check.apply$default$3());
  private Check warnings =
      new Check(com.amazon.deequ.checks.CheckLevel.Warning(), "warnings", Check.apply$default$3());
  private CheckLevel level = CheckLevel.ERROR;

  private DataChecks(Dataset<?> dataset) {
    this.dataset = dataset;
  }

  /** Starts declaring checks on {@code dataset}. */
  public static DataChecks on(Dataset<?> dataset) {
    return new DataChecks(dataset);
  }

  /** Declares the checks that follow as errors: a failure fails the step (the default). */
  public DataChecks error() {
    level = CheckLevel.ERROR;
    return this;
  }

  /** Declares the checks that follow as warnings: a failure is reported, not fatal. */
  public DataChecks warning() {
    level = CheckLevel.WARNING;
    return this;
  }

  /** Each column has no null. */
  public DataChecks isComplete(String... columns) {
    return each(
        columns,
        " has no nulls",
        (check, column) -> check.isComplete(column, Option.empty(), Option.empty()));
  }

  /** Each column's values are unique (and not null). */
  public DataChecks isUnique(String... columns) {
    return each(
        columns,
        " is unique",
        (check, column) -> check.isUnique(column, Option.empty(), Option.empty()));
  }

  /** Each numeric column has no negative value. */
  public DataChecks isNonNegative(String... columns) {
    return each(
        columns,
        " >= 0",
        (check, column) -> check.isNonNegative(column, Check.IsOne(), Option.empty()));
  }

  /** The numeric column's smallest value is at least {@code min}. */
  public DataChecks hasMin(String column, double min) {
    add(
        "min(" + column + ") >= " + number(min),
        current().hasMin(column, doubleAssertion(v -> v >= min), Option.empty(), Option.empty()));
    return this;
  }

  /** The numeric column's largest value is at most {@code max}. */
  public DataChecks hasMax(String column, double max) {
    add(
        "max(" + column + ") <= " + number(max),
        current().hasMax(column, doubleAssertion(v -> v <= max), Option.empty(), Option.empty()));
    return this;
  }

  /**
   * Every value of the numeric column lies in {@code [min, max]} (nulls pass); {@code min <= max}.
   */
  public DataChecks isContainedIn(String column, double min, double max) {
    requireRange(min, max);
    add(
        column + " in [" + number(min) + ", " + number(max) + "]",
        current().isContainedIn(column, min, max, true, true, Option.empty(), Option.empty()));
    return this;
  }

  /** Every value of the column is one of {@code allowed} (nulls pass). */
  public DataChecks isContainedIn(String column, String... allowed) {
    add(column + " in " + List.of(allowed), current().isContainedIn(column, allowed));
    return this;
  }

  /** The dataset has between {@code min} and {@code max} rows, inclusive; {@code min <= max}. */
  public DataChecks hasSize(long min, long max) {
    requireRange(min, max);
    String text =
        max == Long.MAX_VALUE
            ? "at least " + min + " rows"
            : "between " + min + " and " + max + " rows";
    add(text, current().hasSize(longAssertion(n -> n >= min && n <= max), Option.empty()));
    return this;
  }

  /**
   * Every row satisfies the SQL predicate {@code condition}, e.g. {@code "distance > 0"}; {@code
   * name} says what it means. A condition that is not SQL is a mistake in the flow and throws
   * {@link IllegalArgumentException} here; one that does not apply to this dataset (a column it
   * lacks, a value that is not true or false) is a failed check, judged alone so that the other
   * checks are still measured.
   */
  public DataChecks satisfies(String condition, String name) {
    String description = name + " (" + condition + ")";
    Column predicate;
    try {
      predicate = functions.expr(condition);
    } catch (Exception e) { // a ParseException, which Scala throws without declaring it
      throw new IllegalArgumentException(
          "Check \""
              + name
              + "\": \""
              + condition
              + "\" is not a SQL expression: "
              + e.getMessage().strip(),
          e);
    }
    String problem = problemOn(dataset, predicate);
    if (problem != null) {
      declared.add(new Declared(level, description, problem));
      return this;
    }
    add(
        description,
        current()
            .satisfies(
                condition,
                name,
                Check.IsOne(),
                Option.empty(),
                scala.collection.immutable.List$.MODULE$.empty(),
                Option.empty()));
    return this;
  }

  /** Runs every declared check in one pass over the dataset. */
  public ValidationReport run() {
    VerificationResult result =
        new VerificationSuite().onData(dataset.toDF()).addCheck(errors).addCheck(warnings).run();
    List<ValidationReport.Outcome> outcomes = new ArrayList<>();
    int errorIndex = 0;
    int warningIndex = 0;
    List<ConstraintResult> errorResults = results(result, errors);
    List<ConstraintResult> warningResults = results(result, warnings);
    for (Declared check : declared) {
      if (check.problem() != null) {
        outcomes.add(
            new ValidationReport.Outcome(
                check.level(), check.description(), false, check.problem(), ""));
        continue;
      }
      ConstraintResult constraint =
          check.level() == CheckLevel.ERROR
              ? errorResults.get(errorIndex++)
              : warningResults.get(warningIndex++);
      outcomes.add(outcome(check, constraint));
    }
    return new ValidationReport(outcomes);
  }

  /**
   * Why {@code predicate} cannot be evaluated on {@code dataset}'s rows, or null when it can: Spark
   * analyses it against the schema (no job runs). Deequ evaluates every predicate of a suite in one
   * aggregation, where one that fails would fail all the others with its error.
   */
  private static String problemOn(Dataset<?> dataset, Column predicate) {
    try {
      DataType type = dataset.select(predicate).schema().fields()[0].dataType();
      return type.equals(DataTypes.BooleanType)
          ? null
          : "Not a condition: it gives " + type.sql() + ", not BOOLEAN";
    } catch (Exception e) { // an AnalysisException, which Scala throws without declaring it
      if (e instanceof AnalysisException analysis) {
        return analysis.getSimpleMessage();
      }
      throw e;
    }
  }

  private static List<ConstraintResult> results(VerificationResult result, Check check) {
    Option<CheckResult> checkResult = result.checkResults().get(check);
    return checkResult.isEmpty()
        ? List.of()
        : JavaConverters.seqAsJavaList(checkResult.get().constraintResults());
  }

  private static ValidationReport.Outcome outcome(Declared check, ConstraintResult result) {
    boolean passed = result.status().toString().equals("Success");
    String message = result.message().isDefined() ? result.message().get() : "";
    String metric = "";
    if (result.metric().isDefined()) {
      Metric<?> value = result.metric().get();
      if (value.value().isSuccess()) {
        metric = String.valueOf(value.value().get());
      } else if (message.isEmpty()) {
        message = value.value().failed().get().getMessage();
      }
    }
    return new ValidationReport.Outcome(
        check.level(), check.description(), passed, message, metric);
  }

  private static void requireRange(double min, double max) {
    if (!(min <= max)) {
      throw new IllegalArgumentException(
          "Empty range: min " + number(min) + " is above max " + number(max));
    }
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }

  private DataChecks each(
      String[] columns, String what, BiFunction<Check, String, Check> constraint) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("Name at least one column to check");
    }
    for (String column : columns) {
      add(column + what, constraint.apply(current(), column));
    }
    return this;
  }

  private Check current() {
    return level == CheckLevel.ERROR ? errors : warnings;
  }

  private void add(String description, Check updated) {
    if (level == CheckLevel.ERROR) {
      errors = updated;
    } else {
      warnings = updated;
    }
    declared.add(new Declared(level, description, null));
  }

  private static Function1<Object, Object> doubleAssertion(
      java.util.function.DoublePredicate test) {
    return new Assertion(v -> test.test(((Number) v).doubleValue()));
  }

  private static Function1<Object, Object> longAssertion(LongPredicate test) {
    return new Assertion(v -> test.test(((Number) v).longValue()));
  }

  /** A Scala {@code T => Boolean} from Java, as Deequ's assertions expect. */
  private static final class Assertion extends AbstractFunction1<Object, Object>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SerializablePredicate test;

    Assertion(SerializablePredicate test) {
      this.test = test;
    }

    @Override
    public Object apply(Object value) {
      return test.test(value);
    }
  }

  private interface SerializablePredicate
      extends java.util.function.Predicate<Object>, Serializable {}

  /** A declared check; {@code problem} says why it fails without being measured, or is null. */
  private record Declared(CheckLevel level, String description, String problem) {}
}
