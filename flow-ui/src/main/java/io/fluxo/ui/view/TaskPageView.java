package io.fluxo.ui.view;

import java.util.List;

/**
 * A task's page: its attempts, one attempt's details, logs and artifacts.
 *
 * @param flow its flow
 * @param runId its run
 * @param step its step
 * @param taskId its id
 * @param runHref its run's page
 * @param status the task's status, lower case
 * @param attempts every attempt, for the selector
 * @param attempt the attempt shown
 * @param stdout its standard output
 * @param stderr its standard error
 * @param artifacts the artifacts of the attempt shown
 * @param origin for a task cloned by resume, the origin task's page, or empty
 * @param live whether the attempt shown runs or none has started in a running run, so the page
 *     refreshes
 * @param self this page's own link, for its live refresh
 */
public record TaskPageView(
    String flow,
    String runId,
    String step,
    String taskId,
    String runHref,
    String status,
    List<AttemptChoice> attempts,
    AttemptDetail attempt,
    LogView stdout,
    LogView stderr,
    List<ArtifactRow> artifacts,
    String origin,
    boolean live,
    String self) {
  /**
   * An attempt in the selector.
   *
   * @param number its number
   * @param status its status, lower case
   * @param href its page
   * @param selected whether it is the one shown
   */
  public record AttemptChoice(int number, String status, String href, boolean selected) {}

  /**
   * The attempt shown.
   *
   * @param number its number
   * @param status its status, lower case
   * @param started when it started, UTC
   * @param ended when it ended, UTC, or empty
   * @param duration how long it ran or has run
   * @param host the host and process that ran it
   * @param error its failure, {@code Type: message}, or empty
   */
  public record AttemptDetail(
      int number,
      String status,
      String started,
      String ended,
      String duration,
      String host,
      String error) {}

  /**
   * One artifact.
   *
   * @param name its name
   * @param type its stored class, or {@code null}
   * @param size its stored size, for people
   * @param previewHref where its preview is loaded from
   */
  public record ArtifactRow(String name, String type, String size, String previewHref) {}
}
