package io.fluxo.runtime.testing;

/**
 * The task that failed a test run for good: its last attempt failed and no {@code @Retry} or
 * {@code @Catch} was left to cover it.
 *
 * @param step the step's name
 * @param pathspec the task's {@code Flow/run/step/task}
 * @param type the class name of the error, e.g. {@code java.lang.ArithmeticException}; for an
 *     exceeded {@code @Timeout}, {@code java.util.concurrent.TimeoutException}
 * @param message the error's message ({@code "null"} when it had none)
 * @param exception the exception the step's code threw in the last attempt, or null when the
 *     attempt failed outside the step's code (a timeout, a transition the compiled graph does not
 *     have, an artifact that could not be stored)
 */
public record TaskFailure(
    String step, String pathspec, String type, String message, Throwable exception) {
  /** A failure described by an attempt's error text ({@code type: message}) and what it threw. */
  static TaskFailure of(String step, String pathspec, String error, Throwable exception) {
    if (exception != null) {
      return new TaskFailure(
          step,
          pathspec,
          exception.getClass().getName(),
          String.valueOf(exception.getMessage()),
          exception);
    }
    if (error == null) {
      return new TaskFailure(
          step, pathspec, "", "the attempt ended without recording a result", null);
    }
    int colon = error.indexOf(": ");
    return colon < 0
        ? new TaskFailure(step, pathspec, error, "null", null)
        : new TaskFailure(
            step, pathspec, error.substring(0, colon), error.substring(colon + 2), null);
  }

  /** {@code Flow/run/step/task failed: type: message}. */
  @Override
  public String toString() {
    return pathspec + " failed: " + type + ": " + message;
  }
}
