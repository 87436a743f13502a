package io.fluxo.ui.view;

import io.fluxo.ui.graph.DagLayout;
import io.fluxo.ui.timeline.Timeline;
import java.util.List;
import java.util.Map;

/**
 * A run's page: its summary and one tab.
 *
 * @param flow its flow
 * @param runId its id
 * @param status {@code running}, {@code succeeded} or {@code failed}
 * @param user who started it
 * @param tags user tags
 * @param systemTags tags Fluxo set
 * @param started when it started, UTC
 * @param duration how long it ran or has run
 * @param origin the run it resumes, or empty
 * @param originHref that run's page, or empty
 * @param host where it ran, and its process
 * @param parameters the run's parameters, by name, as text
 * @param tab {@code dag}, {@code timeline} or {@code tasks}
 * @param dag the DAG tab's drawing, or null on other tabs or without a stored graph
 * @param steps what the DAG shows of each step, by name
 * @param timeline the timeline tab's drawing, or null on other tabs
 * @param tasks the tasks tab's table, or null on other tabs
 * @param live whether the run is running, so the tab refreshes
 * @param href the run page's link
 * @param self this page's own link with its tab, sort and page, for its live refresh
 */
public record RunView(
    String flow,
    String runId,
    String status,
    String user,
    List<String> tags,
    List<String> systemTags,
    String started,
    String duration,
    String origin,
    String originHref,
    String host,
    Map<String, String> parameters,
    String tab,
    DagLayout.Drawing dag,
    Map<String, StepSummary> steps,
    Timeline timeline,
    TaskTable tasks,
    boolean live,
    String href,
    String self) {
  /**
   * A step in the DAG.
   *
   * @param status {@code pending}, {@code running}, {@code succeeded} or {@code failed}
   * @param tasks how many tasks it has
   * @param href its tasks in the tasks tab
   */
  public record StepSummary(String status, int tasks, String href) {}

  /**
   * The tasks tab.
   *
   * @param rows this page's tasks
   * @param sort the column sorted by
   * @param descending whether sorted high to low
   * @param step the step shown, or empty for all
   * @param total how many tasks match
   * @param previous the previous page's link, or null
   * @param next the next page's link, or null
   * @param sortHrefs each column's link to sort by it
   */
  public record TaskTable(
      List<TaskRow> rows,
      String sort,
      boolean descending,
      String step,
      int total,
      String previous,
      String next,
      Map<String, String> sortHrefs) {}

  /**
   * A task in the tasks tab.
   *
   * @param step its step
   * @param taskId its id
   * @param status its status, lower case
   * @param attempts how many attempts it had
   * @param started when its first attempt started, UTC, or empty
   * @param duration how long from its first attempt's start to its last's end (or now)
   * @param href its page
   */
  public record TaskRow(
      String step,
      String taskId,
      String status,
      int attempts,
      String started,
      String duration,
      String href) {}
}
