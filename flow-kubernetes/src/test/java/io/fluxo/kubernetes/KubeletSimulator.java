package io.fluxo.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A kubelet for the fabric8 mock API server (CRUD mode): polls the pods of one namespace and, for
 * each new pod, resolves its environment ({@code env} and {@code envFrom} secrets), runs its
 * container command as a local process and moves the pod through Pending, Running and Succeeded or
 * Failed with the container's exit code. What is simulated: the image's entrypoint {@value
 * PodSpecs#ENTRYPOINT} is mapped, as {@code infra/runtime/entrypoint.sh} does, to {@code java
 * $FLUXO_TASK_JVM_OPTS -cp <this test classpath> PodEntrypoint}, which really fetches the run's
 * code package from the datastore, in a working directory, HOME and temp folder of its own (a fresh
 * folder per pod; an absolute path in the pod's environment or command names a path under it, as in
 * a container's own filesystem) and with the pod's environment (of this JVM's variables, none of
 * the {@code FLUXO_} ones); the log (stdout and stderr merged) is kept for {@link
 * KubernetesTestCluster}'s API server to serve, as it grows. A deleted pod's process is stopped
 * (SIGTERM, then SIGKILL after 5 s). As a cluster would, it keeps a pod Pending: Unschedulable
 * (condition PodScheduled=False) when its node selector or resources do not fit the one node
 * ({@link #node}; by default 16 cpu, 64Gi, no GPU), waiting ErrImagePull/ImagePullBackOff when its
 * image ends in {@code :bad} or is {@link #unpullable}, waiting CreateContainerConfigError while a
 * secret its environment needs does not exist (it starts once the secret is created); each until
 * the pod is deleted. Failures on demand: steps marked {@link #oom} end OOMKilled (exit 137); steps
 * marked {@link #failOnce} fail their first attempt with exit code 1 without running; pods of steps
 * {@link #hold held} wait, Running, until {@link #release}d. Spark's executor pods ({@code
 * spark-role=executor}) run as Spark's image would run them, {@code KubernetesExecutorBackend} with
 * the pod's {@code SPARK_*} environment, Spark taken from this classpath; the simulator has no
 * cluster DNS, so their driver must be reachable at the address it advertises. Pods of any other
 * image stay Pending.
 */
public final class KubeletSimulator implements AutoCloseable {
  /** The packages the image's JAVA_TOOL_OPTIONS open, as a local task's command line does. */
  private static final List<String> OPENED =
      List.of(
          "java.lang",
          "java.lang.invoke",
          "java.lang.reflect",
          "java.io",
          "java.net",
          "java.nio",
          "java.util",
          "java.util.concurrent",
          "java.util.concurrent.atomic",
          "jdk.internal.ref",
          "sun.nio.ch",
          "sun.nio.cs",
          "sun.security.action",
          "sun.util.calendar");

  /** The labels of the one node, as a real node has them. */
  static final Map<String, String> DEFAULT_NODE_LABELS =
      Map.of(
          "kubernetes.io/hostname", "kubelet-simulator",
          "kubernetes.io/os", "linux",
          "kubernetes.io/arch", "amd64");

  /** What the one node can give its pods: no GPU. */
  static final Map<String, Quantity> DEFAULT_NODE_CAPACITY =
      Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi"));

  private final KubernetesClient client;
  private final String namespace;

  /** Pods by uid: names repeat (run ids restart at 1 with each metadata root), uids do not. */
  private final Map<String, SimPod> pods = new ConcurrentHashMap<>();

  /** The latest pod of each name, whose log {@link #logs()} serves. */
  private final Map<String, SimPod> byName = new ConcurrentHashMap<>();

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final Set<String> oomSteps = ConcurrentHashMap.newKeySet();
  private final Set<String> failOnceSteps = ConcurrentHashMap.newKeySet();
  private final Set<String> heldSteps = ConcurrentHashMap.newKeySet();
  private final Set<String> unpullable = ConcurrentHashMap.newKeySet();
  private volatile Map<String, String> nodeLabels = DEFAULT_NODE_LABELS;
  private volatile Map<String, Quantity> nodeCapacity = DEFAULT_NODE_CAPACITY;
  private final Thread loop;
  private final Path podsRoot;
  private final AtomicInteger podNumbers = new AtomicInteger();
  private volatile boolean closed;

  KubeletSimulator(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    try {
      this.podsRoot = Files.createTempDirectory("kubelet-simulator");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.loop = new Thread(this::loop, "kubelet-simulator");
    loop.setDaemon(true);
    loop.start();
  }

  /** Pods of {@code step} end OOMKilled. */
  public void oom(String step) {
    oomSteps.add(step);
  }

  /** The first pod of {@code step} fails with exit code 1. */
  public void failOnce(String step) {
    failOnceSteps.add(step);
  }

  /**
   * Pods of {@code step} (after a {@link #failOnce} one) are Running but do not start their command
   * until {@link #release}d; a held pod that is deleted just ends.
   */
  public void hold(String step) {
    heldSteps.add(step);
  }

  /** Held pods of {@code step} start their command. */
  public void release(String step) {
    heldSteps.remove(step);
  }

  /** Pods of {@code image} never pull it (ErrImagePull, then ImagePullBackOff), as {@code :bad}. */
  public void unpullable(String image) {
    unpullable.add(image);
  }

  /**
   * Sets the labels and the capacity (cpu, memory, {@code nvidia.com/gpu}...) of the one node that
   * pods are scheduled on; a pod whose node selector or requests it does not satisfy stays Pending,
   * Unschedulable.
   */
  public void node(Map<String, String> labels, Map<String, String> capacity) {
    Map<String, Quantity> quantities = new HashMap<>();
    capacity.forEach((k, v) -> quantities.put(k, new Quantity(v)));
    nodeLabels = Map.copyOf(labels);
    nodeCapacity = Map.copyOf(quantities);
  }

  /** Forgets the failures and holds asked for, and the node's changes. */
  public void reset() {
    unpullable.clear();
    nodeLabels = DEFAULT_NODE_LABELS;
    nodeCapacity = DEFAULT_NODE_CAPACITY;
    heldSteps.clear();
    oomSteps.clear();
    failOnceSteps.clear();
  }

  /** Names of every pod seen. */
  public Set<String> seen() {
    return Set.copyOf(seen);
  }

  /**
   * The log of pod {@code name} (the latest pod of that name), or empty if no such pod was seen.
   */
  Optional<PodLog> log(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The log of a pod's container, stdout and stderr merged. */
  interface PodLog {
    /** What the container printed so far. */
    String text();

    /**
     * Passes each line the container prints to {@code lines}, from its first, as it prints them,
     * until it ends.
     */
    void follow(LineSink lines) throws IOException, InterruptedException;
  }

  /** Takes the lines of a followed log. */
  @FunctionalInterface
  interface LineSink {
    void accept(String line) throws IOException;
  }

  @Override
  public void close() {
    closed = true;
    pods.values().forEach(SimPod::kill);
    try (Stream<Path> files = Files.walk(podsRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // left for the system's temp cleaning
    }
  }

  private void loop() {
    while (!closed) {
      try {
        List<Pod> current = client.pods().inNamespace(namespace).list().getItems();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        for (Pod pod : current) {
          String name = pod.getMetadata().getName();
          String id =
              pod.getMetadata().getUid() != null
                  ? pod.getMetadata().getUid()
                  : name + "@" + pod.getMetadata().getCreationTimestamp();
          ids.add(id);
          if (!pods.containsKey(id)) {
            SimPod sim = new SimPod(name);
            pods.put(id, sim);
            byName.put(name, sim);
            seen.add(name);
            Thread thread = new Thread(() -> sim.run(pod), "kubelet-" + name);
            thread.setDaemon(true);
            thread.start();
          }
        }
        pods.entrySet()
            .removeIf(
                e -> {
                  if (ids.contains(e.getKey())) {
                    return false;
                  }
                  e.getValue().kill();
                  byName.remove(e.getValue().name, e.getValue());
                  return true;
                });
      } catch (RuntimeException e) {
        // the mock server is stopping
      }
      sleep(50);
    }
  }

  private int podNumber() {
    return podNumbers.incrementAndGet();
  }

  /** The folder holding each pod's own working directory, HOME and temp folder. */
  Path podsRoot() {
    return podsRoot;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class SimPod implements PodLog {
    private final String name;
    private final List<String> lines = new ArrayList<>();
    private boolean done;
    private volatile Process process;
    private volatile boolean killed;

    SimPod(String name) {
      this.name = name;
    }

    void run(Pod pod) {
      try {
        // failures and holds are asked for by step, and apply to step pods only
        String step =
            stepPod(pod) ? pod.getMetadata().getLabels().get(PodSpecs.LABEL + "step") : "";
        String image = pod.getSpec().getContainers().get(0).getImage();
        status(new PodStatusBuilder().withPhase("Pending").build());
        if (!stepPod(pod) && !sparkExecutor(pod)) {
          return; // an image the simulator does not know stays Pending
        }
        String unschedulable = unschedulable(pod);
        if (unschedulable != null) {
          // the scheduler finds no node: Pending, PodScheduled=False, until deleted
          status(
              new PodStatusBuilder()
                  .withPhase("Pending")
                  .withConditions(
                      new PodConditionBuilder()
                          .withType("PodScheduled")
                          .withStatus("False")
                          .withReason("Unschedulable")
                          .withMessage(unschedulable)
                          .build())
                  .build());
          awaitKilled();
          return;
        }
        if (image.endsWith(":bad") || unpullable.contains(image)) {
          // as a kubelet does: ErrImagePull, then ImagePullBackOff between retries, until deleted
          boolean backOff = false;
          while (!killed && !closed) {
            waiting(
                backOff ? "ImagePullBackOff" : "ErrImagePull",
                backOff
                    ? "Back-off pulling image \"" + image + "\""
                    : "manifest for " + image + " not found");
            backOff = !backOff;
            sleep(500);
          }
          return;
        }
        String missing;
        while ((missing = missingSecret(pod)) != null) {
          // the kubelet retries until the secret exists or the pod is deleted
          waiting("CreateContainerConfigError", "secret \"" + missing + "\" not found");
          sleep(200);
          if (killed || closed) {
            return;
          }
        }
        if (oomSteps.contains(step)) {
          terminated("Failed", 137, "OOMKilled");
          return;
        }
        if (failOnceSteps.remove(step)) {
          line("simulated failure of " + name);
          terminated("Failed", 1, "Error");
          return;
        }
        if (heldSteps.contains(step)) {
          status(new PodStatusBuilder().withPhase("Running").build());
          line("held until released: " + name);
          while (heldSteps.contains(step) && !killed && !closed) {
            sleep(50);
          }
          if (killed || closed) {
            return;
          }
        }
        process = start(pod);
        status(new PodStatusBuilder().withPhase("Running").withPodIP("127.0.0.1").build());
        try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            line(line);
          }
        }
        int code = process.waitFor();
        if (!killed) {
          terminated(code == 0 ? "Succeeded" : "Failed", code, code == 0 ? "Completed" : "Error");
        }
      } catch (IOException | InterruptedException | RuntimeException e) {
        line("simulator: " + e);
        if (!killed) {
          try {
            terminated("Failed", 1, "Error");
          } catch (RuntimeException ignored) {
            // deleted meanwhile
          }
        }
      } finally {
        finish();
      }
    }

    private void awaitKilled() {
      while (!killed && !closed) {
        sleep(50);
      }
    }

    private void waiting(String reason, String message) {
      status(
          new PodStatusBuilder()
              .withPhase("Pending")
              .withContainerStatuses(
                  new ContainerStatusBuilder()
                      .withName(PodSpecs.CONTAINER)
                      .withNewState()
                      .withNewWaiting()
                      .withReason(reason)
                      .withMessage(message)
                      .endWaiting()
                      .endState()
                      .build())
              .build());
    }

    /**
     * The scheduler's message if the node does not fit the pod (its node selector, or a request, or
     * a limit without a request, above the node's capacity), else null.
     */
    private String unschedulable(Pod pod) {
      Map<String, String> selector = pod.getSpec().getNodeSelector();
      if (selector != null) {
        Map<String, String> labels = nodeLabels;
        for (var e : selector.entrySet()) {
          if (!e.getValue().equals(labels.get(e.getKey()))) {
            return "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."
                + " preemption: 0/1 nodes are available: 1 Preemption is not helpful for"
                + " scheduling.";
          }
        }
      }
      Map<String, BigDecimal> wanted = new HashMap<>();
      for (var container : pod.getSpec().getContainers()) {
        var resources = container.getResources();
        if (resources == null) {
          continue;
        }
        Map<String, Quantity> requests =
            new HashMap<>(resources.getLimits() == null ? Map.of() : resources.getLimits());
        if (resources.getRequests() != null) {
          requests.putAll(resources.getRequests());
        }
        requests.forEach((k, q) -> wanted.merge(k, Quantity.getAmountInBytes(q), BigDecimal::add));
      }
      Map<String, Quantity> capacity = nodeCapacity;
      for (var e : new java.util.TreeMap<>(wanted).entrySet()) {
        Quantity has = capacity.get(e.getKey());
        BigDecimal available = has == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(has);
        if (e.getValue().compareTo(available) > 0) {
          return "0/1 nodes are available: 1 Insufficient "
              + e.getKey()
              + ". preemption: 0/1 nodes are available: 1 No preemption victims found for"
              + " incoming pod.";
        }
      }
      return null;
    }

    /** The first secret the container's environment needs that does not exist, or null. */
    private String missingSecret(Pod pod) {
      var container = pod.getSpec().getContainers().get(0);
      List<String> needed = new ArrayList<>();
      for (EnvFromSource from : container.getEnvFrom()) {
        if (from.getSecretRef() != null
            && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
          needed.add(from.getSecretRef().getName());
        }
      }
      for (EnvVar var : container.getEnv()) {
        if (var.getValueFrom() != null
            && var.getValueFrom().getSecretKeyRef() != null
            && !Boolean.TRUE.equals(var.getValueFrom().getSecretKeyRef().getOptional())) {
          needed.add(var.getValueFrom().getSecretKeyRef().getName());
        }
      }
      for (String secret : needed) {
        if (client.secrets().inNamespace(namespace).withName(secret).get() == null) {
          return secret;
        }
      }
      return null;
    }

    private Process start(Pod pod) throws IOException {
      var container = pod.getSpec().getContainers().get(0);
      Map<String, String> env = new HashMap<>();
      for (EnvFromSource from : container.getEnvFrom()) {
        String secretName = from.getSecretRef().getName();
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        if (secret == null) {
          throw new IllegalStateException("secret " + secretName + " not found");
        }
        secret
            .getData()
            .forEach(
                (k, v) ->
                    env.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
      }
      // the container's own filesystem: a fresh working directory, HOME and temp folder per pod,
      // where an absolute path the pod is given names a folder of its own, not this machine's
      Path podDir = Files.createDirectories(podsRoot.resolve(name + "-" + podNumber()));
      for (EnvVar var : container.getEnv()) {
        if (var.getValue() != null) { // a value from the pod itself (valueFrom) is set below
          env.put(var.getName(), inPod(podDir, var.getValue()));
        }
      }
      List<String> command = new ArrayList<>();
      Path tmp = Files.createDirectories(podDir.resolve("tmp"));
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Duser.home=" + podDir);
      command.add("-Djava.io.tmpdir=" + tmp);
      for (String opened : OPENED) {
        command.add("--add-opens=java.base/" + opened + "=ALL-UNNAMED");
      }
      if (stepPod(pod)) {
        // infra/runtime/entrypoint.sh
        String jvmOptions = env.getOrDefault(PodSpecs.JVM_OPTIONS_ENV, "").trim();
        if (!jvmOptions.isEmpty()) {
          command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(
            List.of("-cp", System.getProperty("java.class.path"), PodEntrypoint.class.getName()));
        List<String> podCommand = container.getCommand();
        podCommand.subList(1, podCommand.size()).forEach(arg -> command.add(inPod(podDir, arg)));
      } else {
        // the executor branch of Spark's image entrypoint
        // (kubernetes/dockerfiles/spark/entrypoint.sh), Spark from this classpath
        env.put("SPARK_EXECUTOR_POD_IP", "127.0.0.1");
        env.put("SPARK_EXECUTOR_POD_NAME", name);
        env.entrySet().stream()
            .filter(e -> e.getKey().startsWith("SPARK_JAVA_OPT_"))
            .sorted(Map.Entry.comparingByKey())
            .forEach(e -> command.add(e.getValue()));
        command.addAll(
            List.of(
                "-Xmx" + env.get("SPARK_EXECUTOR_MEMORY"),
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend",
                "--driver-url",
                env.get("SPARK_DRIVER_URL"),
                "--executor-id",
                env.get("SPARK_EXECUTOR_ID"),
                "--cores",
                env.get("SPARK_EXECUTOR_CORES"),
                "--app-id",
                env.get("SPARK_APPLICATION_ID"),
                "--hostname",
                env.get("SPARK_EXECUTOR_POD_IP"),
                "--resourceProfileId",
                env.get("SPARK_RESOURCE_PROFILE_ID"),
                "--podName",
                env.get("SPARK_EXECUTOR_POD_NAME")));
      }
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).directory(podDir.toFile());
      // the pod's environment, HOME and TMPDIR its own; this JVM's other variables stay, standing
      // in for what the node gives a container (SPARK_LOCAL_IP=127.0.0.1 in the Spark tests: the
      // simulator's pods have no address of their own), except the orchestrator's FLUXO_ settings
      builder.environment().keySet().removeIf(k -> k.startsWith("FLUXO_"));
      builder.environment().put("HOME", podDir.toString());
      builder.environment().put("TMPDIR", tmp.toString());
      builder.environment().putAll(env);
      return builder.start();
    }

    /**
     * {@code value} as the pod sees it: an absolute path names a path in the container's own
     * filesystem ({@code <pod folder>/fs/...}), never this machine's.
     */
    private static String inPod(Path podDir, String value) {
      return value.startsWith("/") ? podDir.resolve("fs" + value).toString() : value;
    }

    private boolean stepPod(Pod pod) {
      List<String> command = pod.getSpec().getContainers().get(0).getCommand();
      return command != null && !command.isEmpty() && command.get(0).equals(PodSpecs.ENTRYPOINT);
    }

    private boolean sparkExecutor(Pod pod) {
      return "executor".equals(pod.getMetadata().getLabels().get("spark-role"));
    }

    private void status(PodStatus status) {
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(
              p -> {
                p.setStatus(status);
                return p;
              });
    }

    private void terminated(String phase, int code, String reason) {
      status(
          new PodStatusBuilder()
              .withPhase(phase)
              .withContainerStatuses(
                  new ContainerStatusBuilder()
                      .withName(PodSpecs.CONTAINER)
                      .withNewState()
                      .withNewTerminated()
                      .withExitCode(code)
                      .withReason(reason)
                      .endTerminated()
                      .endState()
                      .build())
              .build());
    }

    void kill() {
      killed = true;
      Process p = process;
      if (p != null) {
        // as a kubelet stops a container: SIGTERM, then SIGKILL after a grace period
        p.destroy();
        p.onExit()
            .orTimeout(5, TimeUnit.SECONDS)
            .exceptionally(
                timeout -> {
                  p.descendants().forEach(ProcessHandle::destroyForcibly);
                  p.destroyForcibly();
                  return p;
                });
      }
      finish();
    }

    private synchronized void line(String line) {
      lines.add(line);
      notifyAll();
    }

    private synchronized void finish() {
      done = true;
      notifyAll();
    }

    @Override
    public synchronized String text() {
      StringBuilder text = new StringBuilder();
      lines.forEach(line -> text.append(line).append('\n'));
      return text.toString();
    }

    @Override
    public void follow(LineSink sink) throws IOException, InterruptedException {
      int next = 0;
      boolean ended;
      do {
        List<String> printed;
        synchronized (this) {
          while (next == lines.size() && !done) {
            wait(200);
          }
          printed = List.copyOf(lines.subList(next, lines.size()));
          ended = done;
        }
        for (String line : printed) {
          sink.accept(line);
        }
        next += printed.size();
      } while (!ended);
    }
  }
}
