package io.fluxo.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fluxo.runtime.config.ConfigKey;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.KubernetesSpec;
import io.fluxo.runtime.graph.ResourcesSpec;
import io.fluxo.runtime.graph.RetrySpec;
import io.fluxo.runtime.internal.cli.CountingRuns;
import io.fluxo.runtime.internal.cli.CountingRuns.Result;
import io.fluxo.runtime.internal.cli.RetryingCountingFlowDefinition;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.datastore.s3.S3ProxyServer;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --with kubernetes} of CountingFlow end to end: s3proxy as the datastore, the fabric8
 * mock API server (CRUD) as Kubernetes, {@link KubeletSimulator} running the pods as local
 * processes. S3 keys reach pods only through the {@code minio-creds} secret.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KubernetesRunIT {
  private static final String BUCKET = "runs";
  private static final String NAMESPACE = PodSpecs.DEFAULT_NAMESPACE;
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static S3ProxyServer s3;
  private static KubernetesTestCluster cluster;
  private static KubernetesClient client;
  private static KubeletSimulator kubelet;

  @TempDir Path dir;
  private String root;
  private Map<String, String> env;

  @BeforeAll
  static void start() {
    s3 = S3ProxyServer.startPersistent();
    s3.createBucket(BUCKET);
    cluster = KubernetesTestCluster.start(NAMESPACE);
    cluster.useInThisJvm();
    cluster.createSecret(
        "minio-creds",
        Map.of(
            "FLUXO_S3_ACCESS_KEY",
            S3ProxyServer.ACCESS_KEY,
            "FLUXO_S3_SECRET_KEY",
            S3ProxyServer.SECRET_KEY));
    client = cluster.client();
    kubelet = cluster.kubelet();
  }

  @AfterAll
  static void stop() {
    cluster.close();
    s3.close();
  }

  @BeforeEach
  void environment() {
    kubelet.reset();
    // every test's runs start at id 1, in a store of its own: pods of earlier tests stay, their
    // names differ
    root = "s3://" + BUCKET + "/k8s-" + PREFIXES.incrementAndGet();
    env =
        new HashMap<>(
            Map.of(
                "FLUXO_HOME", dir.resolve("home").toString(),
                "FLUXO_METADATA_ROOT", dir.resolve("metadata").toString(),
                "FLUXO_S3_ENDPOINT", s3.endpoint(),
                "FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                "FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY));
  }

  @AfterEach
  void noPodLeftRunning() {
    kubelet.reset();
  }

  private Result flow(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--datastore", "s3", "--datastore-root", root));
    return CountingRuns.flow(
        new ConfigSources(env, dir.resolve("home"), dir), all.toArray(String[]::new));
  }

  private List<Pod> pods(String runId) {
    return pods(runId, root);
  }

  /** The pods of run {@code runId} of CountingFlow whose datastore is {@code datastoreRoot}. */
  private List<Pod> pods(String runId, String datastoreRoot) {
    return client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel(PodSpecs.LABEL + "run", runId)
        .list()
        .getItems()
        .stream()
        .filter(
            p ->
                p.getMetadata().getLabels().get(PodSpecs.LABEL + "flow").equals("CountingFlow")
                    && p.getSpec().getContainers().get(0).getEnv().stream()
                        .anyMatch(
                            e ->
                                e.getName().equals("FLUXO_DATASTORE_ROOT")
                                    && e.getValue().equals(datastoreRoot)))
        .toList();
  }

  @Test
  void run_withKubernetes_foreachAndJoin_everyTaskAPod() {
    Result result = flow("run", "--with", "kubernetes", "--count", "3");

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("total 14", "Done!");
    List<Pod> pods = pods("1");
    assertThat(pods).hasSize(6); // start, 3 x square, join, end
    Pod start =
        pods.stream()
            .filter(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step").equals("start"))
            .findFirst()
            .orElseThrow();
    assertThat(start.getMetadata().getLabels())
        .containsKeys(
            "fluxo.io/flow", "fluxo.io/run", "fluxo.io/step", "fluxo.io/task", "fluxo.io/attempt");
    assertThat(start.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(start.getSpec().getImagePullSecrets())
        .singleElement()
        .extracting(r -> r.getName())
        .isEqualTo("harbor-creds");
    var container = start.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(PodSpecs.DEFAULT_IMAGE);
    assertThat(container.getEnvFrom())
        .singleElement()
        .extracting(e -> e.getSecretRef().getName())
        .isEqualTo("minio-creds");
    assertThat(container.getEnv())
        .noneMatch(
            e ->
                S3ProxyServer.SECRET_KEY.equals(e.getValue())
                    || S3ProxyServer.ACCESS_KEY.equals(e.getValue()));
    assertThat(container.getCommand())
        .startsWith(PodSpecs.ENTRYPOINT)
        .contains("step", "start", "--run-id", "1");
    assertThat(kubelet.seen()).contains(start.getMetadata().getName());
    // the local metadata folder is this machine's, out of the pods' reach: their tasks kept their
    // attempt records in the datastore, and the launcher recorded them here
    assertThat(container.getEnv())
        .noneMatch(e -> e.getName().equals("FLUXO_METADATA_ROOT"))
        .anyMatch(
            e ->
                e.getName().equals(TaskEnvironment.ATTEMPT_RECORDS_ENV)
                    && e.getValue().equals(TaskEnvironment.ATTEMPT_RECORDS_IN_DATASTORE));
    LocalMetadataStore metadata = new LocalMetadataStore(dir.resolve("metadata"));
    List<TaskRecord> tasks = metadata.tasks("CountingFlow", "1");
    assertThat(tasks).extracting(t -> t.path().step()).contains("start", "square", "join", "end");
    for (TaskRecord task : tasks) {
      assertThat(metadata.attempts(task.path()))
          .as(task.path().pathspec())
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.status()).isEqualTo(AttemptStatus.SUCCEEDED);
                assertThat(a.endedAt()).isNotNull();
              });
    }
    assertThat(
            metadata.attempts(
                tasks.stream()
                    .filter(t -> t.path().step().equals("square"))
                    .findFirst()
                    .orElseThrow()
                    .path()))
        .singleElement()
        .satisfies(a -> assertThat(a.artifacts()).containsKey("squared"));
    // each pod ran in a working directory and HOME of its own, not this JVM's
    try (var own = Files.list(kubelet.podsRoot())) {
      assertThat(own.map(d -> d.getFileName().toString()))
          .anyMatch(d -> d.startsWith(start.getMetadata().getName() + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void sameFlowAndRunId_fromAnotherStore_getsPodsOfItsOwn() {
    Result first = flow("run", "--with", "kubernetes", "--count", "1");
    String firstRoot = root;
    root = root + "-other";
    env.put("FLUXO_METADATA_ROOT", dir.resolve("other-metadata").toString());

    Result second = flow("run", "--with", "kubernetes", "--count", "1");

    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(second.code()).as(second.out() + second.err()).isZero();
    assertThat(first.out()).contains("(run-id 1)");
    assertThat(second.out()).contains("(run-id 1)");
    List<String> firstNames =
        pods("1", firstRoot).stream().map(p -> p.getMetadata().getName()).toList();
    List<String> secondNames =
        pods("1", root).stream().map(p -> p.getMetadata().getName()).toList();
    assertThat(firstNames).hasSize(4).doesNotContainAnyElementsOf(secondNames);
    assertThat(secondNames)
        .hasSize(4)
        .allSatisfy(
            n ->
                assertThat(n)
                    .hasSizeLessThanOrEqualTo(63)
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
    assertThat(pods("1", root))
        .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));

    // flow kubernetes list|kill RUN: the pods of that run of one store only
    ConfigSources sources = new ConfigSources(env, dir.resolve("home"), dir);
    Result list =
        CountingRuns.flow(
            sources,
            "kubernetes",
            "list",
            "1",
            "--datastore-root",
            firstRoot,
            "--metadata-root",
            dir.resolve("metadata").toString());
    Result kill =
        CountingRuns.flow(
            sources,
            "kubernetes",
            "kill",
            "1",
            "--datastore-root",
            root,
            "--metadata-root",
            dir.resolve("other-metadata").toString());

    assertThat(list.code()).as(list.out() + list.err()).isZero();
    assertThat(list.out().lines().map(line -> line.split("\t")[0]))
        .containsExactlyInAnyOrderElementsOf(firstNames);
    assertThat(kill.out()).contains("Deleted 4 pod(s) of run 1");
    assertThat(pods("1", root)).isEmpty();
    assertThat(pods("1", firstRoot)).hasSize(4);
  }

  @Test
  void kubernetesSparkMaster_givesEachPodAHeadlessDriverService_deletedWhenThePodEnds()
      throws Exception {
    env.put("FLUXO_SPARK_MASTER", "k8s://" + client.getMasterUrl());
    kubelet.hold("square");
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(() -> flow("run", "--with", "kubernetes", "--count", "1"));
    Pod square = runningPod("square");
    String serviceName = square.getMetadata().getLabels().get(SparkDrivers.DRIVER_LABEL);
    String podUid = square.getMetadata().getUid();

    Service service = client.services().inNamespace(NAMESPACE).withName(serviceName).get();

    assertThat(service).isNotNull();
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getSelector())
        .containsEntry(SparkDrivers.DRIVER_LABEL, serviceName);
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(podUid));
    kubelet.release("square");
    Result result = run.get(2, TimeUnit.MINUTES);
    assertThat(result.code()).as(result.out() + result.err()).isZero();
    String store = square.getMetadata().getLabels().get(PodSpecs.LABEL + "store");
    assertThat(
            client
                .services()
                .inNamespace(NAMESPACE)
                .withLabel(PodSpecs.LABEL + "store", store)
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void runningPod_itsLogIsStoredAsItGrows_andWholeOnceItEnds_throughABrokenStream()
      throws Exception {
    kubelet.hold("start");
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(() -> flow("run", "--with", "kubernetes", "--count", "1"));
    Pod start = runningPod("start");
    String name = start.getMetadata().getName();
    TaskPath task =
        new TaskPath(
            "CountingFlow",
            "1",
            "start",
            start.getMetadata().getLabels().get(PodSpecs.LABEL + "task"));
    FluxoConfig config =
        FluxoConfig.load(
            new ConfigSources(env, dir.resolve("home"), dir),
            Map.of(ConfigKey.DATASTORE_TYPE, "s3", ConfigKey.DATASTORE_ROOT, root));
    TaskStore tasks = new TaskStore(DatastoreBackend.connect(config.datastore()));
    // the kubelet prints this line in the pod's log, then holds the pod, Running
    String held = "held until released: " + name + "\n";

    for (int i = 0; i < 300 && !storedLog(tasks, task).equals(held); i++) {
      Thread.sleep(100);
    }

    assertThat(storedLog(tasks, task)).as("the log stored while the pod runs").isEqualTo(held);
    assertThat(run).as("the run goes on").isNotDone();
    // the log's stream breaks off before the lines printed once released: they are read again
    cluster.cutLogStreams();
    kubelet.release("start");
    Result result = run.get(2, TimeUnit.MINUTES);
    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(storedLog(tasks, task))
        .startsWith(held)
        .contains("items [1]")
        .isEqualTo(kubelet.log(name).orElseThrow().text());
  }

  /** The stdout log of attempt 0 of {@code task} as stored, or "" if none is. */
  private static String storedLog(TaskStore tasks, TaskPath task) throws IOException {
    Optional<InputStream> log = tasks.openLog(task, 0, LogStream.STDOUT);
    if (log.isEmpty()) {
      return "";
    }
    try (InputStream in = log.get()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The pod of {@code step} of run 1, once it is Running; a minute at most. */
  private Pod runningPod(String step) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Optional<Pod> running =
          pods("1").stream()
              .filter(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step").equals(step))
              .filter(p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()))
              .findFirst();
      if (running.isPresent()) {
        return running.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("No " + step + " pod of run 1 is Running");
  }

  @Test
  void failedPod_thenResume_completes() {
    kubelet.failOnce("join");
    Result failed = flow("run", "--with", "kubernetes", "--count", "2");
    assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(1);
    assertThat(failed.out()).contains("failed at step join");

    Result resumed = flow("resume", "--with", "kubernetes", "--origin-run-id", "1");

    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.out()).contains("total 5", "Done!");
  }

  @Test
  void failedPod_isRetriedAsANewPod_underRetry() {
    kubelet.failOnce("join");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--with",
                "kubernetes",
                "--count",
                "2",
                "--datastore",
                "s3",
                "--datastore-root",
                root));
    Result result =
        RetryingCountingFlowDefinition.flow(
            new ConfigSources(env, dir.resolve("home"), dir), args.toArray(String[]::new));

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("retrying now", "total 5", "Done!");
    List<Pod> joins =
        pods("1").stream()
            .filter(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step").equals("join"))
            .toList();
    assertThat(joins)
        .extracting(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "attempt"))
        .containsExactlyInAnyOrder("0", "1");
    assertThat(joins).filteredOn(p -> "Failed".equals(p.getStatus().getPhase())).hasSize(1);
  }

  @Test
  void failedTask_stopsTheRun_andDeletesThePodsStillRunning() {
    kubelet.failOnce("square");
    kubelet.hold("square");
    Set<String> before = kubelet.seen();
    Result result = flow("run", "--with", "kubernetes", "--count", "3");

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(kubelet.seen())
        .filteredOn(n -> n.contains("-square-") && !before.contains(n))
        .hasSize(3);
    // fail-fast: the two squares still running were killed, that is their pods deleted
    assertThat(pods("1"))
        .filteredOn(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step").equals("square"))
        .singleElement()
        .satisfies(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Failed"));
  }

  @Test
  void oomKilledPod_failsWithItsMessage() {
    kubelet.oom("end");
    Result result = flow("run", "--with", "kubernetes", "--count", "1");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out() + result.err()).contains("was OOMKilled");
  }

  @Test
  void imagePullFailure_failsWithItsMessage_andDeletesThePod() {
    env.put("FLUXO_K8S_IMAGE", "harbor.local/fluxo/runtime:bad");
    Result result = flow("run", "--with", "kubernetes", "--count", "1");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.out() + result.err())
        .containsPattern(
            "cannot pull image harbor.local/fluxo/runtime:bad"
                + " \\((ErrImagePull|ImagePullBackOff)\\)")
        .contains("harbor-creds");
    assertThat(pods("1")).isEmpty();
  }

  @Test
  void unpullableImage_failsAfterTheConfigErrorTime_andDeletesThePod() {
    // the pod is left Pending, ErrImagePull then ImagePullBackOff, as by a registry that has no
    // such image; the failsafe configuration allows FLUXO_K8S_CONFIG_ERROR_SECONDS=2
    env.put("FLUXO_K8S_IMAGE", "harbor.local/fluxo/runtime:gone");
    kubelet.unpullable("harbor.local/fluxo/runtime:gone");
    long start = System.nanoTime();
    Result result = flow("run", "--with", "kubernetes", "--count", "1");
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out() + result.err())
        .containsPattern(
            "Pod countingflow-1-start-1-0-[0-9a-f]+"
                + " cannot pull image harbor.local/fluxo/runtime:gone"
                + " \\((ErrImagePull|ImagePullBackOff)\\)");
    assertThat(seconds).isGreaterThanOrEqualTo(2);
    assertThat(pods("1")).isEmpty();
  }

  @Test
  void missingSecret_failsTheAttemptWithOneActionableLine_andDeletesThePod() {
    env.put("FLUXO_K8S_SECRETS", "minio-creds,team-creds");
    Result result = flow("run", "--with", "kubernetes", "--count", "1");

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out() + result.err())
        .containsPattern(
            "Pod countingflow-1-start-1-0-[0-9a-f]+: secret \"team-creds\" not found"
                + " \\(CreateContainerConfigError\\); create it in namespace fluxo");
    assertThat(pods("1")).isEmpty();
  }

  @Test
  void secretCreatedWhilePending_thePodStarts() throws Exception {
    env.put("FLUXO_K8S_SECRETS", "minio-creds,late-creds");
    CompletableFuture<Void> created =
        CompletableFuture.runAsync(
            () -> {
              try {
                Thread.sleep(700);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              cluster.createSecret("late-creds", Map.of("LATE", "1"));
            });
    try {
      Result result = flow("run", "--with", "kubernetes", "--count", "1");

      assertThat(result.code()).as(result.out() + result.err()).isZero();
    } finally {
      created.get(10, TimeUnit.SECONDS);
      client.secrets().inNamespace(NAMESPACE).withName("late-creds").delete();
    }
  }

  @Test
  void unschedulablePod_failsItsAttempts_underRetry_andNoPodIsLeft() {
    // 64 cpu on the simulator's one 16-cpu node; FLUXO_K8S_UNSCHEDULABLE_SECONDS=2 (failsafe)
    Decorators join =
        new Decorators(
            Optional.of(new RetrySpec(1, 0)),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new ResourcesSpec(64, 1024, 0)),
            Optional.empty(),
            Optional.empty());
    Result result =
        RetryingCountingFlowDefinition.flow(
            join,
            new ConfigSources(env, dir.resolve("home"), dir),
            "run",
            "--with",
            "kubernetes",
            "--count",
            "1",
            "--datastore",
            "s3",
            "--datastore-root",
            root);

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out() + result.err())
        .containsPattern(
            "Pod countingflow-1-join-[0-9]+-0-[0-9a-f]+: 0/1 nodes are available: 1 Insufficient"
                + " cpu\\..*\\(Unschedulable\\); lower its requests")
        .contains("retrying now");
    assertThat(kubelet.seen())
        .filteredOn(n -> n.matches("countingflow-1-join-[0-9]+-1-.*"))
        .isNotEmpty();
    assertThat(pods("1"))
        .filteredOn(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step").equals("join"))
        .isEmpty();
  }

  @Test
  void podWithANodeSelectorNoNodeHas_isUnschedulable() {
    Decorators join =
        new Decorators(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(
                new KubernetesSpec(
                    0,
                    0,
                    0,
                    null,
                    null,
                    List.of(),
                    Map.of("fluxo.io/pool", "gpu"),
                    List.of(),
                    null,
                    Map.of(),
                    Map.of())),
            Optional.empty());
    Result result =
        RetryingCountingFlowDefinition.flow(
            join,
            new ConfigSources(env, dir.resolve("home"), dir),
            "run",
            "--with",
            "kubernetes",
            "--count",
            "1",
            "--datastore",
            "s3",
            "--datastore-root",
            root);

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out() + result.err())
        .contains("didn't match Pod's node affinity/selector", "(Unschedulable)");
    assertThat(pods("1"))
        .filteredOn(p -> p.getMetadata().getLabels().get(PodSpecs.LABEL + "step").equals("join"))
        .isEmpty();
  }

  @Test
  void apiServerOutage_whileAPodRuns_isRetried_andTheRunCompletes() throws Exception {
    kubelet.hold("join");
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(() -> flow("run", "--with", "kubernetes", "--count", "2"));
    try {
      runningPod("join");
      // the client's own request retries are off, so the launcher itself rides the outage out
      // (the warning asserted below is its own)
      cluster.failPodReads(Duration.ofSeconds(8));
      Thread.sleep(1_000);
      kubelet.release("join"); // it ends during the outage
    } finally {
      kubelet.release("join");
    }
    Result result = run.get(2, TimeUnit.MINUTES);

    assertThat(cluster.failedPodReads()).isGreaterThan(4);
    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("total 5", "Done!");
    assertThat(result.out() + result.err())
        .doesNotContain("was deleted")
        .containsPattern(
            "the API server failed reading pod countingflow-1-join-[^ ]+ .*; retrying");
  }

  @Test
  void podDeletedByAnother_failsTheAttemptWithAClearMessage() throws Exception {
    kubelet.hold("join");
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(() -> flow("run", "--with", "kubernetes", "--count", "2"));
    String name;
    try {
      name = runningPod("join").getMetadata().getName();
      client.pods().inNamespace(NAMESPACE).withName(name).delete();
    } finally {
      kubelet.release("join");
    }
    Result result = run.get(2, TimeUnit.MINUTES);

    assertThat(result.code()).as(result.out() + result.err()).isEqualTo(1);
    assertThat(result.out() + result.err())
        .contains("Pod " + name + " was deleted before it ended");
  }

  @Test
  void withKubernetes_onALocalDatastore_isAUsageError() {
    Result result =
        CountingRuns.flow(
            new ConfigSources(env, dir.resolve("home"), dir),
            "run",
            "--with",
            "kubernetes",
            "--count",
            "1",
            "--datastore-root",
            dir.resolve("local").toString());

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("Cannot run steps on Kubernetes with a local datastore");
  }
}
