package io.fluxo.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.DataArtifact;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One flow of {@code examples/target/flow.jar}, run as a user runs it: {@code java -jar flow.jar
 * --flow Name <args>} as a child process in a working folder whose {@code .fluxo} is the datastore.
 * Immutable; {@link #withEnv} returns a copy.
 */
final class FlowJar {
  /** The shaded jar that failsafe names in {@code fluxo.flowJar}. */
  static final Path JAR =
      Path.of(System.getProperty("fluxo.flowJar", "target/flow.jar")).toAbsolutePath();

  /** How long a command may run before the test fails. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private final String flow;
  private final Path workDir;
  private final Map<String, String> env;

  private FlowJar(String flow, Path workDir, Map<String, String> env) {
    this.flow = flow;
    this.workDir = workDir;
    this.env = Map.copyOf(env);
  }

  /**
   * The flow named {@code flow}, run in {@code workDir}. Creates {@code workDir/.fluxo} so that no
   * datastore further up is used.
   */
  static FlowJar of(String flow, Path workDir) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          "No flow jar at " + JAR + "; build it with 'mvn package -pl examples'");
    }
    try {
      Files.createDirectories(workDir.resolve(".fluxo"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FlowJar(flow, workDir, Map.of());
  }

  /** A copy whose commands also get the environment variable {@code name=value}. */
  FlowJar withEnv(String name, String value) {
    Map<String, String> more = new HashMap<>(env);
    more.put(name, value);
    return new FlowJar(flow, workDir, more);
  }

  /** The datastore folder. */
  Path datastore() {
    return workDir.resolve(".fluxo");
  }

  /** Runs {@code java -jar flow.jar --flow <flow> <args>} to its end. */
  CommandResult run(String... args) throws InterruptedException {
    return start(args).await(COMMAND_TIMEOUT);
  }

  /** Runs the command to its end and requires exit code 0. */
  CommandResult runOk(String... args) throws InterruptedException {
    CommandResult result = run(args);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    return result;
  }

  /**
   * Runs the flow with {@code parameters}, requires success, and returns the end task's artifacts.
   */
  Map<String, Object> runToEnd(String... parameters) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("run"));
    args.addAll(List.of(parameters));
    return endArtifacts(runOk(args.toArray(String[]::new)).requireRunId());
  }

  /** Starts {@code java -jar flow.jar --flow <flow> <args>}. */
  FlowProcess start(String... args) {
    List<String> command = new ArrayList<>(List.of("-jar", JAR.toString(), "--flow", flow));
    command.addAll(List.of(args));
    return startJava(command);
  }

  /**
   * Runs a command line exactly as the jar printed it for the user to copy, such as {@code java
   * -jar /path/flow.jar --flow Name resume --origin-run-id 3}.
   */
  CommandResult runPrinted(String commandLine) throws InterruptedException {
    List<String> words = List.of(commandLine.trim().split("\\s+"));
    if (!words.get(0).equals("java")) {
      throw new IllegalArgumentException("Not a java command line: " + commandLine);
    }
    return startJava(words.subList(1, words.size())).await(COMMAND_TIMEOUT);
  }

  /** The client API's view of this flow's runs. */
  FlowRuns client() {
    return FlowRuns.of(flow, datastore());
  }

  /** Every artifact of the end task of run {@code runId}, by name; a null value is kept. */
  Map<String, Object> endArtifacts(String runId) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (DataArtifact artifact : stored(runId).endTask().artifacts()) {
      values.put(artifact.name(), artifact.value());
    }
    return values;
  }

  /** Run {@code runId} as the client API reads it. */
  Run stored(String runId) {
    return client().run(runId);
  }

  private FlowProcess startJava(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("FLUXO_") || name.equals("GREETING"));
    environment.putAll(env);
    return FlowProcess.start(builder);
  }
}
