package io.fluxo.runtime.spi;

import io.fluxo.runtime.config.FluxoConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * A launcher the runtime does not depend on (such as {@code flow-kubernetes}'s pods), selected by
 * name with {@code run --with NAME} and found with {@link ServiceLoader} (listed in {@code
 * META-INF/services/io.fluxo.runtime.spi.LauncherPlugin}); needs a public no-argument constructor.
 */
public interface LauncherPlugin {
  /** The name {@code --with} selects, e.g. {@code kubernetes}. */
  String name();

  /**
   * Whether {@code node} must use this launcher even without {@code --with} (e.g. it has
   * {@code @Kubernetes}).
   */
  default boolean requiredBy(io.fluxo.runtime.graph.StepNode node) {
    return false;
  }

  /**
   * A launcher for one run.
   *
   * @throws io.fluxo.runtime.error.UsageException if the configuration cannot support it
   */
  StepLauncher create(Context context);

  /**
   * What a plugin launcher gets from the runtime.
   *
   * @param config the effective configuration
   * @param taskCommand the local task command prefix (java, options, classpath, flow main class)
   * @param stepArguments the {@code step ...} arguments of a launch, as a local task gets them
   * @param logs where attempt logs are stored
   * @param relay the attempt records of tasks that keep them in the datastore ({@link
   *     TaskEnvironment#ATTEMPT_RECORDS_ENV}), for the launcher to record in {@code metadata}
   * @param metadata the run records (e.g. the run's code package)
   * @param taskEnvironment the environment a local task gets (settings and secrets)
   */
  record Context(
      FluxoConfig config,
      List<String> taskCommand,
      Function<TaskLaunch, List<String>> stepArguments,
      AttemptLogs logs,
      AttemptRelay relay,
      MetadataStore metadata,
      Map<String, String> taskEnvironment) {}

  /** The plugin named {@code name} on the classpath, if any. */
  static Optional<LauncherPlugin> find(String name) {
    return all().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** Every plugin on the classpath. */
  static List<LauncherPlugin> all() {
    return ServiceLoader.load(LauncherPlugin.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }
}
