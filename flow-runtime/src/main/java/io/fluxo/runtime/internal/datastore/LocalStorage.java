package io.fluxo.runtime.internal.datastore;

import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.spi.DatastoreStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A datastore in a local folder, by default {@code .fluxo/} found upward from the working directory
 * ({@link io.fluxo.runtime.config.ConfigSources#localRoot()}).
 */
public final class LocalStorage implements DatastoreStorage {
  private final Path root;

  /** A datastore rooted at {@code root}, created if missing. */
  public LocalStorage(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  /** The local path of {@code key}. */
  public Path path(String key) {
    return root.resolve(key);
  }

  @Override
  public String describe(String key) {
    return path(key).toString();
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public InputStream open(String key) {
    try {
      return Files.newInputStream(path(key));
    } catch (NoSuchFileException e) {
      throw new PlatformException(e, "Cannot read %s: the file does not exist", describe(key));
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot read %s: %s", describe(key), e.getMessage());
    }
  }

  @Override
  public void write(String key, byte[] bytes) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile(scratchDir(), "w", ".tmp");
      Files.write(tmp, bytes);
      writeFile(key, tmp);
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot write %s: %s", describe(key), e.getMessage());
    } finally {
      if (tmp != null) {
        tmp.toFile().delete(); // gone already once moved in place; else what a failure left
      }
    }
  }

  @Override
  public void writeFile(String key, Path file) {
    Path target = path(key);
    try {
      Files.createDirectories(target.getParent());
      try {
        Files.move(
            file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot write %s: %s", describe(key), e.getMessage());
    }
  }

  @Override
  public List<String> list(String prefix) {
    Path dir = path(prefix);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(p -> names.add(p.getFileName().toString()));
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot list %s: %s", dir, e.getMessage());
    }
    Collections.sort(names);
    return names;
  }

  /**
   * This process's scratch folder, {@code .tmp/<pid>}. The first call in a process also deletes the
   * folders of processes that no longer run (a killed run's half-written files), so that none stay
   * behind.
   */
  @Override
  public Path scratchDir() {
    Path scratch = root.resolve(".tmp");
    Path own = scratch.resolve(Long.toString(ProcessHandle.current().pid()));
    try {
      Files.createDirectories(own);
    } catch (IOException e) {
      throw new PlatformException(
          e, "Cannot create the scratch folder %s: %s", own, e.getMessage());
    }
    if (SWEPT.add(scratch)) {
      sweepDeadProcesses(scratch);
    }
    return own;
  }

  /** Scratch roots this process has swept. */
  private static final Set<Path> SWEPT = ConcurrentHashMap.newKeySet();

  private static void sweepDeadProcesses(Path scratch) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(scratch)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        boolean deadProcess =
            name.chars().allMatch(Character::isDigit)
                && ProcessHandle.of(Long.parseLong(name)).map(h -> !h.isAlive()).orElse(true);
        if (deadProcess || Files.isRegularFile(entry)) {
          deleteQuietly(entry);
        }
      }
    } catch (IOException | UncheckedIOException | NumberFormatException e) {
      // best effort: what is left is swept by the next process
    }
  }

  private static void deleteQuietly(Path path) {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // another process may be sweeping it too
    }
  }
}
