package io.fluxo.runtime.config;

import java.util.regex.Pattern;

/**
 * A datastore root in S3: {@code s3://bucket/prefix}. The prefix (possibly empty) has no leading or
 * trailing slash.
 *
 * @param bucket the bucket name
 * @param prefix the key prefix of every object, or empty
 */
public record S3Location(String bucket, String prefix) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** Validates the bucket name and normalizes the prefix. */
  public S3Location {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException(
          "Invalid S3 bucket name '"
              + bucket
              + "': 3 to 63 lower-case letters, digits, dots and hyphens");
    }
    prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
  }

  /**
   * Parses {@code s3://bucket} or {@code s3://bucket/prefix}.
   *
   * @throws IllegalArgumentException if {@code uri} is not of that form
   */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException(
          "Invalid S3 root '" + uri + "': expected s3://bucket/prefix");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0
        ? new S3Location(rest, "")
        : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The object key of datastore key {@code key} (relative to the root). */
  public String objectKey(String key) {
    if (key.isEmpty()) {
      return prefix;
    }
    return prefix.isEmpty() ? key : prefix + "/" + key;
  }

  /** {@code s3://bucket/prefix/key}. */
  public String uri(String key) {
    String objectKey = objectKey(key);
    return "s3://" + bucket + (objectKey.isEmpty() ? "" : "/" + objectKey);
  }

  /** {@code s3://bucket/prefix}. */
  @Override
  public String toString() {
    return uri("");
  }
}
