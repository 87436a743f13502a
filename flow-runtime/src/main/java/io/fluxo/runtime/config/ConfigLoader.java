package io.fluxo.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxo.runtime.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads the configuration layers, lowest first: the user's {@code config.json}, the project's
 * {@code fluxo.json}, each file's plain keys then its profile ({@code FLUXO_PROFILE}), then the
 * {@code FLUXO_*} environment, then the command line. A later layer's value replaces an earlier one
 * key by key; {@code spark.conf} merges entry by entry.
 */
final class ConfigLoader {
  /** The key prefix under which {@code spark.conf} entries are kept, one per Spark setting. */
  static final String SPARK_CONF_PREFIX = ConfigKey.SPARK_CONF.key() + ".";

  /** Reads and writes configuration and credentials files as plain JSON trees; thread-safe. */
  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final ConfigSources sources;
  private final Map<String, Setting> settings = new LinkedHashMap<>();
  private final List<String> files = new ArrayList<>();
  private int layer;

  private ConfigLoader(ConfigSources sources) {
    this.sources = sources;
  }

  /**
   * One effective value and where it came from.
   *
   * @param value a String, or a List of Strings for {@link ConfigKey.Kind#LIST}
   * @param source the file, profile, environment variable or option that set it
   * @param layer the precedence of the source: higher wins
   */
  record Setting(Object value, String source, int layer) {
    String text() {
      return (String) value;
    }
  }

  /** The merged settings from {@code sources} and {@code overrides} (the command line). */
  static LoadedConfig load(ConfigSources sources, Map<ConfigKey, String> overrides) {
    ConfigLoader loader = new ConfigLoader(sources);
    Optional<String> profile = sources.get(ConfigSources.PROFILE_ENV);
    boolean profileFound = false;
    Path user = sources.userFile();
    if (Files.isRegularFile(user)) {
      profileFound |= loader.readFile(user, profile);
    }
    Optional<Path> project = sources.projectFile();
    if (project.isPresent()) {
      profileFound |= loader.readFile(project.get(), profile);
    }
    if (profile.isPresent() && !profileFound) {
      throw new UsageException(
          "Unknown profile '%s' (from %s): no configuration file defines it; looked in %s",
          profile.get(),
          ConfigSources.PROFILE_ENV,
          loader.files.isEmpty()
              ? user + " and fluxo.json upward"
              : String.join(", ", loader.files));
    }
    loader.layer++;
    for (ConfigKey key : ConfigKey.values()) {
      if (key.env().isPresent()) {
        String name = key.env().get();
        sources.get(name).ifPresent(v -> loader.set(key, v, "env " + name, sources.workingDir()));
      }
    }
    loader.layer++;
    overrides.forEach(
        (key, value) -> {
          if (value != null && !value.isBlank()) {
            loader.set(
                key,
                value.strip(),
                "option " + key.option().orElse(key.key()),
                sources.workingDir());
          }
        });
    return new LoadedConfig(
        FluxoConfig.resolve(loader.settings, sources), loader.settings, profile, loader.files);
  }

  /** Reads one file's plain keys, then its profile; returns whether it defines the profile. */
  private boolean readFile(Path file, Optional<String> profile) {
    JsonNode tree;
    try {
      tree = JSON.readTree(Files.readAllBytes(file));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new UsageException(
          "Cannot read configuration %s: invalid JSON%s: %s",
          file,
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr(),
          e.getOriginalMessage().lines().findFirst().orElse(""));
    } catch (IOException e) {
      throw new UsageException("Cannot read configuration %s: %s", file, e.getMessage());
    }
    if (tree == null || !tree.isObject()) {
      throw new UsageException("Cannot read configuration %s: expected a JSON object", file);
    }
    files.add(file.toString());
    Path dir = file.getParent();
    layer++;
    readSections((ObjectNode) tree, file.toString(), dir, true);
    layer++;
    JsonNode profiles = tree.get("profiles");
    if (profile.isEmpty() || profiles == null) {
      return false;
    }
    if (!profiles.isObject()) {
      throw new UsageException(
          "Invalid configuration %s: \"profiles\" must be an object of profile name to settings",
          file);
    }
    JsonNode selected = profiles.get(profile.get());
    if (selected == null) {
      return false;
    }
    if (!selected.isObject()) {
      throw new UsageException(
          "Invalid configuration %s: profile \"%s\" must be an object", file, profile.get());
    }
    readSections((ObjectNode) selected, file + " (profile " + profile.get() + ")", dir, false);
    return true;
  }

  private void readSections(ObjectNode tree, String source, Path dir, boolean topLevel) {
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      if (topLevel && section.getKey().equals("profiles")) {
        continue;
      }
      if (sectionNames().contains(section.getKey()) && !section.getValue().isObject()) {
        throw new UsageException(
            "Invalid configuration %s: \"%s\" must be an object of settings, e.g. {\"%s\": {\"%s\":"
                + " ...}}, not %s",
            source,
            section.getKey(),
            section.getKey(),
            namesIn(section.getKey()).get(0),
            kindOf(section.getValue()));
      }
      if (!sectionNames().contains(section.getKey())) {
        throw new UsageException(
            "Invalid configuration %s: unknown section \"%s\"; sections are %s%s",
            source,
            section.getKey(),
            String.join(", ", sectionNames()),
            topLevel ? " and profiles" : "");
      }
      for (Iterator<Map.Entry<String, JsonNode>> fields = section.getValue().fields();
          fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String dotted = section.getKey() + "." + field.getKey();
        ConfigKey key =
            ConfigKey.byKey(dotted)
                .orElseThrow(
                    () ->
                        new UsageException(
                            "Invalid configuration %s: unknown setting \"%s\"; %s settings are %s",
                            source,
                            dotted,
                            section.getKey(),
                            String.join(", ", namesIn(section.getKey()))));
        setFromJson(key, field.getValue(), source, dir);
      }
    }
  }

  private void setFromJson(ConfigKey key, JsonNode value, String source, Path dir) {
    if (value.isNull()) {
      return;
    }
    switch (key.kind()) {
      case MAP -> {
        if (!value.isObject()) {
          throw new UsageException(
              "Invalid configuration %s: \"%s\" must be an object of setting to value",
              source, key.key());
        }
        value
            .fields()
            .forEachRemaining(
                e -> {
                  if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new UsageException(
                        "Invalid configuration %s: \"%s.%s\" must be a string, number or boolean,"
                            + " not %s",
                        source, key.key(), e.getKey(), kindOf(e.getValue()));
                  }
                  settings.put(
                      SPARK_CONF_PREFIX + e.getKey(),
                      new Setting(e.getValue().asText(), source, layer));
                });
      }
      case LIST -> {
        if (!value.isArray()) {
          throw new UsageException(
              "Invalid configuration %s: \"%s\" must be an array of strings", source, key.key());
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
          if (!item.isTextual()) {
            throw new UsageException(
                "Invalid configuration %s: \"%s\" must be an array of strings, not of %s",
                source, key.key(), kindOf(item));
          }
          items.add(item.asText());
        }
        settings.put(key.key(), new Setting(List.copyOf(items), source, layer));
      }
      default -> {
        if (!value.isTextual()) {
          throw new UsageException(
              "Invalid configuration %s: \"%s\" must be a string, not %s",
              source, key.key(), kindOf(value));
        }
        set(key, value.asText(), source, dir);
      }
    }
  }

  private void set(ConfigKey key, String value, String source, Path base) {
    if (value.isBlank()) {
      return;
    }
    Object parsed =
        switch (key.kind()) {
          case LIST ->
              Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
          case MAP -> throw new IllegalArgumentException(key + " is set in files only");
          default -> isPath(key) ? resolvePath(value, base) : value;
        };
    settings.put(key.key(), new Setting(parsed, source, layer));
  }

  /** What a JSON value is, for messages: {@code a number (5)}, {@code an object}. */
  private static String kindOf(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      case NUMBER -> "a number (" + value + ")";
      case BOOLEAN -> "a boolean (" + value + ")";
      case NULL -> "null";
      default -> "a string (" + value + ")";
    };
  }

  private static boolean isPath(ConfigKey key) {
    return key == ConfigKey.DATASTORE_ROOT
        || key == ConfigKey.S3_CREDENTIALS_FILE
        || key == ConfigKey.METADATA_ROOT;
  }

  /**
   * A local path made absolute against {@code base} ({@code ~/} is the user's home); URIs are kept.
   */
  private static String resolvePath(String value, Path base) {
    if (value.contains("://")) {
      return value;
    }
    if (value.equals("~") || value.startsWith("~/")) {
      return Path.of(System.getProperty("user.home"))
          .resolve(value.substring(Math.min(2, value.length())))
          .normalize()
          .toString();
    }
    return base.resolve(value).toAbsolutePath().normalize().toString();
  }

  private static TreeSet<String> sectionNames() {
    TreeSet<String> names = new TreeSet<>();
    for (ConfigKey key : ConfigKey.values()) {
      names.add(key.section());
    }
    return names;
  }

  private static List<String> namesIn(String section) {
    return Arrays.stream(ConfigKey.values())
        .filter(k -> k.section().equals(section))
        .map(ConfigKey::field)
        .toList();
  }
}
