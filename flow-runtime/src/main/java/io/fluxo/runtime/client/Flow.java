package io.fluxo.runtime.client;

import io.fluxo.runtime.datastore.LocalStorage;
import io.fluxo.runtime.metadata.MetadataStore;
import io.fluxo.runtime.metadata.MetadataStores;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The runs of one flow in a local datastore, like {@code metaflow.Flow}. Lists read the metadata
 * anew on every call, so they see runs started after this object was made.
 */
public final class Flow {
  private final ClientStores stores;

  private Flow(ClientStores stores) {
    this.stores = stores;
  }

  /**
   * The flow named {@code name} in the default datastore: {@code $FLUXO_DATASTORE_ROOT} if set,
   * else the nearest {@code .fluxo} folder upward from the working directory, as the CLI finds it.
   * Its metadata is read as the CLI reads it by default: from the metadata service if {@code
   * $FLUXO_METADATA_TYPE} is {@code service} (at {@code $FLUXO_METADATA_URL}), else from the
   * datastore folder.
   */
  public static Flow of(String name) {
    String env = System.getenv("FLUXO_DATASTORE_ROOT");
    return of(name, env != null && !env.isBlank() ? Path.of(env) : LocalStorage.findRoot(Path.of("")));
  }

  /**
   * The flow named {@code name} in the datastore folder {@code root}, with metadata from the
   * provider the environment chooses (as {@link #of(String)}). The flow need not have runs yet.
   *
   * @throws IllegalArgumentException if the name is empty or contains a slash
   */
  public static Flow of(String name, Path root) {
    Objects.requireNonNull(root, "root");
    return of(name, root, MetadataStores.open(null, null, root));
  }

  /**
   * The flow named {@code name} with artifacts and logs in the datastore folder {@code root} and
   * run, task and attempt records in {@code metadata}.
   *
   * @throws IllegalArgumentException if the name is empty or contains a slash
   */
  public static Flow of(String name, Path root, MetadataStore metadata) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(metadata, "metadata");
    if (name == null || name.isBlank() || name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("Invalid flow name: " + name);
    }
    return new Flow(ClientStores.open(name, root, metadata));
  }

  /** The flow's name. */
  public String name() {
    return stores.flow();
  }

  /** The datastore folder read. */
  public Path root() {
    return stores.storage().root();
  }

  /** Every run, newest first. */
  public List<Run> runs() {
    return stores.metadata().runs(name()).stream().map(r -> new Run(stores, r)).toList();
  }

  /** The runs that carry every one of {@code tags} (user or system tags), newest first. */
  public List<Run> runsTagged(String... tags) {
    if (tags.length == 0) {
      throw new IllegalArgumentException("Cannot filter runs by tags: no tag given");
    }
    List<String> wanted = Arrays.asList(tags);
    return runs().stream().filter(r -> r.allTags().containsAll(wanted)).toList();
  }

  /**
   * The newest run, whatever its status.
   *
   * @throws NoSuchElementException if the flow has no run
   */
  public Run latestRun() {
    return runs().stream().findFirst().orElseThrow(() -> new NoSuchElementException("flow " + name() + " " + noRuns()));
  }

  /**
   * The newest run that succeeded.
   *
   * @throws NoSuchElementException if none did, listing the runs and their status
   */
  public Run latestSuccessfulRun() {
    List<Run> runs = runs();
    return runs.stream()
        .filter(Run::successful)
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(runs.isEmpty()
            ? "flow " + name() + " " + noRuns()
            : "flow " + name() + " has no successful run; runs are: "
                + Names.listed(ascending(runs).stream().map(r -> r.id() + " (" + r.status() + ")").toList())));
  }

  /**
   * The run with id {@code id}.
   *
   * @throws NoSuchElementException if there is none, listing the run ids
   */
  public Run run(String id) {
    return stores.metadata().run(name(), id)
        .map(r -> new Run(stores, r))
        .orElseThrow(() -> {
          List<Run> runs = runs();
          return new NoSuchElementException(runs.isEmpty()
              ? "flow " + name() + " has no run " + id + "; it " + noRuns()
              : "flow " + name() + " has no run " + id + "; runs are: " + Names.listed(ascending(runs).stream().map(Run::id).toList()));
        });
  }

  /** {@code Flow(name)}. */
  @Override
  public String toString() {
    return "Flow(" + name() + ")";
  }

  /** {@code has no runs in <root>}, naming the flows there if this one is not among them. */
  private String noRuns() {
    List<String> flows = stores.storage().list("").stream().filter(n -> !n.startsWith(".")).toList();
    String others = flows.isEmpty() || flows.contains(name()) ? "" : "; flows there are: " + Names.listed(flows);
    return "has no runs in " + root() + others;
  }

  private static List<Run> ascending(List<Run> runs) {
    return runs.stream().sorted(Comparator.comparing(Run::startedAt).thenComparing(Run::id)).toList();
  }
}
