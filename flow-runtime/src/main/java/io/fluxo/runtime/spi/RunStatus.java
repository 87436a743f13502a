package io.fluxo.runtime.spi;

/** The state of a run. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED
}
