package io.fluxo.runtime.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Task;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.internal.cli.CountingRuns.Result;
import io.fluxo.runtime.internal.datastore.s3.S3ProxyServer;
import io.fluxo.runtime.spi.CodePackage;
import io.fluxo.runtime.spi.DatastoreBackend;
import io.fluxo.runtime.spi.MetadataBackend;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CountingFlow} run with {@code --datastore s3} against s3proxy: each test gets its own
 * prefix in bucket {@code runs} and its own local metadata folder; credentials come from the
 * (test's) environment only.
 */
class S3RunIT {
  private static final String BUCKET = "runs";
  private static final AtomicInteger PREFIXES = new AtomicInteger();
  private static S3ProxyServer server;

  @TempDir Path dir;
  private String root;
  private Map<String, String> env;

  @BeforeAll
  static void startServer() {
    server = S3ProxyServer.startPersistent();
    server.createBucket(BUCKET);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void environment() {
    root = "s3://" + BUCKET + "/test-" + PREFIXES.incrementAndGet();
    env =
        new HashMap<>(
            Map.of(
                "FLUXO_HOME", dir.resolve("home").toString(),
                "FLUXO_METADATA_ROOT", dir.resolve("metadata").toString(),
                "FLUXO_S3_ENDPOINT", server.endpoint(),
                "FLUXO_S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                "FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY));
  }

  private Result flow(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--datastore", "s3", "--datastore-root", root));
    return CountingRuns.flow(sources(), all.toArray(String[]::new));
  }

  private ConfigSources sources() {
    return new ConfigSources(env, dir.resolve("home"), dir);
  }

  private FluxoConfig config() {
    return FluxoConfig.load(
        sources(), Map.of(io.fluxo.runtime.config.ConfigKey.DATASTORE_ROOT, root));
  }

  @Test
  void run_foreachAndJoin_storesEverythingInS3_andTheClientReadsIt() {
    Result result = flow("run", "--count", "4");

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out())
        .contains("total 30", "Done!", "Artifacts are in " + root + "/CountingFlow/1");
    assertThat(objects("CountingFlow/data/")).isNotEmpty();
    assertThat(objects("CountingFlow/1/end/")).anyMatch(k -> k.endsWith("0.done.json"));
    assertThat(dir.resolve("metadata/CountingFlow/1/_meta/run.json")).exists();

    FlowRuns client = FlowRuns.of("CountingFlow", config());
    Task end = client.latestSuccessfulRun().endTask();
    assertThat(end.artifact("total")).isEqualTo(30);
    assertThat(end.stdout()).contains("total 30");
    assertThat(client.location()).isEqualTo(root);
  }

  @Test
  void run_recordsTheCodePackage_uploadedOnce() {
    assertThat(flow("run", "--count", "1").code()).isZero();
    assertThat(flow("run", "--count", "1").code()).isZero();

    RunRecord first =
        MetadataBackend.connect(config().metadata()).run("CountingFlow", "1").orElseThrow();
    RunRecord second =
        MetadataBackend.connect(config().metadata()).run("CountingFlow", "2").orElseThrow();
    assertThat(first.codePackage()).startsWith("CountingFlow/code/").endsWith(".json");
    assertThat(second.codePackage()).isEqualTo(first.codePackage());
    CodePackage code =
        CodePackage.read(DatastoreBackend.connect(config().datastore()), first.codePackage());
    assertThat(code.entries())
        .isNotEmpty()
        .allMatch(e -> e.key().startsWith("CountingFlow/code/") && e.key().endsWith(".jar"));
    assertThat(code.entries()).anyMatch(e -> e.name().equals("test-classes"));
    assertThat(objects("CountingFlow/code/")).hasSize(code.entries().size() + 1);
  }

  @Test
  void run_failure_thenResume_clonesFromS3() {
    Result failed = flow("run", "--count", "3", "--fail-at", "square");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out()).contains("resume --origin-run-id 1");

    Result resumed = flow("resume", "--origin-run-id", "1");

    assertThat(resumed.out()).contains("Cloning results of a previously run task 1/start/");
    assertThat(resumed.code()).isEqualTo(1);
    assertThat(FlowRuns.of("CountingFlow", config()).run("2").originRunId()).contains("1");
  }

  @Test
  void secrets_neverInTaskCommandLines_metadataFilesOrStoredObjects() throws IOException {
    Result result = flow("run", "--count", "2");
    assertThat(result.code()).as(result.out() + result.err()).isZero();

    String endLog = FlowRuns.of("CountingFlow", config()).latestRun().endTask().stderr();
    assertThat(endLog).contains("command line: ").doesNotContain(S3ProxyServer.SECRET_KEY);
    assertThat(result.out() + result.err()).doesNotContain(S3ProxyServer.SECRET_KEY);
    try (Stream<Path> files = Files.walk(dir.resolve("metadata"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file))
            .as(file.toString())
            .doesNotContain(S3ProxyServer.SECRET_KEY, S3ProxyServer.ACCESS_KEY);
      }
    }
    for (String key : objects("CountingFlow/1/")) {
      assertThat(read(key)).as(key).doesNotContain(S3ProxyServer.SECRET_KEY);
    }
  }

  @Test
  void taskAndClient_inThisJvm_leaveNoKeyInSystemProperties() {
    assertThat(flow("run", "--count", "2").code()).isZero();
    TaskSpec start =
        new TaskSpec(
            new TaskPath("CountingFlow", "1", "start", "1"),
            List.of("1/_parameters/0"),
            -1,
            1,
            100,
            "me",
            List.of(),
            null);

    int code = StepCommand.runTask(new CountingFlowDefinition(), config(), start);
    Object total =
        FlowRuns.of("CountingFlow", config()).latestSuccessfulRun().endTask().artifact("total");

    assertThat(code).isZero();
    assertThat(total).isEqualTo(5);
    assertThat(System.getProperties())
        .allSatisfy(
            (name, value) ->
                assertThat(value)
                    .as("system property %s", name)
                    .asString()
                    .doesNotContain(S3ProxyServer.SECRET_KEY, S3ProxyServer.ACCESS_KEY));
  }

  @Test
  void taskArguments_carryOnlyTheDatastoreSelectors() {
    var launch =
        new io.fluxo.runtime.spi.TaskLaunch(
            new io.fluxo.runtime.spi.TaskSpec(
                new io.fluxo.runtime.spi.TaskPath("CountingFlow", "1", "start", "1"),
                List.of("1/_parameters/0"),
                -1,
                0,
                100,
                "me",
                List.of(),
                null),
            new CountingFlowDefinition().graph().requireStep("start"));

    List<String> arguments = StepCommand.arguments(launch, config().datastore());

    assertThat(String.join(" ", arguments))
        .contains("--datastore s3 --datastore-root " + root)
        .doesNotContain(S3ProxyServer.SECRET_KEY)
        .doesNotContain(S3ProxyServer.ACCESS_KEY)
        .doesNotContain(server.endpoint());
    assertThat(config().taskEnvironment())
        .containsEntry("FLUXO_S3_SECRET_KEY", S3ProxyServer.SECRET_KEY);
  }

  @Test
  void wrongSecretKey_oneClearLine_exit1_noRunCreated() {
    env.put("FLUXO_S3_SECRET_KEY", "not-the-secret-key-0000000");

    Result result = flow("run", "--count", "1");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "Error: Cannot access "
                + root
                + " at "
                + server.endpoint()
                + ": the access key or secret key is wrong")
        .doesNotContain("not-the-secret-key");
    assertThat(dir.resolve("metadata/CountingFlow")).doesNotExist();
  }

  @Test
  void missingBucket_oneClearLine_namingTheBucketAndHowToCreateIt() {
    root = "s3://no-such-bucket/flows";

    Result result = flow("run", "--count", "1");

    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines())
        .singleElement()
        .asString()
        .startsWith(
            "Error: Cannot access bucket no-such-bucket at "
                + server.endpoint()
                + ": it does not exist")
        .contains("mc mb <alias>/no-such-bucket");
  }

  @Test
  void blobAlteredOnTheServer_isReportedCorruptedWithItsS3Location() throws Exception {
    assertThat(flow("run", "--count", "2").code()).isZero();
    Task end = FlowRuns.of("CountingFlow", config()).latestRun().endTask();
    String sha =
        end.artifacts().stream()
            .filter(a -> a.name().equals("total"))
            .findFirst()
            .orElseThrow()
            .sha();
    String key = "CountingFlow/data/" + sha.substring(0, 2) + "/" + sha;
    server
        .client()
        .putObject(
            PutObjectArgs.builder().bucket(BUCKET).object(objectKey(key)).stream(
                    new ByteArrayInputStream("tampered".getBytes(StandardCharsets.UTF_8)), 8, -1)
                .build());

    Task again = FlowRuns.of("CountingFlow", config()).latestRun().endTask();

    assertThatThrownBy(() -> again.artifact("total"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining(root + "/" + key)
        .hasMessageContaining("corrupted");
  }

  @Test
  void serverStoppedMidRun_runFailsCleanly_thenResumeCompletesIt() throws Exception {
    CompletableFuture<Result> run =
        CompletableFuture.supplyAsync(() -> flow("run", "--count", "4", "--max-workers", "2"));
    Path squares = dir.resolve("metadata/CountingFlow/1/square");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.isDirectory(squares) && System.nanoTime() < deadline && !run.isDone()) {
      Thread.sleep(20);
    }
    server.stop();
    Result failed;
    try {
      failed = run.get(180, TimeUnit.SECONDS);
    } finally {
      server.start();
    }

    assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(1);
    assertThat(failed.out()).contains("resume --origin-run-id 1");
    assertThat(
            MetadataBackend.connect(config().metadata())
                .run("CountingFlow", "1")
                .orElseThrow()
                .status())
        .isEqualTo(RunStatus.FAILED);

    Result resumed = flow("resume", "--origin-run-id", "1");

    assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.out())
        .contains("Cloning results of a previously run task 1/start/", "total 30");
    assertThat(FlowRuns.of("CountingFlow", config()).run("2").endTask().artifact("total"))
        .isEqualTo(30);
  }

  private String objectKey(String key) {
    return root.substring(("s3://" + BUCKET + "/").length()) + "/" + key;
  }

  private List<String> objects(String under) {
    MinioClient client = server.client();
    List<String> keys = new ArrayList<>();
    try {
      for (io.minio.Result<Item> item :
          client.listObjects(
              ListObjectsArgs.builder()
                  .bucket(BUCKET)
                  .prefix(objectKey(under))
                  .recursive(true)
                  .build())) {
        keys.add(item.get().objectName());
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return keys;
  }

  private String read(String objectName) {
    try (InputStream in =
        server
            .client()
            .getObject(
                io.minio.GetObjectArgs.builder().bucket(BUCKET).object(objectName).build())) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
