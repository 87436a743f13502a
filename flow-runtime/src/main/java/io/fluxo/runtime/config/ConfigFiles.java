package io.fluxo.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes settings into a configuration file ({@code config.json} or {@code fluxo.json}), as {@code
 * flow configure} does.
 */
public final class ConfigFiles {
  private ConfigFiles() {}

  /**
   * Sets {@code values} in {@code file} (created if missing; other keys kept), under {@code
   * profiles.<profile>} if a profile is given. The file is readable by its owner only, since it may
   * hold keys.
   *
   * @throws UsageException if a value is invalid or the file is not a configuration
   * @throws PlatformException if the file cannot be written
   */
  public static void write(Path file, Optional<String> profile, Map<ConfigKey, String> values) {
    values.forEach(ConfigFiles::validate);
    ObjectNode root;
    try {
      root =
          Files.isRegularFile(file)
              ? (ObjectNode) ConfigLoader.JSON.readTree(Files.readAllBytes(file))
              : ConfigLoader.JSON.createObjectNode();
    } catch (IOException | ClassCastException e) {
      throw new UsageException(
          "Cannot update configuration %s: it is not a JSON object (%s)", file, e.getMessage());
    }
    ObjectNode target =
        profile.isPresent() ? object(object(root, "profiles"), profile.get()) : root;
    values.forEach(
        (key, value) -> {
          ObjectNode section = object(target, key.section());
          if (key.kind() == ConfigKey.Kind.LIST) {
            ArrayNode list = section.putArray(key.field());
            Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .forEach(list::add);
          } else {
            section.put(key.field(), value);
          }
        });
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".config", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's permissions apply
      }
      Files.write(tmp, ConfigLoader.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot write configuration %s: %s", file, e.getMessage());
    }
  }

  private static void validate(ConfigKey key, String value) {
    switch (key) {
      case DATASTORE_TYPE -> DatastoreType.parse(value, "--datastore");
      case METADATA_TYPE -> MetadataType.parse(value, "--metadata");
      case DATASTORE_ROOT -> {
        if (value.startsWith("s3://")) {
          try {
            S3Location.parse(value);
          } catch (IllegalArgumentException e) {
            throw new UsageException(
                "Invalid value for option '--datastore-root': %s", e.getMessage());
          }
        }
      }
      case SPARK_CONF -> throw new UsageException("spark.conf is set by editing the file");
      default -> {}
    }
  }

  private static ObjectNode object(ObjectNode parent, String name) {
    JsonNode child = parent.get(name);
    if (child instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(name);
  }

  /** The keys {@code flow configure} sets, in prompt order. */
  public static List<ConfigKey> promptedKeys(DatastoreType type) {
    return type == DatastoreType.S3
        ? List.of(
            ConfigKey.DATASTORE_ROOT,
            ConfigKey.S3_ENDPOINT,
            ConfigKey.S3_REGION,
            ConfigKey.S3_ACCESS_KEY,
            ConfigKey.S3_SECRET_KEY)
        : List.of(ConfigKey.DATASTORE_ROOT);
  }
}
