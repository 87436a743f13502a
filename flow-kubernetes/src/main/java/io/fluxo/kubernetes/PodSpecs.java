package io.fluxo.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.config.MetadataType;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.KubernetesSpec;
import io.fluxo.runtime.graph.ResourcesSpec;
import io.fluxo.runtime.spi.FluxoVersion;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the pod of one task attempt (a pure function of the launch, the configuration and the
 * step's decorators). {@code @Kubernetes} values win over {@code @Resources}, which win over the
 * configuration, which wins over the defaults below.
 */
public final class PodSpecs {
  /**
   * The image when neither {@code @Kubernetes(image)} nor {@code kubernetes.image} is set: the
   * runtime image of this Fluxo version, without a registry (a site names its own registry in
   * {@code kubernetes.image}).
   */
  public static final String DEFAULT_IMAGE = "fluxo/runtime:" + FluxoVersion.current();

  /** The secret for pulling the image when {@code kubernetes.imagePullSecret} is not set. */
  public static final String DEFAULT_PULL_SECRET = "harbor-creds";

  /** The secret with the S3 keys when {@code kubernetes.secrets} is not set. */
  public static final String DEFAULT_SECRET = "minio-creds";

  /**
   * The namespace when neither {@code @Kubernetes(namespace)} nor {@code kubernetes.namespace} is
   * set.
   */
  public static final String DEFAULT_NAMESPACE = "fluxo";

  /**
   * The image's entrypoint: fetches the code package, then runs the flow's {@code step} command.
   */
  public static final String ENTRYPOINT = "/opt/fluxo/entrypoint.sh";

  /** The environment variable with the run's code package key. */
  public static final String CODE_PACKAGE_ENV = "FLUXO_CODE_PACKAGE";

  /** The environment variable whose JVM options {@code entrypoint.sh} passes to the task's JVM. */
  public static final String JVM_OPTIONS_ENV = "FLUXO_TASK_JVM_OPTS";

  /**
   * The JVM options of a step that declares no resources: a light JVM, quick to start, as a local
   * task of such a step gets.
   */
  static final String LIGHT_JVM_OPTIONS = String.join(" ", TaskEnvironment.LIGHT_JVM_OPTIONS);

  /**
   * The JVM options of a step that declares resources: a batch JVM, as a local task of such a step
   * gets.
   */
  static final String HEAVY_JVM_OPTIONS = String.join(" ", TaskEnvironment.HEAVY_JVM_OPTIONS);

  /** Label prefix of the task's coordinates. */
  public static final String LABEL = "fluxo.io/";

  /** The container's name. */
  public static final String CONTAINER = "task";

  private PodSpecs() {}

  /** The namespace of {@code launch}'s pod. */
  public static String namespace(TaskLaunch launch, FluxoConfig.Kubernetes config) {
    return first(
        kubernetes(launch).map(KubernetesSpec::namespace).orElse(null),
        config.namespace(),
        DEFAULT_NAMESPACE);
  }

  /**
   * The pod of {@code launch}.
   *
   * @param config the effective configuration ({@code kubernetes} section and the task settings)
   * @param mainClass the flow's main class
   * @param stepArguments the {@code step ...} arguments a local task gets
   * @param codePackage the run's code package key
   */
  public static Pod pod(
      TaskLaunch launch,
      FluxoConfig config,
      String mainClass,
      List<String> stepArguments,
      String codePackage) {
    FluxoConfig.Kubernetes k8s = config.kubernetes();
    TaskPath task = launch.spec().task();
    int attempt = launch.spec().retryCount();
    Decorators decorators = launch.node().decorators();
    KubernetesSpec spec = decorators.kubernetes().orElse(null);
    ResourcesSpec resources = decorators.resources().orElse(null);

    Map<String, String> labels = new TreeMap<>();
    if (spec != null) {
      labels.putAll(spec.labels());
    }
    String store = storeId(config);
    Map<String, String> coordinates = labels(task, attempt);
    coordinates.put(LABEL + "store", store);
    labels.putAll(coordinates);
    String name = name(task, attempt, store);
    String namespace = namespace(launch, k8s);

    Map<String, Quantity> limits = new LinkedHashMap<>();
    Map<String, Quantity> requests = new LinkedHashMap<>();
    double cpu =
        spec != null && spec.cpu() > 0 ? spec.cpu() : resources != null ? resources.cpu() : 0;
    long memory =
        spec != null && spec.memoryMb() > 0
            ? spec.memoryMb()
            : resources != null ? resources.memoryMb() : 0;
    int gpu = spec != null && spec.gpu() > 0 ? spec.gpu() : resources != null ? resources.gpu() : 0;
    if (cpu > 0) {
      requests.put("cpu", new Quantity(cpuText(cpu)));
      limits.put("cpu", new Quantity(cpuText(cpu)));
    }
    if (memory > 0) {
      requests.put("memory", new Quantity(memory + "Mi"));
      limits.put("memory", new Quantity(memory + "Mi"));
    }
    if (gpu > 0) {
      limits.put("nvidia.com/gpu", new Quantity(Integer.toString(gpu)));
    }

    Set<String> secrets =
        new LinkedHashSet<>(k8s.secrets().isEmpty() ? List.of(DEFAULT_SECRET) : k8s.secrets());
    if (spec != null) {
      secrets.addAll(spec.secrets());
    }
    List<EnvFromSource> envFrom =
        secrets.stream()
            .map(
                s ->
                    new EnvFromSourceBuilder()
                        .withNewSecretRef()
                        .withName(s)
                        .endSecretRef()
                        .build())
            .toList();

    List<EnvVar> env = new ArrayList<>();
    settingsEnvironment(config).forEach((key, value) -> env.add(new EnvVar(key, value, null)));
    env.add(new EnvVar(CODE_PACKAGE_ENV, codePackage, null));
    if (config.metadata().type() == MetadataType.LOCAL) {
      // the metadata is files on the launching machine, out of the pod's reach: the task keeps its
      // attempt records in the datastore, and the launcher records them
      env.add(
          new EnvVar(
              TaskEnvironment.ATTEMPT_RECORDS_ENV,
              TaskEnvironment.ATTEMPT_RECORDS_IN_DATASTORE,
              null));
    }
    env.add(
        new EnvVar(
            JVM_OPTIONS_ENV,
            cpu == 0 && memory == 0 && gpu == 0 ? LIGHT_JVM_OPTIONS : HEAVY_JVM_OPTIONS,
            null));
    if (cpu > 0) {
      // read by flow-spark: local[n] sized to the container
      env.add(
          new EnvVar(
              TaskEnvironment.CPU_ENV,
              BigDecimal.valueOf(cpu).stripTrailingZeros().toPlainString(),
              null));
    }

    List<String> command = new ArrayList<>();
    command.add(ENTRYPOINT);
    command.add(mainClass);
    command.addAll(stepArguments);

    String image = first(spec == null ? null : spec.image(), k8s.image(), DEFAULT_IMAGE);
    String pullSecret = first(k8s.imagePullSecret(), DEFAULT_PULL_SECRET);
    String serviceAccount =
        first(spec == null ? null : spec.serviceAccount(), k8s.serviceAccount());
    if (SparkDrivers.enabled(config)) {
      labels.put(SparkDrivers.DRIVER_LABEL, SparkDrivers.serviceName(name));
      env.add(
          new EnvVar(
              SparkDrivers.PROPERTIES_ENV,
              SparkDrivers.text(
                  SparkDrivers.properties(config, name, namespace, serviceAccount, coordinates)),
              null));
    }

    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(spec == null ? Map.of() : new TreeMap<>(spec.annotations()))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withActiveDeadlineSeconds(decorators.timeout().map(t -> t.seconds()).orElse(null))
        .withServiceAccountName(serviceAccount)
        .withImagePullSecrets(new LocalObjectReference(pullSecret))
        .withNodeSelector(spec == null ? Map.of() : new TreeMap<>(spec.nodeSelector()))
        .withTolerations(
            spec == null
                ? List.of()
                : spec.tolerations().stream().map(PodSpecs::toleration).toList())
        .withContainers(
            new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .withImagePullPolicy(image.endsWith(":latest") ? "Always" : "IfNotPresent")
                .withCommand(command)
                .withEnv(env)
                .withEnvFrom(envFrom)
                .withNewResources()
                .withRequests(requests)
                .withLimits(limits)
                .endResources()
                .build())
        .endSpec()
        .build();
  }

  /** The labels naming a task attempt: {@code fluxo.io/flow|run|step|task|attempt}, label-safe. */
  public static Map<String, String> labels(TaskPath task, int attempt) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(LABEL + "flow", labelValue(task.flow()));
    labels.put(LABEL + "run", labelValue(task.runId()));
    labels.put(LABEL + "step", labelValue(task.step()));
    labels.put(LABEL + "task", labelValue(task.taskId()));
    labels.put(LABEL + "attempt", Integer.toString(attempt));
    return labels;
  }

  /**
   * The non-secret {@code FLUXO_*} settings for a pod's environment, told apart by their key's kind
   * ({@link ConfigKey.Kind#SECRET}); secrets come from the configured Kubernetes secrets instead.
   * Paths on the launching machine (the local metadata folder, a credentials file) are left out: a
   * pod has a filesystem of its own.
   */
  static Map<String, String> settingsEnvironment(FluxoConfig config) {
    Map<String, String> all = config.taskEnvironment();
    Map<String, String> env = new TreeMap<>();
    for (ConfigKey key : ConfigKey.values()) {
      key.env()
          .ifPresent(
              name -> {
                String value = all.get(name);
                if (value != null
                    && key.kind() != ConfigKey.Kind.SECRET
                    && key != ConfigKey.S3_CREDENTIALS_FILE
                    && key != ConfigKey.METADATA_ROOT) {
                  env.put(name, value);
                }
              });
    }
    return env;
  }

  /** A label value: at most 63 of {@code [A-Za-z0-9._-]}, starting and ending alphanumeric. */
  static String labelValue(String value) {
    String safe = value.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.length() > 63) {
      safe = safe.substring(0, 54) + "." + hash(value).substring(0, 8);
    }
    return safe.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
  }

  /**
   * Where run ids are allocated and data kept, as 8 hex digits: a hash of the datastore (type and
   * root) and the metadata provider (local root or service URL). Run ids are only unique within one
   * such store, so pod names and the {@code fluxo.io/store} label carry it.
   */
  public static String storeId(FluxoConfig config) {
    FluxoConfig.Datastore datastore = config.datastore();
    FluxoConfig.Metadata metadata = config.metadata();
    String where =
        metadata.type() == MetadataType.SERVICE ? metadata.url() : String.valueOf(metadata.root());
    return hash(datastore.type().id()
            + ":"
            + datastore.root()
            + "|"
            + metadata.type().id()
            + ":"
            + where)
        .substring(0, 8);
  }

  /**
   * A pod name: {@code <flow>-<run>-<step>-<task>-<attempt>-<hash>}, lower-cased, other characters
   * than letters, digits and '-' replaced, the readable part cut to fit; a valid DNS-1123 label (at
   * most 63 characters). The hash covers the full coordinates and {@code store}, so names differ
   * between stores and between coordinates that read alike once cut or replaced.
   */
  static String name(TaskPath task, int attempt, String store) {
    String full =
        String.join(
            "-", task.flow(), task.runId(), task.step(), task.taskId(), Integer.toString(attempt));
    String readable =
        full.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+", "");
    if (readable.length() > 54) {
      readable = readable.substring(0, 54);
    }
    readable = readable.replaceAll("-+$", "");
    return (readable.isEmpty() ? "task" : readable)
        + "-"
        + hash(store + "/" + full).substring(0, 8);
  }

  /** {@code key[=value][:effect]} as a toleration: operator Equal with a value, else Exists. */
  static Toleration toleration(String text) {
    String effect = null;
    int colon = text.lastIndexOf(':');
    if (colon >= 0) {
      effect = text.substring(colon + 1);
      text = text.substring(0, colon);
    }
    int eq = text.indexOf('=');
    TolerationBuilder builder =
        new TolerationBuilder().withEffect(effect == null || effect.isEmpty() ? null : effect);
    if (eq >= 0) {
      return builder
          .withKey(text.substring(0, eq))
          .withOperator("Equal")
          .withValue(text.substring(eq + 1))
          .build();
    }
    return builder.withKey(text.isEmpty() ? null : text).withOperator("Exists").build();
  }

  private static String cpuText(double cpu) {
    return cpu == Math.rint(cpu) ? Long.toString((long) cpu) : Math.round(cpu * 1000) + "m";
  }

  private static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static java.util.Optional<KubernetesSpec> kubernetes(TaskLaunch launch) {
    return launch.node().decorators().kubernetes();
  }

  /** The SHA-256 of {@code text}, in hex. */
  static String hash(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
