package io.fluxo.runtime.cli;

import io.fluxo.runtime.datastore.LocalStorage;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The datastore options every command that reads or writes runs shares. */
final class StoreOptions {
  @Option(
      names = "--datastore-root",
      paramLabel = "DIR",
      description = "Local datastore folder. Default: the nearest .fluxo folder upward from here, else ./.fluxo.")
  Path datastoreRoot;

  Path root() {
    if (datastoreRoot != null) {
      return datastoreRoot;
    }
    String env = System.getenv("FLUXO_DATASTORE_ROOT");
    return env != null && !env.isBlank() ? Path.of(env) : LocalStorage.findRoot(Path.of(""));
  }

  FlowStores open(String flow) {
    return FlowStores.open(root(), flow);
  }
}
