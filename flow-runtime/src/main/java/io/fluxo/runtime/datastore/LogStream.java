package io.fluxo.runtime.datastore;

/** The two captured output streams of an attempt. */
public enum LogStream {
  STDOUT,
  STDERR;

  String fileSuffix() {
    return this == STDOUT ? ".stdout.log" : ".stderr.log";
  }
}
