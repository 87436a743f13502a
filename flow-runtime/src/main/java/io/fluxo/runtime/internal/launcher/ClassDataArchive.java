package io.fluxo.runtime.internal.launcher;

import io.fluxo.runtime.config.ProcessSetting;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A dynamic class-data-sharing archive for task JVMs: the first task of a classpath records the
 * classes it loads ({@code -XX:ArchiveClassesAtExit}); later tasks map them instead of loading them
 * again ({@code -XX:SharedArchiveFile}), which shortens a task's start-up. Archives are kept per
 * Java home, classpath (jar names, sizes and times) and kind of task under the user's cache folder:
 * light tasks load Fluxo's task path and share one; heavy ones ({@code @Resources}) load Spark too,
 * each step different parts of it (Deequ, MLlib), so each heavy step has its own (measured in
 * {@code bench/README.md}). Only classpaths made of jars qualify: the JVM does not archive classes
 * from directories. Thread-safe.
 */
final class ClassDataArchive {
  /**
   * Task JVM options with which no archive is used: JFR and agents, since a Java 17 JVM with a
   * class-file load hook crashes (SIGSEGV in {@code check_shared_class_file_load_hook}) loading
   * classes from a dynamic archive of Spark's; and options that choose class-data sharing
   * themselves.
   */
  private static final Pattern UNSUITED_OPTION =
      Pattern.compile(
          "-XX:(StartFlightRecording|\\+FlightRecorder|SharedArchiveFile|ArchiveClassesAtExit)\\b.*|-Xshare:.*|-(javaagent|agentlib|agentpath):.*");

  /** How large the archives in the cache may grow in all. */
  static final long CACHE_LIMIT_BYTES = 2L << 30;

  private final Path archive;
  private final AtomicBoolean recording = new AtomicBoolean();

  private ClassDataArchive(Path archive) {
    this.archive = archive;
  }

  /**
   * Whether task JVMs started with {@code jvmOptions} may use an archive (see {@link
   * #UNSUITED_OPTION}).
   */
  static boolean suits(List<String> jvmOptions) {
    return jvmOptions.stream().noneMatch(option -> UNSUITED_OPTION.matcher(option).matches());
  }

  /**
   * The archive of the tasks of kind {@code kind} (a short name) on {@code classpath}, or null when
   * the classpath has directories or cannot be read.
   */
  static ClassDataArchive forClasspath(String classpath, String kind) {
    if (ProcessSetting.NO_CDS.on(System.getenv())) {
      return null;
    }
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(System.getProperty("java.home").getBytes(StandardCharsets.UTF_8));
      digest.update(System.getProperty("java.vm.version").getBytes(StandardCharsets.UTF_8));
      for (String entry : classpath.split(File.pathSeparator)) {
        Path jar = Path.of(entry).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
          return null;
        }
        digest.update(
            (jar + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis())
                .getBytes(StandardCharsets.UTF_8));
      }
      String key = HexFormat.of().formatHex(digest.digest()).substring(0, 24);
      Path dir = Path.of(System.getProperty("user.home"), ".cache", "fluxo", "cds");
      Files.createDirectories(dir);
      return new ClassDataArchive(dir.resolve(key + "-" + kind + ".jsa"));
    } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
      return null;
    }
  }

  /**
   * JVM options for the next task; when they ask the task to record the archive, {@code recordedBy}
   * is set to the path to publish once that task has ended.
   */
  List<String> options(Path[] recordedBy) {
    List<String> options =
        new ArrayList<>(List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    if (Files.isRegularFile(archive)) {
      options.add("-XX:SharedArchiveFile=" + archive);
      markUsed();
    } else if (recording.compareAndSet(false, true)) {
      Path pending =
          archive.resolveSibling(
              archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      options.add("-XX:ArchiveClassesAtExit=" + pending);
      recordedBy[0] = pending;
    }
    return options;
  }

  private void markUsed() {
    try {
      Files.setLastModifiedTime(
          archive, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // only the pruning of unused archives depends on it
    }
  }

  /**
   * Keeps the cache small: archives of other classpaths (a Spark flow's heavy archives are large,
   * and every build of a jar makes new ones) are deleted when unused for a day, and the least
   * recently used beyond {@link #CACHE_LIMIT_BYTES} in all; so are recordings left by a JVM that
   * died a day ago.
   */
  private void pruneOthers() throws IOException {
    long dayAgo = System.currentTimeMillis() - 24 * 3600 * 1000L;
    List<Path> others = new ArrayList<>();
    try (var entries = Files.list(archive.getParent())) {
      for (Path other : entries.toList()) {
        String name = other.getFileName().toString();
        if (other.equals(archive) || !(name.endsWith(".jsa") || name.endsWith(".tmp"))) {
          continue;
        }
        if (Files.getLastModifiedTime(other).toMillis() < dayAgo) {
          Files.deleteIfExists(other);
        } else if (name.endsWith(".jsa")) {
          others.add(other);
        }
      }
    }
    others.sort(Comparator.comparingLong(ClassDataArchive::lastUsed).reversed());
    long kept = Files.size(archive);
    for (Path other : others) {
      long size = Files.size(other);
      if (kept + size > CACHE_LIMIT_BYTES) {
        Files.deleteIfExists(other);
      } else {
        kept += size;
      }
    }
  }

  private static long lastUsed(Path archive) {
    try {
      return Files.getLastModifiedTime(archive).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Publishes a recorded archive atomically, if the task that recorded it {@code succeeded}: a
   * failed task may have loaded a fraction of what its step needs. A dropped recording lets the
   * next task record again.
   */
  void publish(Path pending, boolean succeeded) {
    try {
      if (succeeded && Files.isRegularFile(pending) && Files.size(pending) > 0) {
        Files.move(
            pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        pruneOthers();
      }
    } catch (IOException e) {
      // without an archive tasks only start slower
    } finally {
      try {
        Files.deleteIfExists(pending);
      } catch (IOException ignored) {
        // scratch file
      }
      recording.set(false);
    }
  }
}
