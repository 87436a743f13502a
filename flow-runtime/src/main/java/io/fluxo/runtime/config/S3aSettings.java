package io.fluxo.runtime.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hadoop S3A's view of an s3 datastore, so that Spark reads and writes {@code s3a://bucket/...}
 * with the datastore's endpoint and credentials: {@code fs.s3a.endpoint}, path-style access for a
 * custom endpoint (MinIO), SSL by the endpoint's scheme, the access and secret key through {@code
 * SimpleAWSCredentialsProvider}, no change detection and kept directory markers (which
 * S3-compatible servers need). They reach Spark through its configuration (a task's or client's
 * session, see {@code io.fluxo.spark.Spark}), never through system properties; they never go on a
 * command line. {@link #toString()} masks the keys.
 *
 * @param hadoop the {@code fs.s3a.*} settings, in a fixed order
 */
public record S3aSettings(Map<String, String> hadoop) {
  /** The prefix under which Spark passes settings to Hadoop. */
  public static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";

  /** Copies the map, keeping its order. */
  public S3aSettings {
    hadoop = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hadoop));
  }

  /**
   * The S3A settings for {@code datastore}.
   *
   * @throws IllegalArgumentException if the datastore is not s3
   * @throws io.fluxo.runtime.error.UsageException if it has no credentials
   */
  public static S3aSettings of(FluxoConfig.Datastore datastore) {
    if (datastore.type() != DatastoreType.S3) {
      throw new IllegalArgumentException(
          "S3A settings need an s3 datastore; this one is " + datastore.type().id());
    }
    S3Credentials keys = datastore.credentials();
    String endpoint = datastore.endpointUrl();
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", endpoint);
    s.put("fs.s3a.endpoint.region", datastore.region());
    s.put("fs.s3a.path.style.access", Boolean.toString(datastore.endpoint() != null));
    s.put(
        "fs.s3a.connection.ssl.enabled",
        Boolean.toString(!"http".equalsIgnoreCase(URI.create(endpoint).getScheme())));
    s.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s.put("fs.s3a.access.key", keys.accessKey().reveal());
    s.put("fs.s3a.secret.key", keys.secretKey().reveal());
    s.put("fs.s3a.change.detection.mode", "none");
    s.put("fs.s3a.directory.marker.retention", "keep");
    // an unreachable store fails a step within a minute, not after S3A's default ~18 minutes of
    // retries: a few attempts of the SDK within a few of S3A, each connection given 5 s to open
    s.put("fs.s3a.attempts.maximum", "2");
    s.put("fs.s3a.retry.limit", "3");
    s.put("fs.s3a.retry.interval", "500ms");
    s.put("fs.s3a.connection.establish.timeout", "5000");
    s.put("fs.s3a.connection.timeout", "30000");
    return new S3aSettings(s);
  }

  /** The same settings as Spark properties: {@code spark.hadoop.fs.s3a.*}. */
  public Map<String, String> sparkProperties() {
    Map<String, String> spark = new LinkedHashMap<>();
    hadoop.forEach((k, v) -> spark.put(SPARK_HADOOP_PREFIX + k, v));
    return spark;
  }

  /**
   * The same settings as Spark properties for {@code bucket} alone: {@code
   * spark.hadoop.fs.s3a.bucket.<bucket>.*}, which S3A applies to that bucket over the general ones,
   * so that they do not change how this JVM reaches other buckets.
   */
  public Map<String, String> sparkPropertiesFor(String bucket) {
    Map<String, String> spark = new LinkedHashMap<>();
    hadoop.forEach(
        (k, v) ->
            spark.put(
                SPARK_HADOOP_PREFIX
                    + "fs.s3a.bucket."
                    + bucket
                    + "."
                    + k.substring("fs.s3a.".length()),
                v));
    return spark;
  }

  /** The settings with the access and secret key masked. */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>(hadoop);
    shown.computeIfPresent("fs.s3a.access.key", (k, v) -> Secret.MASK);
    shown.computeIfPresent("fs.s3a.secret.key", (k, v) -> Secret.MASK);
    return "S3aSettings" + shown;
  }
}
