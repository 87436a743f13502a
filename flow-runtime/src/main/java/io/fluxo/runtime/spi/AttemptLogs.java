package io.fluxo.runtime.spi;

/** Where a launcher stores the captured output of the attempts it ran. */
public interface AttemptLogs {
  /** Stores {@code content} as {@code stream}'s log of attempt {@code attempt} of {@code task}. */
  void writeLog(TaskPath task, int attempt, LogStream stream, byte[] content);
}
