package io.fluxo.runtime.spi;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.List;

/**
 * A run as metadata knows it.
 *
 * @param flow the flow name
 * @param runId the run id
 * @param user who started it
 * @param tags user tags
 * @param systemTags tags Fluxo sets ({@code user:...}, {@code runtime:...})
 * @param originRunId the run it resumes, or null
 * @param status its state
 * @param startedAt when it started
 * @param endedAt when it ended, or null while running
 * @param host the host of the process that runs it
 * @param pid the pid of that process
 * @param codePackage the datastore key of the run's code package (see {@link
 *     io.fluxo.runtime.spi.CodePackage}), or null when tasks run from the local classpath
 */
public record RunRecord(
    String flow,
    String runId,
    String user,
    List<String> tags,
    List<String> systemTags,
    String originRunId,
    RunStatus status,
    Instant startedAt,
    Instant endedAt,
    String host,
    long pid,
    String codePackage) {
  /** Copies the tag lists. */
  @JsonCreator
  public RunRecord {
    tags = List.copyOf(tags);
    systemTags = List.copyOf(systemTags);
  }

  /** A run without a code package. */
  public RunRecord(
      String flow,
      String runId,
      String user,
      List<String> tags,
      List<String> systemTags,
      String originRunId,
      RunStatus status,
      Instant startedAt,
      Instant endedAt,
      String host,
      long pid) {
    this(
        flow,
        runId,
        user,
        tags,
        systemTags,
        originRunId,
        status,
        startedAt,
        endedAt,
        host,
        pid,
        null);
  }

  /** This record with another status and end time. */
  public RunRecord withStatus(RunStatus newStatus, Instant ended) {
    return new RunRecord(
        flow,
        runId,
        user,
        tags,
        systemTags,
        originRunId,
        newStatus,
        startedAt,
        ended,
        host,
        pid,
        codePackage);
  }

  /** This record with other user tags. */
  public RunRecord withTags(List<String> newTags) {
    return new RunRecord(
        flow,
        runId,
        user,
        newTags,
        systemTags,
        originRunId,
        status,
        startedAt,
        endedAt,
        host,
        pid,
        codePackage);
  }

  /** This record with the datastore key of its code package. */
  public RunRecord withCodePackage(String key) {
    return new RunRecord(
        flow,
        runId,
        user,
        tags,
        systemTags,
        originRunId,
        status,
        startedAt,
        endedAt,
        host,
        pid,
        key);
  }

  /** The longest user tag. */
  public static final int MAX_TAG_LENGTH = 256;

  /**
   * Checks a user tag: 1 to {@link #MAX_TAG_LENGTH} characters, not blank, no control characters (a
   * newline or tab would break the tables that list tags).
   *
   * @throws IllegalArgumentException naming the tag, its control characters escaped
   */
  public static void checkTag(String tag) {
    if (tag == null
        || tag.isBlank()
        || tag.length() > MAX_TAG_LENGTH
        || tag.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "Invalid tag '"
              + escaped(tag)
              + "': tags are 1 to "
              + MAX_TAG_LENGTH
              + " characters, without control characters such as newlines or tabs");
    }
  }

  private static String escaped(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    text.chars()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.append((char) c);
              }
            });
    return out.toString();
  }
}
