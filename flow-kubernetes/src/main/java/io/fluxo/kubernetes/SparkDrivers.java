package io.fluxo.kubernetes;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Step pods as Spark drivers for Spark's own Kubernetes scheduler, in client mode: with {@code
 * spark.master} (FLUXO_SPARK_MASTER) set to {@code k8s://<api server>}, a step's Spark session
 * starts its executors as pods of their own, which connect back to the step pod through a headless
 * Service. This class gives the pod its Spark settings ({@value #PROPERTIES_ENV}, which {@link
 * PodEntrypoint} turns into system properties) and builds that Service, owned by the pod so that
 * Kubernetes deletes it with the pod. The executors run {@value #DEFAULT_EXECUTOR_IMAGE} unless
 * {@code spark.conf} names {@code spark.kubernetes.container.image}; {@code spark.conf} entries
 * (executor count, memory, ...) win over the settings below. Without a {@code k8s://} master, Spark
 * runs as {@code local[n]} in the pod and nothing here applies.
 */
final class SparkDrivers {
  /** The pod's environment variable holding its Spark settings, in {@link Properties} format. */
  static final String PROPERTIES_ENV = "FLUXO_SPARK_PROPERTIES";

  /** The label selecting a driver pod for its Service; its value is the Service's name. */
  static final String DRIVER_LABEL = PodSpecs.LABEL + "spark-driver";

  /** The driver's RPC port (executors connect to it; it also serves the jars). */
  static final int DRIVER_PORT = 7078;

  /** The driver's block manager port. */
  static final int BLOCK_MANAGER_PORT = 7079;

  /**
   * Spark's own image, for executors: it has Spark; the code comes from the driver ({@code
   * spark.jars}).
   */
  static final String DEFAULT_EXECUTOR_IMAGE = "apache/spark:3.5.6-java17";

  /** Spark settings whose value is a credential ({@code ...secret.key}, {@code ...password}). */
  private static final Pattern CREDENTIAL =
      Pattern.compile("secret|password|token|access\\.?key|credential", Pattern.CASE_INSENSITIVE);

  private SparkDrivers() {}

  /**
   * Whether steps' Spark runs on Kubernetes executors: {@code spark.master} is {@code k8s://...}.
   */
  static boolean enabled(FluxoConfig config) {
    String master = config.spark().master();
    return master != null && master.startsWith("k8s://");
  }

  /**
   * The name of the headless Service of the driver pod {@code podName}: a DNS-1035 label (a Service
   * name must start with a letter), {@code spark-<hash of the pod name>}.
   */
  static String serviceName(String podName) {
    return "spark-" + PodSpecs.hash(podName).substring(0, 16);
  }

  /**
   * The Spark settings of driver pod {@code podName}: the master, client mode, the driver's address
   * (its Service's DNS name) and fixed ports, the pod as the executors' owner, their image, service
   * account and labels ({@code labels}: the task's coordinates, so that {@code flow kubernetes
   * kill} finds them too), then {@code spark.conf}.
   */
  static Map<String, String> properties(
      FluxoConfig config,
      String podName,
      String namespace,
      String serviceAccount,
      Map<String, String> labels) {
    String service = serviceName(podName);
    Map<String, String> conf = new TreeMap<>();
    conf.put("spark.master", config.spark().master());
    conf.put("spark.submit.deployMode", "client");
    conf.put("spark.driver.host", service + "." + namespace + ".svc");
    conf.put("spark.driver.bindAddress", "0.0.0.0");
    conf.put("spark.driver.port", Integer.toString(DRIVER_PORT));
    conf.put("spark.driver.blockManager.port", Integer.toString(BLOCK_MANAGER_PORT));
    conf.put("spark.kubernetes.namespace", namespace);
    conf.put("spark.kubernetes.driver.pod.name", podName);
    conf.put("spark.kubernetes.executor.podNamePrefix", service);
    conf.put("spark.kubernetes.container.image", DEFAULT_EXECUTOR_IMAGE);
    if (serviceAccount != null) {
      conf.put("spark.kubernetes.authenticate.executor.serviceAccountName", serviceAccount);
    }
    labels.forEach((name, value) -> conf.put("spark.kubernetes.executor.label." + name, value));
    config
        .spark()
        .conf()
        .forEach(
            (name, value) -> {
              if (CREDENTIAL.matcher(name).find()
                  && !name.toLowerCase(Locale.ROOT).endsWith("file")) {
                throw new UsageException(
                    "Cannot give spark.conf entry %s to a step pod: it holds a credential, which a"
                        + " pod spec would show to anyone who can read pods; put it in a Kubernetes"
                        + " secret named in kubernetes.secrets (its keys become the pod's"
                        + " environment) instead",
                    name);
              }
              conf.put(name, value);
            });
    return conf;
  }

  /** {@code properties} as the text of {@value #PROPERTIES_ENV}. */
  static String text(Map<String, String> properties) {
    Properties p = new Properties();
    p.putAll(properties);
    StringWriter out = new StringWriter();
    try {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // drop the date comment, so that equal settings give equal text
    return out.toString()
        .lines()
        .filter(line -> !line.startsWith("#"))
        .reduce("", (a, b) -> a + b + "\n");
  }

  /**
   * The headless Service (no cluster IP) of {@code pod}, as created (it has its uid): selects the
   * pod by {@link #DRIVER_LABEL}, exposes the driver's ports, and is owned by the pod.
   */
  static Service service(Pod pod) {
    String podName = pod.getMetadata().getName();
    Map<String, String> labels = new TreeMap<>(pod.getMetadata().getLabels());
    String name = labels.get(DRIVER_LABEL);
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(pod.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Pod")
                .withName(podName)
                .withUid(pod.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withNewSpec()
        .withClusterIP("None")
        .withSelector(Map.of(DRIVER_LABEL, name))
        .withPorts(
            new ServicePortBuilder()
                .withName("driver-rpc")
                .withPort(DRIVER_PORT)
                .withNewTargetPort(DRIVER_PORT)
                .build(),
            new ServicePortBuilder()
                .withName("blockmanager")
                .withPort(BLOCK_MANAGER_PORT)
                .withNewTargetPort(BLOCK_MANAGER_PORT)
                .build())
        .endSpec()
        .build();
  }
}
