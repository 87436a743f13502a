package io.fluxo.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fluxo.runtime.config.MetadataType;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptRelay;
import io.fluxo.runtime.spi.LaunchedTask;
import io.fluxo.runtime.spi.LauncherPlugin;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.StepLauncher;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskOutput;
import io.fluxo.runtime.spi.TaskPath;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Runs each attempt as a pod (see {@link PodSpecs}): creates it, polls its status, streams its log
 * to the {@link TaskOutput} and into memory, stores the log as the attempt's stdout (a pod's log
 * merges stdout and stderr) and any pod failure's explanation as its stderr, then completes with
 * the container's exit code. While the pod runs, the thread that polls it also stores its log as
 * read so far, every log interval (checked at each poll) when it grew, so that it can be read as it
 * grows; a store that fails then is one warning line on this process's stderr. The stores at the
 * end come from that same thread, after the last of those. Failures a container never reports
 * (image pull, eviction, deadline) end with exit code 1 and a clear message, so {@code @Retry} and
 * {@code @Catch} apply as to a failed local task. A pod stuck Pending (a missing secret or an image
 * it cannot pull, CreateContainerConfigError or ErrImagePull/ImagePullBackOff; no node that fits
 * it, Unschedulable) fails its attempt that way once it has been stuck for longer than allowed,
 * with one line naming the pod, the reason and what to do, and is deleted; an image name that can
 * never be pulled (InvalidImageName) fails it at once. With local metadata, which a pod cannot
 * reach, the pod's task keeps its attempt records in the datastore and the polling thread records
 * them in the metadata: the start while the pod runs, the end before the attempt completes.
 */
public final class KubernetesStepLauncher implements StepLauncher {
  /** Exit code of an attempt whose pod was deleted (killed) before it ended. */
  static final int KILLED = 143;

  /** Waiting reasons of an image that may yet be pulled (a registry down, a secret fixed). */
  private static final Set<String> PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff");

  /** Waiting reasons of an image that can never be pulled. */
  private static final Set<String> BAD_IMAGES = Set.of("InvalidImageName", "ErrImageNeverPull");

  /** Waiting reasons of a container the kubelet cannot create (a missing secret or config map). */
  private static final Set<String> CONFIG_ERRORS =
      Set.of("CreateContainerConfigError", "CreateContainerError");

  /** A kubelet's message for a missing secret or config map. */
  private static final Pattern MISSING =
      Pattern.compile("(secret|configmap) \"[^\"]+\" not found", Pattern.CASE_INSENSITIVE);

  private final KubernetesClient client;
  private final LauncherPlugin.Context context;
  private final PodLogs logs;
  private final Duration poll;
  private final Duration logInterval;
  private final Duration configErrorTimeout;
  private final Duration unschedulableTimeout;
  private final KubernetesApi api;
  private final String mainClass;
  private final Map<String, String> codePackages = new ConcurrentHashMap<>();

  /**
   * A launcher creating pods through {@code client}, reading logs with {@code logs}, polling pods
   * every {@code poll} and storing the logs of running pods every {@code logInterval}. A pod that
   * stays Pending on a missing secret or an image it cannot pull fails its attempt after {@code
   * configErrorTimeout}; one that no node fits (Unschedulable), after {@code unschedulableTimeout}.
   */
  public KubernetesStepLauncher(
      KubernetesClient client,
      LauncherPlugin.Context context,
      PodLogs logs,
      Duration poll,
      Duration logInterval,
      Duration configErrorTimeout,
      Duration unschedulableTimeout,
      KubernetesApi api) {
    this.client = client;
    this.context = context;
    this.logs = logs;
    this.poll = poll;
    this.logInterval = logInterval;
    this.configErrorTimeout = configErrorTimeout;
    this.unschedulableTimeout = unschedulableTimeout;
    this.api = api;
    List<String> command = context.taskCommand();
    this.mainClass = command.get(command.size() - 1);
  }

  @Override
  public LaunchedTask launch(TaskLaunch launch, TaskOutput output) {
    TaskPath task = launch.spec().task();
    String codePackage =
        codePackages.computeIfAbsent(
            task.flow() + "/" + task.runId(),
            k ->
                context
                    .metadata()
                    .run(task.flow(), task.runId())
                    .map(RunRecord::codePackage)
                    .orElseThrow(
                        () ->
                            new PlatformException(
                                "Cannot run %s on Kubernetes: run %s has no code package (the datastore must be s3)",
                                task.step(), task.runId())));
    Pod pod =
        PodSpecs.pod(
            launch,
            context.config(),
            mainClass,
            context.stepArguments().apply(launch),
            codePackage);
    Pod created;
    try {
      AtomicBoolean tried = new AtomicBoolean();
      created =
          api.call(
              () -> {
                var resource = client.pods().inNamespace(pod.getMetadata().getNamespace());
                try {
                  return resource.resource(pod).create();
                } catch (KubernetesClientException e) {
                  // a retried create whose first try reached the API server: the name is the
                  // attempt's own, so the pod there is this one
                  Pod there =
                      e.getCode() == 409 && tried.get()
                          ? resource.withName(pod.getMetadata().getName()).get()
                          : null;
                  if (there == null) {
                    throw e;
                  }
                  return there;
                } finally {
                  tried.set(true);
                }
              },
              e -> warn(pod.getMetadata().getName(), "creating", e));
    } catch (RuntimeException e) {
      throw new PlatformException(
          e,
          "Cannot create pod %s in namespace %s: %s",
          pod.getMetadata().getName(),
          pod.getMetadata().getNamespace(),
          e.getMessage());
    }
    String service = null;
    if (SparkDrivers.enabled(context.config())) {
      service = created.getMetadata().getLabels().get(SparkDrivers.DRIVER_LABEL);
      try {
        api.call(
            () ->
                client
                    .services()
                    .inNamespace(created.getMetadata().getNamespace())
                    .resource(SparkDrivers.service(created))
                    .create(),
            e -> warn(created.getMetadata().getName(), "creating the Service of", e));
      } catch (RuntimeException e) {
        client
            .pods()
            .inNamespace(created.getMetadata().getNamespace())
            .withName(created.getMetadata().getName())
            .delete();
        throw new PlatformException(
            e,
            "Cannot create the Spark driver service %s of pod %s: %s",
            service,
            created.getMetadata().getName(),
            e.getMessage());
      }
    }
    return new PodTask(
        launch, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), service, output);
  }

  private final class PodTask implements LaunchedTask {
    private final TaskLaunch launch;
    private final String namespace;
    private final String name;

    /** The pod's Spark driver Service, or null. */
    private final String service;

    private final TaskOutput output;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final AtomicBoolean killed = new AtomicBoolean();
    private Thread logThread;

    /** How much of the log was stored while the pod ran; the polling thread's own. */
    private int storedSize;

    /** Whether a store while the pod ran failed; the polling thread's own. */
    private boolean storeFailed;

    /**
     * The attempt record last copied from the datastore into the metadata (a run with local
     * metadata), or null; the polling thread's own.
     */
    private AttemptRecord relayed;

    /** Whether copying the attempt record failed; the polling thread's own. */
    private boolean relayFailed;

    /**
     * What keeps the pod Pending ("image", "config", "unschedulable"), or null; the polling
     * thread's own.
     */
    private String stuck;

    /** Since when (nanoTime) the pod has been stuck that way; the polling thread's own. */
    private long stuckSince;

    PodTask(TaskLaunch launch, String namespace, String name, String service, TaskOutput output) {
      this.launch = launch;
      this.namespace = namespace;
      this.name = name;
      this.service = service;
      this.output = output;
      Thread watcher = new Thread(this::watch, "fluxo-pod-" + name);
      watcher.setDaemon(true);
      watcher.start();
    }

    @Override
    public String id() {
      return name;
    }

    @Override
    public CompletableFuture<Integer> exit() {
      return exit;
    }

    @Override
    public void kill() {
      killed.set(true);
      try {
        api.call(
            () -> client.pods().inNamespace(namespace).withName(name).delete(),
            e -> warn(name, "deleting", e));
      } catch (RuntimeException e) {
        // already gone, or the API server is unreachable: nothing more can be done
      }
    }

    private void watch() {
      try {
        Outcome outcome;
        long nextStore = System.nanoTime() + logInterval.toNanos();
        while ((outcome = next()) == null) {
          if (System.nanoTime() - nextStore >= 0) {
            storeLogSoFar();
            if (relayed == null) {
              relayAttempt();
            }
            nextStore = System.nanoTime() + logInterval.toNanos();
          }
          Thread.sleep(poll.toMillis());
        }
        if (outcome.deletePod()) {
          kill();
        }
        deleteService();
        if (logThread != null) {
          logThread.join(10_000);
        }
        if (outcome.message() != null) {
          output.line(launch, name, outcome.message(), true);
        }
        int attempt = launch.spec().retryCount();
        byte[] out;
        synchronized (stdout) {
          out = stdout.toByteArray();
        }
        context.logs().writeLog(launch.spec().task(), attempt, LogStream.STDOUT, out);
        String err = outcome.message() == null ? "" : outcome.message() + "\n";
        context
            .logs()
            .writeLog(
                launch.spec().task(),
                attempt,
                LogStream.STDERR,
                err.getBytes(StandardCharsets.UTF_8));
        relayAttempt();
        exit.complete(outcome.code());
      } catch (Throwable e) {
        exit.completeExceptionally(e);
      }
    }

    /**
     * Stores the log as read so far as the attempt's stdout, if it grew since last stored. A store
     * that fails is left to the next one; the first failure is one warning line on stderr.
     */
    private void storeLogSoFar() {
      byte[] out;
      synchronized (stdout) {
        if (stdout.size() == storedSize) {
          return;
        }
        out = stdout.toByteArray();
      }
      try {
        context
            .logs()
            .writeLog(launch.spec().task(), launch.spec().retryCount(), LogStream.STDOUT, out);
        storedSize = out.length;
      } catch (RuntimeException e) {
        if (!storeFailed) {
          storeFailed = true;
          System.err.println(
              "Warning: cannot store the log of "
                  + launch.spec().task().pathspec()
                  + " attempt "
                  + launch.spec().retryCount()
                  + " while pod "
                  + name
                  + " runs (it is stored when the pod ends): "
                  + e.getMessage());
        }
      }
    }

    /**
     * With local metadata, which the pod cannot reach, records in it what the task kept of its
     * attempt in the datastore ({@link AttemptRelay}): its start while it runs, its end once it
     * ended. A copy that fails is left to the next one; the first failure is one warning line.
     */
    private void relayAttempt() {
      if (context.config().metadata().type() != MetadataType.LOCAL) {
        return;
      }
      try {
        AttemptRecord kept =
            context
                .relay()
                .relayedAttempt(launch.spec().task(), launch.spec().retryCount())
                .orElse(null);
        if (kept != null && !kept.equals(relayed)) {
          context.metadata().recordAttempt(kept);
          relayed = kept;
        }
      } catch (RuntimeException e) {
        if (!relayFailed) {
          relayFailed = true;
          System.err.println(
              "Warning: cannot copy the attempt record of "
                  + launch.spec().task().pathspec()
                  + " attempt "
                  + launch.spec().retryCount()
                  + " from the datastore into the local metadata: "
                  + e.getMessage());
        }
      }
    }

    /**
     * Deletes the Spark driver Service now that its pod ended (on a cluster the pod's deletion
     * would, later).
     */
    private void deleteService() {
      if (service == null) {
        return;
      }
      try {
        api.call(
            () -> client.services().inNamespace(namespace).withName(service).delete(),
            e -> warn(name, "deleting the Service of", e));
      } catch (RuntimeException e) {
        // the API server is unreachable: the Service goes when its owner pod is deleted
      }
    }

    /**
     * The attempt's end as the pod's status says, or null while it runs. The pod is read again
     * while the API server fails transiently; only its answer that the pod does not exist (404)
     * means that it was deleted. Failing otherwise (a 403, or an outage longer than retries last)
     * fails the attempt and deletes the pod, whose state is unknown.
     */
    private Outcome next() {
      Pod pod;
      try {
        pod =
            api.call(
                () -> client.pods().inNamespace(namespace).withName(name).get(),
                e ->
                    output.line(
                        launch,
                        name,
                        "Warning: the API server failed reading pod "
                            + name
                            + " ("
                            + e.getMessage()
                            + "); retrying",
                        true));
      } catch (RuntimeException e) {
        return new Outcome(
            1,
            "Pod "
                + name
                + ": cannot read its status from the API server ("
                + e.getMessage()
                + "); the attempt fails and the pod is deleted",
            true);
      }
      return outcome(pod);
    }

    /**
     * The attempt's end, or null while it runs; starts following the log once the container has
     * started.
     */
    private Outcome outcome(Pod pod) {
      if (pod == null) {
        return new Outcome(
            KILLED, killed.get() ? null : "Pod " + name + " was deleted before it ended", false);
      }
      var status = pod.getStatus();
      String phase = status == null ? null : status.getPhase();
      ContainerStatus container =
          status == null
                  || status.getContainerStatuses() == null
                  || status.getContainerStatuses().isEmpty()
              ? null
              : status.getContainerStatuses().get(0);
      ContainerStateWaiting waiting =
          container == null || container.getState() == null
              ? null
              : container.getState().getWaiting();
      if (waiting != null && BAD_IMAGES.contains(waiting.getReason())) {
        return new Outcome(1, pullFailure(pod, waiting), true);
      }
      if ("Pending".equals(phase) || phase == null) {
        return pending(pod, waiting);
      }
      stuck = null;
      if ("Running".equals(phase) || "Succeeded".equals(phase) || "Failed".equals(phase)) {
        followLog();
      }
      if ("Succeeded".equals(phase)) {
        return new Outcome(0, null, false);
      }
      if ("Failed".equals(phase)) {
        ContainerStateTerminated terminated =
            container == null || container.getState() == null
                ? null
                : container.getState().getTerminated();
        String reason = status.getReason();
        if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
          Object memory =
              pod.getSpec().getContainers().get(0).getResources().getLimits().get("memory");
          return new Outcome(
              terminated.getExitCode() == null ? 137 : terminated.getExitCode(),
              "Pod "
                  + name
                  + " was OOMKilled: it used more than its memory limit"
                  + (memory == null ? "" : " of " + memory)
                  + "; raise memory in @Resources or @Kubernetes",
              false);
        }
        if ("Evicted".equals(reason)) {
          return new Outcome(
              1, "Pod " + name + " was evicted from its node: " + status.getMessage(), false);
        }
        if ("DeadlineExceeded".equals(reason)) {
          return new Outcome(
              1,
              "Pod "
                  + name
                  + " exceeded its @Timeout (activeDeadlineSeconds "
                  + pod.getSpec().getActiveDeadlineSeconds()
                  + ") and was stopped",
              false);
        }
        if (terminated != null
            && terminated.getExitCode() != null
            && terminated.getExitCode() != 0) {
          return new Outcome(terminated.getExitCode(), null, false);
        }
        return new Outcome(
            1,
            "Pod "
                + name
                + " failed"
                + (reason == null ? "" : " (" + reason + ")")
                + (status.getMessage() == null ? "" : ": " + status.getMessage()),
            false);
      }
      return null;
    }

    /**
     * The end of a Pending pod that has been stuck for longer than allowed (a missing secret, an
     * image it cannot pull, no node that fits it), or null while it may yet start.
     */
    private Outcome pending(Pod pod, ContainerStateWaiting waiting) {
      String kind;
      Duration limit;
      String message;
      PodCondition unschedulable = unschedulable(pod);
      if (waiting != null && PULL_FAILURES.contains(waiting.getReason())) {
        kind = "image";
        limit = configErrorTimeout;
        message = pullFailure(pod, waiting);
      } else if (waiting != null && CONFIG_ERRORS.contains(waiting.getReason())) {
        kind = "config";
        limit = configErrorTimeout;
        String detail = waiting.getMessage() == null ? "" : waiting.getMessage();
        message =
            "Pod "
                + name
                + ": "
                + (detail.isEmpty() ? "its container cannot be created" : detail)
                + " ("
                + waiting.getReason()
                + "); "
                + (MISSING.matcher(detail).find()
                    ? "create it in namespace " + namespace
                    : "fix the pod's configuration");
      } else if (unschedulable != null) {
        kind = "unschedulable";
        limit = unschedulableTimeout;
        message =
            "Pod "
                + name
                + ": "
                + (unschedulable.getMessage() == null
                    ? "no node can run it"
                    : unschedulable.getMessage())
                + " (Unschedulable); lower its requests in @Resources or @Kubernetes, or fix its"
                + " node selector";
      } else {
        stuck = null;
        return null;
      }
      if (!kind.equals(stuck)) {
        stuck = kind;
        stuckSince = System.nanoTime();
      }
      if (System.nanoTime() - stuckSince < limit.toNanos()) {
        return null;
      }
      return new Outcome(1, message, true);
    }

    private synchronized void followLog() {
      if (logThread != null) {
        return;
      }
      logThread =
          new Thread(
              () ->
                  logs.follow(
                      client,
                      namespace,
                      name,
                      line -> {
                        synchronized (stdout) {
                          stdout.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
                        }
                        output.line(launch, name, line, false);
                      }),
              "fluxo-pod-log-" + name);
      logThread.setDaemon(true);
      logThread.start();
    }
  }

  /** One warning line on stderr: a call to the API server failed and is retried. */
  private static void warn(String pod, String doing, Throwable e) {
    System.err.println(
        "Warning: the API server failed "
            + doing
            + " pod "
            + pod
            + " ("
            + e.getMessage()
            + "); retrying");
  }

  private String pullFailure(Pod pod, ContainerStateWaiting waiting) {
    String image = pod.getSpec().getContainers().get(0).getImage();
    return "Pod "
        + pod.getMetadata().getName()
        + " cannot pull image "
        + image
        + " ("
        + waiting.getReason()
        + ")"
        + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage())
        + "; check the image name and the pull secret "
        + pullSecret(pod);
  }

  /** The pod's PodScheduled condition if it says Unschedulable, else null. */
  private static PodCondition unschedulable(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return null;
    }
    return pod.getStatus().getConditions().stream()
        .filter(
            c ->
                "PodScheduled".equals(c.getType())
                    && "False".equals(c.getStatus())
                    && "Unschedulable".equals(c.getReason()))
        .findFirst()
        .orElse(null);
  }

  private static String pullSecret(Pod pod) {
    var secrets = pod.getSpec().getImagePullSecrets();
    return secrets == null || secrets.isEmpty() ? "(none)" : secrets.get(0).getName();
  }

  /**
   * How an attempt ended: its exit code, a message for its stderr, whether its pod must be deleted.
   */
  private record Outcome(int code, String message, boolean deletePod) {}
}
