package io.fluxo.runtime.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a configuration is read from: the environment ({@code FLUXO_*}), the user's Fluxo home
 * (holding {@code config.json}) and the working directory (where {@code fluxo.json} is looked for,
 * upward). Tests pass their own; commands use {@link #system()}.
 *
 * @param env environment variables
 * @param home the folder of the user's {@code config.json}
 * @param workingDir the folder relative paths and the project file are resolved from
 */
public record ConfigSources(Map<String, String> env, Path home, Path workingDir) {
  /** The environment variable that names the Fluxo home folder (default {@code ~/.fluxo}). */
  public static final String HOME_ENV = "FLUXO_HOME";

  /** The environment variable that selects a profile of the configuration files. */
  public static final String PROFILE_ENV = "FLUXO_PROFILE";

  /** Copies the environment and makes the paths absolute. */
  public ConfigSources {
    env = Map.copyOf(env);
    home = home.toAbsolutePath().normalize();
    workingDir = workingDir.toAbsolutePath().normalize();
  }

  /**
   * This process's environment, {@code $FLUXO_HOME} or {@code ~/.fluxo}, and the working directory.
   */
  public static ConfigSources system() {
    return of(System.getenv(), Path.of(""));
  }

  /**
   * {@code env}, the home it names ({@code $FLUXO_HOME} or {@code ~/.fluxo}) and {@code
   * workingDir}.
   */
  public static ConfigSources of(Map<String, String> env, Path workingDir) {
    String home = env.get(HOME_ENV);
    Path homeDir =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".fluxo");
    return new ConfigSources(env, homeDir, workingDir);
  }

  /** The value of environment variable {@code name}, if set and not blank. */
  public Optional<String> get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The user's configuration file, {@code <home>/config.json}. */
  public Path userFile() {
    return home.resolve("config.json");
  }

  /** The nearest {@code fluxo.json} in the working directory or above, if any. */
  public Optional<Path> projectFile() {
    for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
      Path file = dir.resolve(PROJECT_FILE);
      if (java.nio.file.Files.isRegularFile(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** The name of a project's configuration file. */
  public static final String PROJECT_FILE = "fluxo.json";

  /** The folder name of a local datastore. */
  public static final String LOCAL_ROOT_DIR = ".fluxo";

  /**
   * The local datastore folder used when none is configured: the {@code .fluxo} folder of the
   * nearest ancestor of the working directory (inclusive) that has one, or {@code
   * <workingDir>/.fluxo} when none has, as Metaflow finds {@code .metaflow}. Local metadata
   * defaults to it too when the datastore is remote.
   */
  public Path localRoot() {
    for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
      if (java.nio.file.Files.isDirectory(dir.resolve(LOCAL_ROOT_DIR))) {
        return dir.resolve(LOCAL_ROOT_DIR);
      }
    }
    return workingDir.resolve(LOCAL_ROOT_DIR);
  }
}
