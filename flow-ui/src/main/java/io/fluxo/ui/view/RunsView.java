package io.fluxo.ui.view;

import java.util.List;

/**
 * The runs page.
 *
 * @param rows the runs of this page
 * @param flows every flow, for the flow filter
 * @param filter the filters, as given
 * @param page this page, from 1
 * @param previous the link to the previous page, or null
 * @param next the link to the next page, or null
 * @param live whether a run on the page is running, so the page refreshes its table
 * @param error a filter that could not be read, or null
 * @param self this page's own link, for its live refresh
 */
public record RunsView(
    List<RunRow> rows,
    List<String> flows,
    RunFilter filter,
    int page,
    String previous,
    String next,
    boolean live,
    String error,
    String self) {
  /**
   * The filters as the form shows them (empty strings when absent).
   *
   * @param flow flow name
   * @param status run status
   * @param user user
   * @param tag tag
   * @param since earliest start date or instant
   * @param until latest start date or instant
   */
  public record RunFilter(
      String flow, String status, String user, String tag, String since, String until) {}

  /**
   * One run.
   *
   * @param flow its flow
   * @param runId its id
   * @param status {@code running}, {@code succeeded} or {@code failed}
   * @param user who started it
   * @param tags its user tags
   * @param started when it started, UTC
   * @param duration how long it ran or has run
   * @param origin the run it resumes, or empty
   * @param href its page
   */
  public record RunRow(
      String flow,
      String runId,
      String status,
      String user,
      List<String> tags,
      String started,
      String duration,
      String origin,
      String href) {}
}
