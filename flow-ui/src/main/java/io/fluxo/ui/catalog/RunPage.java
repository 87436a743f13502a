package io.fluxo.ui.catalog;

import io.fluxo.runtime.spi.RunRecord;
import java.util.List;

/**
 * One page of runs, newest first.
 *
 * @param runs the runs
 * @param more whether more runs match after this page
 */
public record RunPage(List<RunRecord> runs, boolean more) {
  /** Copies the list. */
  public RunPage {
    runs = List.copyOf(runs);
  }
}
