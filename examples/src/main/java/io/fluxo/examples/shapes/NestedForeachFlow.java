package io.fluxo.examples.shapes;

import io.fluxo.Flow;
import io.fluxo.FlowSpec;
import io.fluxo.Inputs;
import io.fluxo.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Nested foreaches: for each of two rows, for each of three columns, multiply; the inner join
 * collects a row of the product table, the outer join the table and its sum.
 */
@Flow(description = "Builds a 2x3 product table with nested foreaches")
public class NestedForeachFlow extends FlowSpec {
  /** This task's row factor. */
  int row;

  /** This task's product, row * column. */
  int product;

  /** One row of the table, in column order. */
  List<Integer> tableRow;

  /** The whole table, in row order. */
  List<List<Integer>> table;

  /** The sum of all products. */
  int total;

  /** Fans out over the rows. */
  @Step
  public void start() {
    foreach(List.of(1, 2), this::perRow);
  }

  /** Fans out over the columns of this row. */
  @Step
  public void perRow(int factor) {
    row = factor;
    foreach(List.of(10, 20, 30), this::multiply);
  }

  /** Multiplies this row by this column. */
  @Step
  public void multiply(int column) {
    product = row * column;
    next(this::joinColumns);
  }

  /** Collects one row of products. */
  @Step
  public void joinColumns(Inputs<NestedForeachFlow> inputs) {
    tableRow = inputs.stream().map(in -> in.product).toList();
    next(this::joinRows);
  }

  /** Collects the table and sums it. */
  @Step
  public void joinRows(Inputs<NestedForeachFlow> inputs) {
    table = new ArrayList<>();
    total = 0;
    for (NestedForeachFlow in : inputs) {
      table.add(in.tableRow);
      total += in.tableRow.stream().mapToInt(Integer::intValue).sum();
    }
    next(this::end);
  }

  /** Prints the table and its sum. */
  @Step
  public void end() {
    System.out.println(table + " sums to " + total);
  }
}
