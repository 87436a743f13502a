package io.fluxo.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class S3aSettingsTest {
  private static FluxoConfig.Datastore s3(String endpoint) {
    return new FluxoConfig.Datastore(
        DatastoreType.S3,
        "s3://lake/flows",
        endpoint,
        "us-east-1",
        Secret.of("access"),
        Secret.of("secret-key-value"),
        null);
  }

  @Test
  void minioEndpoint_pathStyle_noSsl_simpleCredentials() {
    S3aSettings settings = S3aSettings.of(s3("http://127.0.0.1:9000"));

    assertThat(settings.sparkProperties())
        .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
        .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
        .containsEntry("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
        .containsEntry(
            "spark.hadoop.fs.s3a.aws.credentials.provider",
            "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
        .containsEntry("spark.hadoop.fs.s3a.access.key", "access")
        .containsEntry("spark.hadoop.fs.s3a.secret.key", "secret-key-value")
        .containsEntry("spark.hadoop.fs.s3a.change.detection.mode", "none")
        .containsEntry("spark.hadoop.fs.s3a.directory.marker.retention", "keep");
    assertThat(settings.toString()).doesNotContain("secret-key-value").doesNotContain("=access");
  }

  @Test
  void anUnreachableStore_failsWithinAMinute_notAfterS3asDefaultRetries() {
    S3aSettings settings = S3aSettings.of(s3("http://127.0.0.1:9000"));

    int sdkAttempts = Integer.parseInt(settings.hadoop().get("fs.s3a.attempts.maximum"));
    int s3aRetries = Integer.parseInt(settings.hadoop().get("fs.s3a.retry.limit"));
    long connect = Long.parseLong(settings.hadoop().get("fs.s3a.connection.establish.timeout"));
    // every connection attempt times out: SDK attempts within each S3A try, plus S3A's backoff
    long worstMillis = sdkAttempts * (s3aRetries + 1) * connect + 500L * ((1 << s3aRetries) - 1);
    assertThat(worstMillis).isLessThanOrEqualTo(60_000);
  }

  @Test
  void settingsForOneBucket_areS3asPerBucketKeys() {
    S3aSettings settings = S3aSettings.of(s3("http://127.0.0.1:9000"));

    assertThat(settings.sparkPropertiesFor("lake"))
        .hasSameSizeAs(settings.hadoop())
        .containsEntry("spark.hadoop.fs.s3a.bucket.lake.endpoint", "http://127.0.0.1:9000")
        .containsEntry("spark.hadoop.fs.s3a.bucket.lake.path.style.access", "true")
        .containsEntry("spark.hadoop.fs.s3a.bucket.lake.secret.key", "secret-key-value")
        .allSatisfy((key, value) -> assertThat(key).startsWith("spark.hadoop.fs.s3a.bucket.lake."));
  }

  @Test
  void awsDefaultEndpoint_virtualHosts_withSsl() {
    S3aSettings settings = S3aSettings.of(s3(null));

    assertThat(settings.hadoop())
        .containsEntry("fs.s3a.endpoint", "https://s3.us-east-1.amazonaws.com")
        .containsEntry("fs.s3a.path.style.access", "false")
        .containsEntry("fs.s3a.connection.ssl.enabled", "true");
  }

  @Test
  void localDatastore_hasNoS3aSettings() {
    FluxoConfig.Datastore local =
        new FluxoConfig.Datastore(
            DatastoreType.LOCAL, "/tmp/x", null, "us-east-1", null, null, (Path) null);

    assertThatThrownBy(() -> S3aSettings.of(local)).isInstanceOf(IllegalArgumentException.class);
  }
}
