package io.fluxo.runtime.internal.cli;

import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.FluxoConfig;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The datastore and metadata options every command that reads or writes runs shares: what the
 * command line says, merged over the configuration (files, {@code FLUXO_*} environment).
 */
final class StoreOptions {
  @Option(
      names = "--datastore",
      paramLabel = "TYPE",
      description =
          "local or s3. Default: the configured one (FLUXO_DATASTORE, config.json), else s3 for an s3:// root, else local.")
  String datastore;

  @Option(
      names = "--datastore-root",
      paramLabel = "ROOT",
      description =
          "Local datastore folder or s3://bucket/prefix. Default: the configured one (FLUXO_DATASTORE_ROOT,"
              + " config.json), else the nearest .fluxo folder upward from here, else ./.fluxo.")
  String datastoreRoot;

  @Option(
      names = "--metadata",
      paramLabel = "TYPE",
      description =
          "Metadata provider: local (files beside the datastore) or service. Default: the configured one (FLUXO_METADATA), else local.")
  String metadata;

  @Option(
      names = "--metadata-url",
      paramLabel = "URL",
      description =
          "The metadata service, e.g. http://127.0.0.1:8780. Default: the configured one (FLUXO_METADATA_URL);"
              + " its token comes from the configuration or FLUXO_METADATA_TOKEN, never from the command line.")
  String metadataUrl;

  private FluxoConfig config;

  /** The settings given on the command line. */
  Map<ConfigKey, String> overrides() {
    Map<ConfigKey, String> overrides = new EnumMap<>(ConfigKey.class);
    if (datastore != null) {
      overrides.put(ConfigKey.DATASTORE_TYPE, datastore);
    }
    if (datastoreRoot != null) {
      overrides.put(ConfigKey.DATASTORE_ROOT, datastoreRoot);
    }
    if (metadata != null) {
      overrides.put(ConfigKey.METADATA_TYPE, metadata);
    }
    if (metadataUrl != null) {
      overrides.put(ConfigKey.METADATA_URL, metadataUrl);
    }
    return overrides;
  }

  /**
   * These options as given on the command line, quoted for a POSIX shell, each preceded by a space:
   * what a printed command (resume, logs, dump) must repeat to reach the same stores.
   */
  String given() {
    StringBuilder text = new StringBuilder();
    String[][] given = {
      {"--datastore", datastore},
      {"--datastore-root", datastoreRoot},
      {"--metadata", metadata},
      {"--metadata-url", metadataUrl}
    };
    for (String[] option : given) {
      if (option[1] != null) {
        text.append(' ').append(option[0]).append(' ').append(shellWord(option[1]));
      }
    }
    return text.toString();
  }

  private static String shellWord(String value) {
    return value.matches("[A-Za-z0-9_/.:=@%+,-]+")
        ? value
        : "'" + value.replace("'", "'\\''") + "'";
  }

  /** The effective configuration: this command line over the configuration of {@code context}. */
  FluxoConfig config(CliContext context) {
    if (config == null) {
      config = FluxoConfig.load(context.configSources(), overrides());
    }
    return config;
  }

  /** Opens the stores of {@code flow}; an s3 datastore is checked for access first. */
  FlowStores open(CliContext context, String flow) {
    return FlowStores.open(config(context), flow);
  }
}
