package io.fluxo.runtime.client;

import io.fluxo.runtime.config.FluxoConfig;
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
public final class FlowRuns {
  private final ClientStores stores;

  private FlowRuns(ClientStores stores) {
    this.stores = stores;
  }

  /**
   * The flow named {@code name} in the configured datastore ({@code ~/.fluxo/config.json}, {@code
   * fluxo.json}, {@code FLUXO_*} environment; by default the nearest {@code .fluxo} folder upward
   * from the working directory), as the CLI finds it.
   *
   * @throws io.fluxo.runtime.error.FlowException if the configuration is invalid or the datastore
   *     cannot be reached
   */
  public static FlowRuns of(String name) {
    return of(name, FluxoConfig.load());
  }

  /**
   * The flow named {@code name} in the datastore and metadata that {@code config} names (local
   * folder or S3). On S3, the installed value formats get the datastore's settings for its bucket
   * ({@link io.fluxo.runtime.spi.ExternalValueFormat#prepare}): with {@code flow-spark}, this JVM's
   * Spark session gets its endpoint and keys for {@code s3a://} on that bucket, in its
   * configuration rather than in system properties, so that Dataset and model artifacts open.
   *
   * @throws IllegalArgumentException if the name is empty or contains a slash
   * @throws io.fluxo.runtime.error.FlowException if the datastore cannot be reached
   */
  public static FlowRuns of(String name, FluxoConfig config) {
    Objects.requireNonNull(config, "config");
    checkName(name);
    return new FlowRuns(ClientStores.open(name, config));
  }

  /**
   * The flow named {@code name} in the datastore folder {@code root}. The flow need not have runs
   * yet.
   *
   * @throws IllegalArgumentException if the name is empty or contains a slash
   */
  public static FlowRuns of(String name, Path root) {
    Objects.requireNonNull(root, "root");
    checkName(name);
    return new FlowRuns(ClientStores.open(name, root));
  }

  /**
   * The flow named {@code name} with its artifacts in the local datastore folder {@code root} and
   * its runs in {@code metadata} (e.g. a {@link
   * io.fluxo.runtime.internal.metadata.ServiceMetadataStore}).
   *
   * @throws IllegalArgumentException if the name is empty or contains a slash
   */
  public static FlowRuns of(String name, Path root, io.fluxo.runtime.spi.MetadataStore metadata) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(metadata, "metadata");
    checkName(name);
    return new FlowRuns(ClientStores.open(name, root, metadata));
  }

  private static void checkName(String name) {
    if (name == null || name.isBlank() || name.contains("/") || name.startsWith(".")) {
      throw new IllegalArgumentException("Invalid flow name: " + name);
    }
  }

  /** The flow's name. */
  public String name() {
    return stores.flow();
  }

  /**
   * The local folder whose metadata lists the runs: the datastore folder of a local datastore, the
   * local metadata folder of a remote one.
   */
  public Path root() {
    return stores.metadataRoot();
  }

  /** Where the datastore is: a folder or an {@code s3://} URI. */
  public String location() {
    return stores.storage().describe("");
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
    return runs().stream()
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("flow " + name() + " " + noRuns()));
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
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    runs.isEmpty()
                        ? "flow " + name() + " " + noRuns()
                        : "flow "
                            + name()
                            + " has no successful run; runs are: "
                            + Names.listed(
                                ascending(runs).stream()
                                    .map(r -> r.id() + " (" + r.status() + ")")
                                    .toList())));
  }

  /**
   * The run with id {@code id}.
   *
   * @throws NoSuchElementException if there is none, listing the run ids
   */
  public Run run(String id) {
    return stores
        .metadata()
        .run(name(), id)
        .map(r -> new Run(stores, r))
        .orElseThrow(
            () -> {
              List<Run> runs = runs();
              return new NoSuchElementException(
                  runs.isEmpty()
                      ? "flow " + name() + " has no run " + id + "; it " + noRuns()
                      : "flow "
                          + name()
                          + " has no run "
                          + id
                          + "; runs are: "
                          + Names.listed(ascending(runs).stream().map(Run::id).toList()));
            });
  }

  /** {@code FlowRuns(name)}. */
  @Override
  public String toString() {
    return "FlowRuns(" + name() + ")";
  }

  /** {@code has no runs in <root>}, naming the flows there if this one is not among them. */
  private String noRuns() {
    List<String> flows =
        stores.storage().list("").stream().filter(n -> !n.startsWith(".")).toList();
    String others =
        flows.isEmpty() || flows.contains(name())
            ? ""
            : "; flows there are: " + Names.listed(flows);
    return "has no runs in " + location() + others;
  }

  private static List<Run> ascending(List<Run> runs) {
    return runs.stream()
        .sorted(Comparator.comparing(Run::startedAt).thenComparing(Run::id))
        .toList();
  }
}
