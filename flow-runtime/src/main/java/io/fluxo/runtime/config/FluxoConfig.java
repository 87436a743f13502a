package io.fluxo.runtime.config;

import io.fluxo.runtime.config.ConfigLoader.Setting;
import io.fluxo.runtime.error.UsageException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective Fluxo configuration, as Metaflow's {@code config.json}: built-in defaults, then
 * {@code ~/.fluxo/config.json} ({@code $FLUXO_HOME/config.json}), then the nearest {@code
 * fluxo.json} upward from the working directory (each file's plain keys, then the profile named by
 * {@code FLUXO_PROFILE} under {@code "profiles"}), then {@code FLUXO_*} environment variables, then
 * command-line options; see {@link ConfigKey} for every key. Relative paths in a file are relative
 * to that file's folder, elsewhere to the working directory. Secrets print masked. It is data only:
 * the stores it names are opened by the backends found for their types ({@code
 * io.fluxo.runtime.spi.DatastoreBackend}, {@code MetadataBackend}).
 *
 * @param datastore where artifacts and task files are kept
 * @param metadata where run and task records are kept
 * @param kubernetes how steps run as pods
 * @param spark how steps run Spark
 */
public record FluxoConfig(
    Datastore datastore, Metadata metadata, Kubernetes kubernetes, Spark spark) {
  /** The S3 region used when none is configured. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The configuration of this process: its environment, home and working directory; no options. */
  public static FluxoConfig load() {
    return load(ConfigSources.system(), Map.of());
  }

  /**
   * The configuration from {@code sources}, with {@code overrides} (the command line) on top.
   *
   * @throws UsageException if a file is unreadable or holds an unknown key, or a value is invalid
   */
  public static FluxoConfig load(ConfigSources sources, Map<ConfigKey, String> overrides) {
    return LoadedConfig.load(sources, overrides).config();
  }

  /**
   * The environment a task process needs to open the same stores: every setting that has a {@code
   * FLUXO_*} variable, secrets included. Hand it only to child processes' environments, never to a
   * command line, a log or a record.
   */
  public Map<String, String> taskEnvironment() {
    Map<String, String> env = new TreeMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      String value = value(key, true);
      if (key.env().isPresent() && value != null) {
        env.put(key.env().get(), value);
      }
    }
    return env;
  }

  /**
   * The value of {@code key} as text, secrets {@linkplain Secret#hint() masked}, or null if unset.
   */
  public String shown(ConfigKey key) {
    return value(key, false);
  }

  private String value(ConfigKey key, boolean reveal) {
    Object value =
        switch (key) {
          case DATASTORE_TYPE -> datastore.type().id();
          case DATASTORE_ROOT -> datastore.root();
          case S3_ENDPOINT -> datastore.endpoint();
          case S3_REGION -> datastore.region();
          case S3_ACCESS_KEY -> datastore.accessKey();
          case S3_SECRET_KEY -> datastore.secretKey();
          case S3_CREDENTIALS_FILE -> datastore.credentialsFile();
          case METADATA_TYPE -> metadata.type().id();
          case METADATA_ROOT -> metadata.root();
          case METADATA_URL -> metadata.url();
          case METADATA_TOKEN -> metadata.token();
          case K8S_NAMESPACE -> kubernetes.namespace();
          case K8S_IMAGE -> kubernetes.image();
          case K8S_IMAGE_PULL_SECRET -> kubernetes.imagePullSecret();
          case K8S_SECRETS ->
              kubernetes.secrets().isEmpty() ? null : String.join(",", kubernetes.secrets());
          case K8S_SERVICE_ACCOUNT -> kubernetes.serviceAccount();
          case SPARK_MASTER -> spark.master();
          case SPARK_CONF -> spark.conf().isEmpty() ? null : spark.conf().toString();
        };
    if (value instanceof Secret secret) {
      return reveal ? secret.reveal() : secret.hint();
    }
    return value == null ? null : value.toString();
  }

  /**
   * The datastore settings.
   *
   * @param type local or s3
   * @param root the absolute local folder, or {@code s3://bucket/prefix}; null only for an s3
   *     datastore without a root
   * @param endpoint the S3 endpoint URL, or null for AWS
   * @param region the S3 region
   * @param accessKey the S3 access key, or null
   * @param secretKey the S3 secret key, or null
   * @param credentialsFile a file with the S3 keys, or null
   */
  public record Datastore(
      DatastoreType type,
      String root,
      String endpoint,
      String region,
      Secret accessKey,
      Secret secretKey,
      Path credentialsFile) {
    /**
     * The local datastore folder.
     *
     * @throws IllegalStateException if the datastore is not local
     */
    public Path localRoot() {
      if (type != DatastoreType.LOCAL) {
        throw new IllegalStateException("The datastore is " + type.id() + ", not local");
      }
      return Path.of(root);
    }

    /**
     * The bucket and prefix of an s3 datastore.
     *
     * @throws UsageException if no root is configured
     * @throws IllegalStateException if the datastore is not s3
     */
    public S3Location s3Root() {
      if (type != DatastoreType.S3) {
        throw new IllegalStateException("The datastore is " + type.id() + ", not s3");
      }
      if (root == null) {
        throw new UsageException(
            "Cannot use the s3 datastore: no root is set; set datastore.root to s3://bucket/prefix"
                + " (in config.json, FLUXO_DATASTORE_ROOT or --datastore-root)");
      }
      return S3Location.parse(root);
    }

    /** The endpoint URL: the configured one, else AWS's for the region. */
    public String endpointUrl() {
      return endpoint != null ? endpoint : "https://s3." + region + ".amazonaws.com";
    }

    /**
     * The S3 keys: {@code accessKey} and {@code secretKey} if both are set, else those of {@code
     * credentialsFile}.
     *
     * @throws UsageException if neither is configured or the file is unusable
     */
    public S3Credentials credentials() {
      if (accessKey != null && secretKey != null) {
        return new S3Credentials(accessKey, secretKey);
      }
      if (credentialsFile != null) {
        return S3Credentials.read(credentialsFile);
      }
      throw new UsageException(
          "Cannot use the s3 datastore %s: no credentials; set datastore.accessKey and datastore.secretKey"
              + " (FLUXO_S3_ACCESS_KEY, FLUXO_S3_SECRET_KEY) or datastore.credentialsFile, e.g. with 'flow configure'",
          root);
    }
  }

  /**
   * The metadata settings.
   *
   * @param type local or service
   * @param root the folder of local metadata
   * @param url the metadata service's URL, or null
   * @param token the metadata service's token, or null
   */
  public record Metadata(MetadataType type, Path root, String url, Secret token) {}

  /**
   * How steps run on Kubernetes.
   *
   * @param namespace the namespace of step pods, or null for the client's default
   * @param image the image of step pods, or null
   * @param imagePullSecret the secret for pulling it, or null
   * @param secrets secrets whose keys step pods get as environment variables
   * @param serviceAccount the pods' service account, or null
   */
  public record Kubernetes(
      String namespace,
      String image,
      String imagePullSecret,
      List<String> secrets,
      String serviceAccount) {
    /** Copies the list. */
    public Kubernetes {
      secrets = secrets == null ? List.of() : List.copyOf(secrets);
    }
  }

  /**
   * How steps run Spark.
   *
   * @param master the Spark master, or null for {@code local[*]}
   * @param conf extra Spark settings
   */
  public record Spark(String master, Map<String, String> conf) {
    /** Copies the map. */
    public Spark {
      conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
  }

  /** Builds the records from merged settings; reconciles the datastore's type with its root. */
  static FluxoConfig resolve(Map<String, Setting> settings, ConfigSources sources) {
    Setting typeSetting = settings.get(ConfigKey.DATASTORE_TYPE.key());
    Setting rootSetting = settings.get(ConfigKey.DATASTORE_ROOT.key());
    String root = rootSetting == null ? null : rootSetting.text();
    DatastoreType implied =
        root != null && root.startsWith("s3://") ? DatastoreType.S3 : DatastoreType.LOCAL;
    DatastoreType type = root == null ? DatastoreType.LOCAL : implied;
    if (typeSetting != null) {
      type = DatastoreType.parse(typeSetting.text(), typeSetting.source());
      if (root != null && implied != type) {
        if (rootSetting.layer() < typeSetting.layer()) {
          root = null; // a root meant for another type, overridden by a stronger type setting
        } else if (rootSetting.layer() > typeSetting.layer()) {
          type = implied;
        } else {
          throw new UsageException(
              "Invalid datastore settings in %s: type %s needs %s root; found %s",
              rootSetting.source(),
              type.id(),
              type == DatastoreType.S3 ? "an s3://bucket/prefix" : "a local folder as",
              root);
        }
      }
    }
    if (type == DatastoreType.LOCAL && root == null) {
      root = sources.localRoot().toString();
    }
    if (type == DatastoreType.S3 && root != null) {
      try {
        root = S3Location.parse(root).toString();
      } catch (IllegalArgumentException e) {
        throw new UsageException(
            "Invalid datastore root (from %s): %s", rootSetting.source(), e.getMessage());
      }
    }
    Datastore datastore =
        new Datastore(
            type,
            root,
            text(settings, ConfigKey.S3_ENDPOINT),
            orElse(text(settings, ConfigKey.S3_REGION), DEFAULT_REGION),
            secret(settings, ConfigKey.S3_ACCESS_KEY),
            secret(settings, ConfigKey.S3_SECRET_KEY),
            path(settings, ConfigKey.S3_CREDENTIALS_FILE));

    Setting metadataType = settings.get(ConfigKey.METADATA_TYPE.key());
    Path metadataRoot = path(settings, ConfigKey.METADATA_ROOT);
    if (metadataRoot == null) {
      metadataRoot = type == DatastoreType.LOCAL ? Path.of(root) : sources.localRoot();
    }
    Metadata metadata =
        new Metadata(
            metadataType == null
                ? MetadataType.LOCAL
                : MetadataType.parse(metadataType.text(), metadataType.source()),
            metadataRoot,
            text(settings, ConfigKey.METADATA_URL),
            secret(settings, ConfigKey.METADATA_TOKEN));

    Setting secrets = settings.get(ConfigKey.K8S_SECRETS.key());
    @SuppressWarnings("unchecked")
    List<String> secretNames = secrets == null ? List.of() : (List<String>) secrets.value();
    Kubernetes kubernetes =
        new Kubernetes(
            text(settings, ConfigKey.K8S_NAMESPACE),
            text(settings, ConfigKey.K8S_IMAGE),
            text(settings, ConfigKey.K8S_IMAGE_PULL_SECRET),
            secretNames,
            text(settings, ConfigKey.K8S_SERVICE_ACCOUNT));

    Map<String, String> conf = new LinkedHashMap<>();
    settings.forEach(
        (key, setting) -> {
          if (key.startsWith(ConfigLoader.SPARK_CONF_PREFIX)) {
            conf.put(key.substring(ConfigLoader.SPARK_CONF_PREFIX.length()), setting.text());
          }
        });
    return new FluxoConfig(
        datastore, metadata, kubernetes, new Spark(text(settings, ConfigKey.SPARK_MASTER), conf));
  }

  private static String text(Map<String, Setting> settings, ConfigKey key) {
    Setting setting = settings.get(key.key());
    return setting == null ? null : setting.text();
  }

  private static Secret secret(Map<String, Setting> settings, ConfigKey key) {
    String value = text(settings, key);
    return value == null ? null : Secret.of(value);
  }

  private static Path path(Map<String, Setting> settings, ConfigKey key) {
    String value = text(settings, key);
    return value == null ? null : Path.of(value);
  }

  private static String orElse(String value, String fallback) {
    return value != null ? value : fallback;
  }
}
