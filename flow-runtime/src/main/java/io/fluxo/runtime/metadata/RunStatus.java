package io.fluxo.runtime.metadata;

/** The state of a run. */
public enum RunStatus {
  RUNNING,
  SUCCEEDED,
  FAILED
}
