package io.fluxo.runtime.error;

/** Base of every error Fluxo raises; its message is meant for the person at the terminal. */
public abstract class FlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FlowException(String message, Throwable cause) {
    super(message, cause);
  }
}
