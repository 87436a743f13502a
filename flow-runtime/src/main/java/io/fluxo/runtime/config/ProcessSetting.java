package io.fluxo.runtime.config;

import io.fluxo.runtime.error.UsageException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code FLUXO_*} variables that tune a Fluxo process itself rather than say where its data
 * goes (that is {@link ConfigKey}): read from the environment only, each parsed here and refused
 * with one line when its value is not one it takes, never ignored.
 */
public enum ProcessSetting {
  USER("FLUXO_USER", "user name recorded on runs (default: the system user)"),
  DEBUG("FLUXO_DEBUG", "1 or true: print the stack trace of an internal error"),
  WARM_TASKS(
      "FLUXO_WARM_TASKS",
      "task JVMs of each kind (light, @Resources) started ahead of need: 0 to 64, default 2"),
  COMMAND(
      "FLUXO_COMMAND",
      "how to start this flow's command line, e.g. target/flow, as the hints it prints say it"
          + " (set by launcher scripts; default: java -jar <jar>)"),
  PROGRESS(
      "FLUXO_PROGRESS",
      "1 or true: a progress line under a run's output, redrawn in place; 0 or false: none"
          + " (default: one when the output is a terminal)"),
  TASK_JVM_OPTS("FLUXO_TASK_JVM_OPTS", "JVM options added to every task process, e.g. -Xmx8g"),
  NO_CDS("FLUXO_NO_CDS", "1 or true: task JVMs without the class-data-sharing archive"),
  K8S_POLL_MS(
      "FLUXO_K8S_POLL_MS", "how often step pods are polled, in ms: 10 to 60000, default 1000"),
  K8S_CONFIG_ERROR_SECONDS(
      "FLUXO_K8S_CONFIG_ERROR_SECONDS",
      "seconds a step pod may stay Pending on a missing secret or an image it cannot pull before"
          + " its attempt fails: 0 to 86400, default 60"),
  K8S_UNSCHEDULABLE_SECONDS(
      "FLUXO_K8S_UNSCHEDULABLE_SECONDS",
      "seconds a step pod may stay Pending unschedulable (no node fits it) before its attempt"
          + " fails: 0 to 86400, default 300"),
  METADATA_HEARTBEAT_SECONDS(
      "FLUXO_METADATA_HEARTBEAT_SECONDS",
      "seconds between heartbeats to the metadata service: 0.01 to 3600, default 10");

  private final String variable;
  private final String description;

  ProcessSetting(String variable, String description) {
    this.variable = variable;
    this.description = description;
  }

  /** The environment variable. */
  public String variable() {
    return variable;
  }

  /** What it sets and the values it takes, for messages and the docs. */
  public String description() {
    return description;
  }

  /** The variable's text in {@code env}, if it is set and not blank. */
  public Optional<String> text(Map<String, String> env) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * The variable as a whole number from {@code min} to {@code max}, or {@code fallback} if unset.
   *
   * @throws UsageException if it is set to anything else
   */
  public int wholeNumber(Map<String, String> env, int fallback, int min, int max) {
    Optional<String> text = text(env);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw invalid(text.get());
  }

  /**
   * The variable as a number from {@code min} to {@code max}, or {@code fallback} if unset.
   *
   * @throws UsageException if it is set to anything else
   */
  public double number(Map<String, String> env, double fallback, double min, double max) {
    Optional<String> text = text(env);
    if (text.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.get());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw invalid(text.get());
  }

  /**
   * Whether the variable is on: {@code 1}, {@code true} or {@code yes}; off when unset, {@code 0},
   * {@code false} or {@code no}.
   *
   * @throws UsageException if it is set to anything else
   */
  public boolean on(Map<String, String> env) {
    Optional<String> text = text(env);
    if (text.isEmpty()) {
      return false;
    }
    return switch (text.get().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes" -> true;
      case "0", "false", "no" -> false;
      default -> throw invalid(text.get());
    };
  }

  private UsageException invalid(String value) {
    return new UsageException("Invalid %s '%s': %s", variable, value, description);
  }
}
