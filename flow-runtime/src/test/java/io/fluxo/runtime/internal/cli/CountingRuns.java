package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ConfigSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Three runs of {@link CountingFlow} made once per test JVM and shared by the inspection tests: run
 * 1 succeeds ({@code --count 3 --tag nightly}, total 14), run 2 fails in square on item 2, run 3
 * resumes run 2 (cloning start) and fails again. Tests must not change them, except tags they add
 * and remove themselves; tests that corrupt files work on a {@link #copy()}.
 */
public final class CountingRuns {
  /** The flow's name. */
  public static final String FLOW = "CountingFlow";

  private static Path root;

  private CountingRuns() {}

  /** What {@code flow ...} returned and printed. */
  public record Result(int code, String out, String err) {}

  /** The datastore holding the three runs, made on first use. */
  public static synchronized Path root() {
    if (root == null) {
      Path dir = tempDir();
      expect(flow(dir, "run", "--count", "3", "--tag", "nightly"), 0);
      expect(flow(dir, "run", "--count", "3", "--fail-at", "square"), 1);
      expect(flow(dir, "resume", "--origin-run-id", "2"), 1);
      root = dir;
    }
    return root;
  }

  /** A fresh copy of {@link #root()}, for tests that damage it. */
  public static Path copy() {
    Path copy = tempDir();
    try (Stream<Path> files = Files.walk(root())) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = copy.resolve(root().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /** An empty datastore folder, deleted when the JVM exits. */
  public static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("fluxo-inspect");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code flow args... --datastore-root <dir>} in this JVM. */
  public static Result flow(Path dir, String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--datastore-root";
    all[args.length + 1] = dir.toString();
    return flow(ConfigSources.system(), all);
  }

  /** Runs {@code flow args...} in this JVM, reading configuration from {@code sources}. */
  public static Result flow(ConfigSources sources, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FlowCommand.execute(
            new CountingFlowDefinition(),
            args,
            "flow",
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            sources);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs {@code flow args...} on the shared runs. */
  public static Result flow(String... args) {
    return flow(root(), args);
  }

  /**
   * Runs {@code flow args...} on the shared runs, which must fail as a usage error (exit 2) with
   * one line on stderr; returns that line.
   */
  public static String usageError(String... args) {
    Result result = flow(args);
    if (result.code() != 2 || result.err().lines().count() != 1) {
      throw new AssertionError(
          "Expected exit 2 and one line, got exit "
              + result.code()
              + ":\n"
              + result.out()
              + result.err());
    }
    return result.err().strip();
  }

  private static void expect(Result result, int code) {
    if (result.code() != code) {
      throw new IllegalStateException(
          "Cannot prepare the shared runs: exit "
              + result.code()
              + "\n"
              + result.out()
              + result.err());
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a leftover temp folder is harmless
    }
  }
}
