package io.fluxo.examples.flightdelay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shaded {@code flight-delay.jar} run as a user runs it: {@code java -jar flight-delay.jar
 * <args>} as a child process, from the repository root, with no {@code FLUXO_*} variable but those
 * given (warm spare tasks off, as they only cost CPU here). Immutable; {@link #withEnv} returns a
 * copy.
 */
final class FlightDelayJar {
  /** The shaded jar that failsafe names in {@code fluxo.flowJar}. */
  static final Path JAR =
      Path.of(System.getProperty("fluxo.flowJar", "target/flight-delay.jar")).toAbsolutePath();

  /** The 50k-row sample shipped with the example. */
  static final Path SAMPLE =
      Path.of(System.getProperty("fluxo.sample", "data/flights-sample.parquet")).toAbsolutePath();

  /** The repository root, where the README's commands run. */
  static final Path ROOT = SAMPLE.getParent().getParent().getParent().getParent();

  private final Path logDir;
  private final Map<String, String> env;

  private FlightDelayJar(Path logDir, Map<String, String> env) {
    this.logDir = logDir;
    this.env = Map.copyOf(env);
  }

  /** Commands whose output is kept in files under {@code logDir}. */
  static FlightDelayJar logsIn(Path logDir) {
    return new FlightDelayJar(logDir, Map.of("FLUXO_WARM_TASKS", "0"));
  }

  /** A copy whose commands also get the environment variables {@code more}. */
  FlightDelayJar withEnv(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(more);
    return new FlightDelayJar(logDir, all);
  }

  /**
   * Runs {@code java -jar flight-delay.jar <args>} to its end.
   *
   * @throws AssertionError if it runs longer than 10 minutes; it is killed then
   */
  Result run(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                JAR.toString()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(logDir, "fluxo", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("FLUXO_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError(
          "fluxo "
              + String.join(" ", args)
              + " ran longer than 10 minutes:\n"
              + Files.readString(log));
    }
    return new Result(process.exitValue(), Files.readString(log));
  }

  /**
   * How a command ended.
   *
   * @param code its exit code
   * @param output its standard output and error, interleaved
   */
  record Result(int code, String output) {}
}
