package io.fluxo.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.spi.CommandPlugin;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flow kubernetes list|kill RUN}: the step pods of a run. */
@Command(
    name = "kubernetes",
    mixinStandardHelpOptions = true,
    description = "List or delete the step pods of a run of the configured datastore and metadata.",
    subcommands = {KubernetesCommand.ListPods.class, KubernetesCommand.KillPods.class})
public final class KubernetesCommand implements Runnable, CommandPlugin {
  @Spec CommandSpec spec;

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public Object command() {
    return new KubernetesCommand();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options shared by the subcommands. */
  abstract static class PodsOf implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run id.")
    String runId;

    @Option(
        names = "--namespace",
        paramLabel = "NS",
        description = "Namespace (default: kubernetes.namespace, else fluxo).")
    String namespace;

    @Option(
        names = "--datastore-root",
        paramLabel = "ROOT",
        description = "The run's datastore, if not the configured one.")
    String datastoreRoot;

    @Option(
        names = "--metadata-root",
        paramLabel = "DIR",
        description = "The run's local metadata folder, if not the configured one.")
    String metadataRoot;

    @Spec CommandSpec spec;

    /**
     * The pods of run {@code RUN} of the configured store, or of the one the options name: run ids
     * repeat across stores, so pods carry their store's hash ({@link PodSpecs#storeId}).
     */
    List<Pod> pods(KubernetesClient client) {
      Map<ConfigKey, String> overrides = new EnumMap<>(ConfigKey.class);
      if (datastoreRoot != null) {
        overrides.put(ConfigKey.DATASTORE_ROOT, datastoreRoot);
      }
      if (metadataRoot != null) {
        overrides.put(ConfigKey.METADATA_ROOT, metadataRoot);
      }
      FluxoConfig config = FluxoConfig.load(ConfigSources.system(), overrides);
      String configured = config.kubernetes().namespace();
      String ns =
          namespace != null
              ? namespace
              : configured == null ? PodSpecs.DEFAULT_NAMESPACE : configured;
      return client
          .pods()
          .inNamespace(ns)
          .withLabel(PodSpecs.LABEL + "run", PodSpecs.labelValue(runId))
          .withLabel(PodSpecs.LABEL + "store", PodSpecs.storeId(config))
          .list()
          .getItems();
    }
  }

  /** {@code flow kubernetes list RUN}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the pods of a run with their phase.")
  static final class ListPods extends PodsOf {
    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        for (Pod pod : pods(client)) {
          Map<String, String> labels = new TreeMap<>(pod.getMetadata().getLabels());
          String phase =
              pod.getStatus() == null || pod.getStatus().getPhase() == null
                  ? "Pending"
                  : pod.getStatus().getPhase();
          out.printf(
              "%s\t%s\t%s/%s attempt %s\t%s%n",
              pod.getMetadata().getName(),
              pod.getMetadata().getNamespace(),
              labels.get(PodSpecs.LABEL + "step"),
              labels.get(PodSpecs.LABEL + "task"),
              labels.get(PodSpecs.LABEL + "attempt"),
              phase);
        }
      }
      out.flush();
      return 0;
    }
  }

  /** {@code flow kubernetes kill RUN}. */
  @Command(
      name = "kill",
      mixinStandardHelpOptions = true,
      description = "Delete every pod of a run.")
  static final class KillPods extends PodsOf {
    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (KubernetesClient client = new KubernetesClientBuilder().build()) {
        List<Pod> pods = pods(client);
        for (Pod pod : pods) {
          client
              .pods()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(pod.getMetadata().getName())
              .delete();
        }
        out.println("Deleted " + pods.size() + " pod(s) of run " + runId);
      }
      out.flush();
      return 0;
    }
  }
}
