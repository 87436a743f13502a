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
}
