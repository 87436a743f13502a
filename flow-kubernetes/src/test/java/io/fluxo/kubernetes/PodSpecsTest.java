package io.fluxo.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.graph.Decorators;
import io.fluxo.runtime.graph.KubernetesSpec;
import io.fluxo.runtime.graph.ResourcesSpec;
import io.fluxo.runtime.graph.StepNode;
import io.fluxo.runtime.graph.TimeoutSpec;
import io.fluxo.runtime.graph.TransitionKind;
import io.fluxo.runtime.spi.TaskEnvironment;
import io.fluxo.runtime.spi.TaskLaunch;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodSpecsTest {
  /** A DNS-1123 label, as Kubernetes requires of a pod's name to be its hostname. */
  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

  @TempDir Path dir;

  private FluxoConfig config(Map<String, String> env) {
    return FluxoConfig.load(new ConfigSources(env, dir.resolve("home"), dir), Map.of());
  }

  private static TaskLaunch launch(Decorators decorators) {
    return launch(new TaskPath("MyFlow", "12", "train", "7"), decorators);
  }

  private static TaskLaunch launch(TaskPath task, Decorators decorators) {
    StepNode node =
        new StepNode(
            task.step(),
            TransitionKind.LINEAR,
            List.of("end"),
            false,
            List.of(),
            Optional.empty(),
            Set.of(),
            true,
            decorators,
            "");
    return new TaskLaunch(
        new TaskSpec(task, List.of("12/start/1"), -1, 2, 100, "me", List.of(), null), node);
  }

  private static Pod pod(TaskLaunch launch, FluxoConfig config) {
    return PodSpecs.pod(
        launch, config, "my.FlowMain", List.of("step", "train"), "MyFlow/code/abc.json");
  }

  @Test
  void defaults_imagePullSecretSecretsLabelsRestartPolicy() {
    Pod pod =
        pod(
            launch(Decorators.NONE),
            config(Map.of("FLUXO_S3_SECRET_KEY", "s3cr3t-value", "FLUXO_S3_ACCESS_KEY", "acc3ss")));

    assertThat(pod.getMetadata().getNamespace()).isEqualTo("fluxo");
    assertThat(pod.getMetadata().getName()).matches("myflow-12-train-7-2-[0-9a-f]{8}");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("fluxo.io/flow", "MyFlow")
        .containsEntry("fluxo.io/run", "12")
        .containsEntry("fluxo.io/step", "train")
        .containsEntry("fluxo.io/task", "7")
        .containsEntry("fluxo.io/attempt", "2");
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isNull();
    assertThat(pod.getSpec().getImagePullSecrets().get(0).getName()).isEqualTo("harbor-creds");
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(PodSpecs.DEFAULT_IMAGE);
    assertThat(container.getCommand())
        .containsExactly(PodSpecs.ENTRYPOINT, "my.FlowMain", "step", "train");
    assertThat(container.getEnvFrom())
        .singleElement()
        .extracting(e -> e.getSecretRef().getName())
        .isEqualTo("minio-creds");
    assertThat(container.getEnv())
        .anyMatch(
            e ->
                e.getName().equals("FLUXO_CODE_PACKAGE")
                    && e.getValue().equals("MyFlow/code/abc.json"));
    assertThat(container.getEnv())
        .noneMatch(
            e ->
                e.getName().equals("FLUXO_S3_SECRET_KEY")
                    || e.getName().equals("FLUXO_S3_ACCESS_KEY"));
  }

  @Test
  void kubernetesDecorator_overridesResourcesAndConfig() {
    KubernetesSpec k8s =
        new KubernetesSpec(
            2.5,
            0,
            1,
            "harbor.local/ml/gpu:3",
            "ml",
            List.of("db-creds"),
            Map.of("pool", "gpu"),
            List.of("nvidia.com/gpu=true:NoSchedule", "spot"),
            "trainer",
            Map.of("team", "ml"),
            Map.of("note", "hi"));
    Decorators decorators =
        new Decorators(
            Optional.empty(),
            Optional.empty(),
            Optional.of(new TimeoutSpec(600)),
            Optional.of(new ResourcesSpec(1, 4096, 0)),
            Optional.of(k8s),
            Optional.empty());
    Pod pod =
        pod(
            launch(decorators),
            config(
                Map.of(
                    "FLUXO_K8S_NAMESPACE",
                    "other",
                    "FLUXO_K8S_IMAGE",
                    "x:1",
                    "FLUXO_K8S_IMAGE_PULL_SECRET",
                    "pull",
                    "FLUXO_K8S_SECRETS",
                    "s3-a")));

    assertThat(pod.getMetadata().getNamespace()).isEqualTo("ml");
    assertThat(pod.getMetadata().getLabels()).containsEntry("team", "ml");
    assertThat(pod.getMetadata().getAnnotations()).containsEntry("note", "hi");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("trainer");
    assertThat(pod.getSpec().getNodeSelector()).containsEntry("pool", "gpu");
    assertThat(pod.getSpec().getTolerations()).hasSize(2);
    assertThat(pod.getSpec().getTolerations().get(0).getOperator()).isEqualTo("Equal");
    assertThat(pod.getSpec().getTolerations().get(0).getEffect()).isEqualTo("NoSchedule");
    assertThat(pod.getSpec().getTolerations().get(1).getOperator()).isEqualTo("Exists");
    assertThat(pod.getSpec().getImagePullSecrets().get(0).getName()).isEqualTo("pull");
    var container = pod.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("harbor.local/ml/gpu:3");
    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new Quantity("2500m"))
        .containsEntry("memory", new Quantity("4096Mi"))
        .containsEntry("nvidia.com/gpu", new Quantity("1"));
    assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("2500m"));
    assertThat(container.getEnvFrom())
        .extracting(e -> e.getSecretRef().getName())
        .containsExactly("s3-a", "db-creds");
  }

  @Test
  void podName_differsBetweenStores_andIsStableWithinOne() {
    FluxoConfig a =
        config(
            Map.of("FLUXO_DATASTORE_ROOT", "s3://lake/team-a", "FLUXO_METADATA_ROOT", "/meta/a"));
    FluxoConfig otherDatastore =
        config(
            Map.of("FLUXO_DATASTORE_ROOT", "s3://lake/team-b", "FLUXO_METADATA_ROOT", "/meta/a"));
    FluxoConfig otherMetadata =
        config(
            Map.of("FLUXO_DATASTORE_ROOT", "s3://lake/team-a", "FLUXO_METADATA_ROOT", "/meta/b"));
    FluxoConfig service =
        config(
            Map.of(
                "FLUXO_DATASTORE_ROOT",
                "s3://lake/team-a",
                "FLUXO_METADATA",
                "service",
                "FLUXO_METADATA_URL",
                "http://meta:8080"));

    List<String> names =
        List.of(a, otherDatastore, otherMetadata, service).stream()
            .map(c -> pod(launch(Decorators.NONE), c).getMetadata().getName())
            .toList();

    assertThat(names)
        .doesNotHaveDuplicates()
        .allSatisfy(n -> assertThat(n).startsWith("myflow-12-train-7-2-").matches(DNS_LABEL));
    assertThat(pod(launch(Decorators.NONE), a).getMetadata().getName()).isEqualTo(names.get(0));
    assertThat(pod(launch(Decorators.NONE), a).getMetadata().getLabels())
        .containsEntry("fluxo.io/store", PodSpecs.storeId(a));
    assertThat(PodSpecs.storeId(a)).isNotEqualTo(PodSpecs.storeId(otherDatastore));
  }

  @Test
  void localMetadata_staysOnThisMachine_andThePodKeepsItsAttemptsInTheDatastore() {
    FluxoConfig local =
        config(
            Map.of("FLUXO_DATASTORE_ROOT", "s3://lake/team-a", "FLUXO_METADATA_ROOT", "/meta/a"));
    FluxoConfig service =
        config(
            Map.of(
                "FLUXO_DATASTORE_ROOT",
                "s3://lake/team-a",
                "FLUXO_METADATA",
                "service",
                "FLUXO_METADATA_URL",
                "http://meta:8080"));

    var localEnv = pod(launch(Decorators.NONE), local).getSpec().getContainers().get(0).getEnv();
    var serviceEnv =
        pod(launch(Decorators.NONE), service).getSpec().getContainers().get(0).getEnv();

    assertThat(localEnv)
        .noneMatch(e -> e.getName().equals("FLUXO_METADATA_ROOT") || e.getValue().equals("/meta/a"))
        .anyMatch(
            e ->
                e.getName().equals(TaskEnvironment.ATTEMPT_RECORDS_ENV)
                    && e.getValue().equals(TaskEnvironment.ATTEMPT_RECORDS_IN_DATASTORE));
    assertThat(serviceEnv)
        .extracting(e -> e.getName())
        .contains("FLUXO_METADATA_URL")
        .doesNotContain(TaskEnvironment.ATTEMPT_RECORDS_ENV);
  }

  @Test
  void podName_ofLongOrOddCoordinates_isAValidDnsLabel_andKeepsThemApart() {
    FluxoConfig config = config(Map.of());
    String flow = "A_Very_Long_Flow_Name_That_Goes_On_And_On_For_Quite_A_While";
    String one =
        pod(launch(new TaskPath(flow, "123456", "trainTheModel", "40001"), Decorators.NONE), config)
            .getMetadata()
            .getName();
    String two =
        pod(launch(new TaskPath(flow, "123456", "trainTheModel", "40002"), Decorators.NONE), config)
            .getMetadata()
            .getName();
    String odd =
        pod(launch(new TaskPath("__Flow", "1", "step", "2"), Decorators.NONE), config)
            .getMetadata()
            .getName();

    assertThat(List.of(one, two, odd))
        .allSatisfy(n -> assertThat(n).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL));
    assertThat(one).startsWith("a-very-long-flow-name").isNotEqualTo(two);
    assertThat(odd).startsWith("flow-1-step-2-2-");
  }

  @Test
  void podCpu_reachesTheTaskAsAPlainNumber_forSparksLocalMode() {
    KubernetesSpec k8s =
        new KubernetesSpec(
            2.5, 0, 0, "", "", List.of(), Map.of(), List.of(), "", Map.of(), Map.of());
    Decorators decorators =
        new Decorators(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new ResourcesSpec(8, 4096, 0)),
            Optional.of(k8s),
            Optional.empty());

    var container = pod(launch(decorators), config(Map.of())).getSpec().getContainers().get(0);

    assertThat(container.getEnv())
        .anyMatch(e -> e.getName().equals(TaskEnvironment.CPU_ENV) && e.getValue().equals("2.5"));
    assertThat(
            pod(launch(Decorators.NONE), config(Map.of()))
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .noneMatch(e -> e.getName().equals(TaskEnvironment.CPU_ENV));
  }

  @Test
  void aStepWithoutResources_getsALightJvm_aStepWithResourcesABatchJvm() {
    Decorators resources =
        new Decorators(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(new ResourcesSpec(2, 4096, 0)),
            Optional.empty(),
            Optional.empty());

    var light =
        pod(launch(Decorators.NONE), config(Map.of())).getSpec().getContainers().get(0).getEnv();
    var sized = pod(launch(resources), config(Map.of())).getSpec().getContainers().get(0).getEnv();

    assertThat(light)
        .anyMatch(
            e ->
                e.getName().equals(PodSpecs.JVM_OPTIONS_ENV)
                    && e.getValue().contains("-XX:+UseSerialGC"));
    assertThat(sized)
        .anyMatch(
            e ->
                e.getName().equals(PodSpecs.JVM_OPTIONS_ENV)
                    && e.getValue().contains("-XX:+UseParallelGC"));
  }

  @Test
  void withoutAKubernetesSparkMaster_podsAreNoSparkDrivers() {
    Pod pod =
        pod(launch(Decorators.NONE), config(Map.of("FLUXO_SPARK_MASTER", "spark://cluster:7077")));

    assertThat(pod.getMetadata().getLabels()).doesNotContainKey(SparkDrivers.DRIVER_LABEL);
    assertThat(pod.getSpec().getContainers().get(0).getEnv())
        .noneMatch(e -> e.getName().equals(SparkDrivers.PROPERTIES_ENV));
  }

  @Test
  void withAKubernetesSparkMaster_thePodIsAClientModeDriverBehindItsService() throws Exception {
    FluxoConfig config =
        config(
            Map.of(
                "FLUXO_SPARK_MASTER",
                "k8s://https://kubernetes.default.svc",
                "FLUXO_K8S_SERVICE_ACCOUNT",
                "fluxo-runtime"));
    Pod pod = pod(launch(Decorators.NONE), config);
    String name = pod.getMetadata().getName();
    String service = SparkDrivers.serviceName(name);

    java.util.Properties spark = new java.util.Properties();
    spark.load(
        new java.io.StringReader(
            pod.getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals(SparkDrivers.PROPERTIES_ENV))
                .findFirst()
                .orElseThrow()
                .getValue()));

    assertThat(pod.getMetadata().getLabels()).containsEntry(SparkDrivers.DRIVER_LABEL, service);
    assertThat(service).matches("[a-z]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
    assertThat(spark)
        .containsEntry("spark.master", "k8s://https://kubernetes.default.svc")
        .containsEntry("spark.submit.deployMode", "client")
        .containsEntry("spark.driver.host", service + ".fluxo.svc")
        .containsEntry("spark.driver.port", "7078")
        .containsEntry("spark.driver.blockManager.port", "7079")
        .containsEntry("spark.driver.bindAddress", "0.0.0.0")
        .containsEntry("spark.kubernetes.namespace", "fluxo")
        .containsEntry("spark.kubernetes.driver.pod.name", name)
        .containsEntry("spark.kubernetes.container.image", SparkDrivers.DEFAULT_EXECUTOR_IMAGE)
        .containsEntry("spark.kubernetes.authenticate.executor.serviceAccountName", "fluxo-runtime")
        .containsEntry("spark.kubernetes.executor.label.fluxo.io/run", "12")
        .containsEntry("spark.kubernetes.executor.label.fluxo.io/store", PodSpecs.storeId(config))
        .doesNotContainKey("spark.kubernetes.executor.label." + SparkDrivers.DRIVER_LABEL);
  }

  @Test
  void secrets_neverReachThePodSpec_evenWhenTheirValueLooksMasked() {
    FluxoConfig config =
        config(
            Map.of(
                "FLUXO_DATASTORE_ROOT", "s3://lake/flows",
                "FLUXO_S3_ACCESS_KEY", "****",
                "FLUXO_S3_SECRET_KEY", "****",
                "FLUXO_METADATA_TOKEN", "****"));

    var env = pod(launch(Decorators.NONE), config).getSpec().getContainers().get(0).getEnv();

    assertThat(env)
        .extracting(e -> e.getName())
        .contains("FLUXO_DATASTORE_ROOT")
        .doesNotContain("FLUXO_S3_ACCESS_KEY", "FLUXO_S3_SECRET_KEY", "FLUXO_METADATA_TOKEN");
  }

  @Test
  void sparkConfCredentials_areRefused_notWrittenIntoThePodSpec() throws Exception {
    Files.writeString(
        dir.resolve("fluxo.json"),
        "{\"spark\": {\"master\": \"k8s://https://kubernetes.default.svc\", \"conf\": {"
            + "\"spark.hadoop.fs.s3a.secret.key\": \"wJalrXUtnFEMI\","
            + " \"spark.executor.instances\": \"4\"}}}");
    FluxoConfig config = config(Map.of());

    assertThatThrownBy(() -> pod(launch(Decorators.NONE), config))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("spark.conf entry spark.hadoop.fs.s3a.secret.key")
        .hasMessageNotContaining("wJalrXUtnFEMI");
  }

  @Test
  void labelValues_areLabelSafe() {
    assertThat(PodSpecs.labelValue("a b/c")).isEqualTo("a_b_c");
    assertThat(PodSpecs.labelValue("x".repeat(100))).hasSizeLessThanOrEqualTo(63);
  }
}
