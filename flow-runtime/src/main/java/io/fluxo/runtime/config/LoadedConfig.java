package io.fluxo.runtime.config;

import io.fluxo.runtime.config.ConfigLoader.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded configuration together with where each value came from, for {@code flow config show}.
 */
public final class LoadedConfig {
  private final FluxoConfig config;
  private final Map<String, Setting> settings;
  private final Optional<String> profile;
  private final List<String> files;

  LoadedConfig(
      FluxoConfig config,
      Map<String, Setting> settings,
      Optional<String> profile,
      List<String> files) {
    this.config = config;
    this.settings = Map.copyOf(settings);
    this.profile = profile;
    this.files = List.copyOf(files);
  }

  /**
   * Loads the configuration from {@code sources} with {@code overrides} (the command line) on top.
   */
  public static LoadedConfig load(ConfigSources sources, Map<ConfigKey, String> overrides) {
    return ConfigLoader.load(sources, overrides);
  }

  /**
   * One effective setting.
   *
   * @param key the key, e.g. {@code datastore.root}
   * @param value its value as text, secrets masked; empty if unset
   * @param source the file, profile, variable or option it came from, {@code default}, or empty if
   *     unset
   */
  public record Row(String key, String value, String source) {}

  /** The effective configuration. */
  public FluxoConfig config() {
    return config;
  }

  /** The profile selected by {@code FLUXO_PROFILE}, if any. */
  public Optional<String> profile() {
    return profile;
  }

  /** The configuration files read, lowest precedence first. */
  public List<String> files() {
    return files;
  }

  /** Every key with its effective value (secrets masked) and source, in {@link ConfigKey} order. */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (ConfigKey key : ConfigKey.values()) {
      if (key == ConfigKey.SPARK_CONF) {
        config
            .spark()
            .conf()
            .forEach(
                (name, value) ->
                    rows.add(
                        new Row(
                            ConfigLoader.SPARK_CONF_PREFIX + name,
                            value,
                            settings.get(ConfigLoader.SPARK_CONF_PREFIX + name).source())));
        continue;
      }
      String value = config.shown(key);
      Setting setting = settings.get(key.key());
      String source;
      if (value == null) {
        source = "";
      } else if (setting != null
          && (key.kind() != ConfigKey.Kind.TEXT || same(value, String.valueOf(setting.value())))) {
        source = setting.source();
      } else if (key == ConfigKey.DATASTORE_TYPE
          && settings.containsKey(ConfigKey.DATASTORE_ROOT.key())) {
        source = "implied by datastore.root";
      } else {
        source = "default";
      }
      rows.add(new Row(key.key(), value == null ? "" : value, source));
    }
    return rows;
  }

  private static boolean same(String effective, String configured) {
    return effective.equalsIgnoreCase(configured)
        || effective.equals(configured.replaceAll("/+$", ""));
  }
}
