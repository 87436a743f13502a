package io.fluxo.runtime.cli;

import io.fluxo.runtime.client.Flow;
import io.fluxo.runtime.datastore.LocalStorage;
import io.fluxo.runtime.metadata.MetadataStore;
import io.fluxo.runtime.metadata.MetadataStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The datastore and metadata options every command that reads or writes runs shares. */
final class StoreOptions {
  @Option(
      names = "--datastore-root",
      paramLabel = "DIR",
      description = "Local datastore folder. Default: the nearest .fluxo folder upward from here, else ./.fluxo.")
  Path datastoreRoot;

  @Option(
      names = "--metadata",
      paramLabel = "TYPE",
      description = "Metadata provider: local (files in the datastore) or service. Default: $FLUXO_METADATA_TYPE, else local.")
  String metadataType;

  @Option(
      names = "--metadata-url",
      paramLabel = "URL",
      description = "The metadata service, e.g. http://127.0.0.1:8780. Default: $FLUXO_METADATA_URL. Its token is read from $FLUXO_METADATA_TOKEN.")
  String metadataUrl;

  private MetadataStore metadata;

  Path root() {
    if (datastoreRoot != null) {
      return datastoreRoot;
    }
    String env = System.getenv("FLUXO_DATASTORE_ROOT");
    return env != null && !env.isBlank() ? Path.of(env) : LocalStorage.findRoot(Path.of(""));
  }

  /** The chosen metadata store, opened once. */
  MetadataStore metadata() {
    if (metadata == null) {
      metadata = MetadataStores.open(metadataType, metadataUrl, root());
    }
    return metadata;
  }

  FlowStores open(String flow) {
    return FlowStores.open(root(), flow, metadata());
  }

  /** The client's view of {@code flow} on these stores. */
  Flow flow(String flow) {
    return Flow.of(flow, root(), metadata());
  }

  /**
   * The options that make a task use the same stores: the datastore root and the metadata provider
   * (and URL), never the token, which tasks inherit through the environment.
   */
  List<String> taskArguments() {
    List<String> args = new ArrayList<>(List.of("--datastore-root", root().toAbsolutePath().toString()));
    String type = MetadataStores.type(metadataType);
    args.add("--metadata");
    args.add(type);
    if (type.equals(MetadataStores.SERVICE)) {
      args.add("--metadata-url");
      args.add(MetadataStores.url(metadataUrl));
    }
    return args;
  }
}
