package io.fluxo.runtime.internal.task;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What {@code @Catch(var = "...")} stores when a step fails for good: the exception's type, message
 * and stack trace (the exception object itself may not be serializable).
 *
 * @param type the exception class name
 * @param message its message, or empty
 * @param stackTrace the printed stack trace
 */
public record StepFailure(String type, String message, String stackTrace) {
  /** Describes {@code error}. */
  public static StepFailure of(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return new StepFailure(
        error.getClass().getName(), String.valueOf(error.getMessage()), trace.toString());
  }

  @Override
  public String toString() {
    return type + ": " + message;
  }
}
