package io.fluxo.runtime.cli;

import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.FluxoConfig;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The datastore options every command that reads or writes runs shares: what the command line says,
 * merged over the configuration (files, {@code FLUXO_*} environment).
 */
final class StoreOptions {
  @Option(
      names = "--datastore",
      paramLabel = "TYPE",
      description = "local or s3. Default: the configured one (FLUXO_DATASTORE, config.json), else s3 for an s3:// root, else local.")
  String datastore;

  @Option(
      names = "--datastore-root",
      paramLabel = "ROOT",
      description = "Local datastore folder or s3://bucket/prefix. Default: the configured one (FLUXO_DATASTORE_ROOT,"
          + " config.json), else the nearest .fluxo folder upward from here, else ./.fluxo.")
  String datastoreRoot;

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
    return overrides;
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
