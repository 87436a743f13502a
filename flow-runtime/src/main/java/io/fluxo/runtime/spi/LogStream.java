package io.fluxo.runtime.spi;

/** The two captured output streams of an attempt. */
public enum LogStream {
  STDOUT,
  STDERR;

  /** The suffix of the stream's log file in a task's folder. */
  public String fileSuffix() {
    return this == STDOUT ? ".stdout.log" : ".stderr.log";
  }
}
