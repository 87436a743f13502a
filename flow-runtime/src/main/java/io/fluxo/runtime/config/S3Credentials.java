package io.fluxo.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxo.runtime.error.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The key pair that signs S3 requests. Both parts print masked.
 *
 * @param accessKey the access key id
 * @param secretKey the secret access key
 */
public record S3Credentials(Secret accessKey, Secret secretKey) {
  /** Requires both parts. */
  public S3Credentials {
    if (accessKey == null || secretKey == null) {
      throw new IllegalArgumentException(
          "Invalid S3 credentials: both the access key and the secret key are needed");
    }
  }

  /**
   * Reads a credentials file: MinIO's {@code credentials.json} ({@code accessKey}, {@code
   * secretKey}) or an AWS credentials file ({@code aws_access_key_id}, {@code
   * aws_secret_access_key}, in its {@code [default]} section or before any section).
   *
   * @throws UsageException if the file cannot be read or lacks a key, naming the file
   */
  public static S3Credentials read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("Cannot read the S3 credentials file %s: %s", file, e.getMessage());
    }
    Map<String, String> values = text.stripLeading().startsWith("{") ? json(text, file) : ini(text);
    String access = values.getOrDefault("accessKey", values.get("aws_access_key_id"));
    String secret = values.getOrDefault("secretKey", values.get("aws_secret_access_key"));
    if (access == null || access.isBlank() || secret == null || secret.isBlank()) {
      throw new UsageException(
          "Cannot read the S3 credentials file %s: it needs accessKey and secretKey (JSON) or aws_access_key_id and"
              + " aws_secret_access_key (AWS credentials file)",
          file);
    }
    return new S3Credentials(Secret.of(access.strip()), Secret.of(secret.strip()));
  }

  private static Map<String, String> json(String text, Path file) {
    Map<String, String> values = new HashMap<>();
    try {
      JsonNode tree = ConfigLoader.JSON.readTree(text);
      tree.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    } catch (IOException e) {
      throw new UsageException(
          "Cannot read the S3 credentials file %s: invalid JSON (%s)", file, e.getMessage());
    }
    return values;
  }

  private static Map<String, String> ini(String text) {
    Map<String, String> values = new HashMap<>();
    String section = "default";
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
      } else if (section.equals("default")
          && line.contains("=")
          && !line.startsWith("#")
          && !line.startsWith(";")) {
        int eq = line.indexOf('=');
        values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return values;
  }
}
