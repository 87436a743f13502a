package io.fluxo.runtime.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting of a Fluxo configuration: its key in {@code config.json} / {@code fluxo.json}
 * ({@code section.name}), the {@code FLUXO_*} environment variable that overrides it, and whether
 * it is a secret. {@code spark.conf} is a map: in a file, an object of Spark settings.
 */
public enum ConfigKey {
  DATASTORE_TYPE(
      "datastore.type",
      "FLUXO_DATASTORE",
      Kind.TEXT,
      "local or s3 (default: s3 when the root is s3://, else local)"),
  DATASTORE_ROOT(
      "datastore.root", "FLUXO_DATASTORE_ROOT", Kind.TEXT, "a local folder, or s3://bucket/prefix"),
  S3_ENDPOINT(
      "datastore.endpoint",
      "FLUXO_S3_ENDPOINT",
      Kind.TEXT,
      "S3 endpoint URL, e.g. http://127.0.0.1:9000 for MinIO (default: AWS)"),
  S3_REGION("datastore.region", "FLUXO_S3_REGION", Kind.TEXT, "S3 region (default: us-east-1)"),
  S3_ACCESS_KEY("datastore.accessKey", "FLUXO_S3_ACCESS_KEY", Kind.SECRET, "S3 access key"),
  S3_SECRET_KEY("datastore.secretKey", "FLUXO_S3_SECRET_KEY", Kind.SECRET, "S3 secret key"),
  S3_CREDENTIALS_FILE(
      "datastore.credentialsFile",
      "FLUXO_S3_CREDENTIALS_FILE",
      Kind.TEXT,
      "file holding the S3 keys: MinIO's credentials.json or an AWS credentials file"),
  METADATA_TYPE("metadata.type", "FLUXO_METADATA", Kind.TEXT, "local or service (default: local)"),
  METADATA_ROOT(
      "metadata.root",
      "FLUXO_METADATA_ROOT",
      Kind.TEXT,
      "folder of local metadata (default: the local datastore, or the nearest .fluxo folder with a remote one)"),
  METADATA_URL("metadata.url", "FLUXO_METADATA_URL", Kind.TEXT, "URL of the metadata service"),
  METADATA_TOKEN(
      "metadata.token", "FLUXO_METADATA_TOKEN", Kind.SECRET, "token for the metadata service"),
  K8S_NAMESPACE("kubernetes.namespace", "FLUXO_K8S_NAMESPACE", Kind.TEXT, "namespace of step pods"),
  K8S_IMAGE("kubernetes.image", "FLUXO_K8S_IMAGE", Kind.TEXT, "image of step pods"),
  K8S_IMAGE_PULL_SECRET(
      "kubernetes.imagePullSecret",
      "FLUXO_K8S_IMAGE_PULL_SECRET",
      Kind.TEXT,
      "name of the secret for pulling the image"),
  K8S_SECRETS(
      "kubernetes.secrets",
      "FLUXO_K8S_SECRETS",
      Kind.LIST,
      "names of secrets whose keys step pods get as environment"),
  K8S_SERVICE_ACCOUNT(
      "kubernetes.serviceAccount",
      "FLUXO_K8S_SERVICE_ACCOUNT",
      Kind.TEXT,
      "service account of step pods"),
  SPARK_MASTER(
      "spark.master", "FLUXO_SPARK_MASTER", Kind.TEXT, "Spark master of steps (default: local[*])"),
  SPARK_CONF(
      "spark.conf", null, Kind.MAP, "extra Spark settings (file only: an object of name to value)");

  /** The value's form. */
  public enum Kind {
    /** A string. */
    TEXT,
    /** A string shown masked. */
    SECRET,
    /** A list of strings; comma-separated in the environment. */
    LIST,
    /** An object of string values; files only. */
    MAP
  }

  private final String key;
  private final String env;
  private final Kind kind;
  private final String description;

  ConfigKey(String key, String env, Kind kind, String description) {
    this.key = key;
    this.env = env;
    this.kind = kind;
    this.description = description;
  }

  /** The key in a configuration file, {@code section.name}. */
  public String key() {
    return key;
  }

  /** The environment variable that sets it, if any. */
  public Optional<String> env() {
    return Optional.ofNullable(env);
  }

  /**
   * The command-line option that sets it, named after its variable: {@code FLUXO_S3_ACCESS_KEY} is
   * {@code --s3-access-key}, {@code FLUXO_DATASTORE} is {@code --datastore}.
   */
  public Optional<String> option() {
    return env()
        .map(
            e ->
                "--"
                    + e.substring("FLUXO_".length())
                        .toLowerCase(java.util.Locale.ROOT)
                        .replace('_', '-'));
  }

  /** The value's form. */
  public Kind kind() {
    return kind;
  }

  /** What it sets, for {@code flow config show} and the docs. */
  public String description() {
    return description;
  }

  /** The section, e.g. {@code datastore}. */
  String section() {
    return key.substring(0, key.indexOf('.'));
  }

  /** The name within the section, e.g. {@code root}. */
  String field() {
    return key.substring(key.indexOf('.') + 1);
  }

  /** The key named {@code section.name}, if there is one. */
  static Optional<ConfigKey> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
