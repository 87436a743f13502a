package io.fluxo.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The deployment files of {@code infra/runtime/} and the runtime image's {@code Dockerfile}. */
class InfraFilesTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final Path INFRA = REPO.resolve("infra/runtime");

  @Test
  void everyYaml_parsesIntoKubernetesObjects() throws IOException {
    List<HasMetadata> all = objects();
    Map<String, List<String>> byKind =
        all.stream()
            .collect(
                Collectors.groupingBy(
                    HasMetadata::getKind,
                    Collectors.mapping(o -> o.getMetadata().getName(), Collectors.toList())));
    assertThat(byKind)
        .containsOnlyKeys("Namespace", "ServiceAccount", "Role", "RoleBinding", "Secret");
    assertThat(all).allSatisfy(o -> assertThat(o.getMetadata().getName()).isNotBlank());
    assertThat(all)
        .filteredOn(o -> !(o instanceof Namespace))
        .allSatisfy(
            o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(PodSpecs.DEFAULT_NAMESPACE));
    assertThat(one(all, Namespace.class).getMetadata().getName())
        .isEqualTo(PodSpecs.DEFAULT_NAMESPACE);
    assertThat(byKind.get("Secret"))
        .containsExactlyInAnyOrder(PodSpecs.DEFAULT_PULL_SECRET, PodSpecs.DEFAULT_SECRET);
  }

  @Test
  void role_grantsWhatTheRuntimeAndASparkDriverNeed_toTheServiceAccount() throws IOException {
    List<HasMetadata> all = objects();
    Role role = one(all, Role.class);
    List<String> resources =
        role.getRules().stream().flatMap(r -> r.getResources().stream()).toList();
    assertThat(resources)
        .contains("pods", "pods/log", "services", "configmaps", "persistentvolumeclaims");
    assertThat(role.getRules())
        .filteredOn(r -> r.getResources().contains("pods"))
        .singleElement()
        .satisfies(
            r -> assertThat(r.getVerbs()).contains("create", "get", "list", "watch", "delete"));
    RoleBinding binding = one(all, RoleBinding.class);
    ServiceAccount account = one(all, ServiceAccount.class);
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo(account.getMetadata().getName());
            });
  }

  @Test
  void secretTemplates_holdPlaceholdersOnly() throws IOException {
    List<Secret> secrets =
        objects().stream().filter(Secret.class::isInstance).map(Secret.class::cast).toList();
    Secret harbor =
        secrets.stream()
            .filter(s -> s.getMetadata().getName().equals(PodSpecs.DEFAULT_PULL_SECRET))
            .findFirst()
            .orElseThrow();
    assertThat(harbor.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
    assertThat(harbor.getData()).containsOnlyKeys(".dockerconfigjson");
    Secret minio =
        secrets.stream()
            .filter(s -> s.getMetadata().getName().equals(PodSpecs.DEFAULT_SECRET))
            .findFirst()
            .orElseThrow();
    assertThat(minio.getStringData())
        .containsOnlyKeys("FLUXO_S3_ACCESS_KEY", "FLUXO_S3_SECRET_KEY");
    for (Secret secret : secrets) {
      Map<String, String> values = new java.util.HashMap<>();
      if (secret.getData() != null) values.putAll(secret.getData());
      if (secret.getStringData() != null) values.putAll(secret.getStringData());
      assertThat(values.values()).allSatisfy(v -> assertThat(v).startsWith("REPLACE_WITH_"));
    }
  }

  @Test
  void dockerfile_buildsOnMaven_runsOnAJre_asANonRootUser_withTheRepositoryEntrypoint()
      throws IOException {
    List<String> lines =
        Files.readAllLines(REPO.resolve("Dockerfile")).stream()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    // stages: maven builds and JRE images (the service's too, flow-service's ServiceImageIT);
    // the runtime stage is the last, so a build without --target makes the runtime image
    List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(from).hasSizeGreaterThanOrEqualTo(2);
    assertThat(from)
        .allMatch(
            l ->
                l.startsWith("FROM maven:3.9-eclipse-temurin-17 AS ")
                    || l.startsWith("FROM eclipse-temurin:17-jre AS "));
    assertThat(from.get(from.size() - 2)).isEqualTo("FROM maven:3.9-eclipse-temurin-17 AS build");
    assertThat(from.get(from.size() - 1)).isEqualTo("FROM eclipse-temurin:17-jre AS runtime");
    List<String> runtime = lines.subList(lines.indexOf(from.get(from.size() - 1)), lines.size());
    List<String> users = runtime.stream().filter(l -> l.startsWith("USER ")).toList();
    assertThat(users).isNotEmpty();
    String user = users.get(users.size() - 1).substring(5).trim().split(":")[0];
    assertThat(user).isNotIn("root", "0");
    String entrypoint =
        runtime.stream().filter(l -> l.startsWith("ENTRYPOINT ")).reduce((a, b) -> b).orElseThrow();
    assertThat(entrypoint).isEqualTo("ENTRYPOINT [\"" + PodSpecs.ENTRYPOINT + "\"]");
    assertThat(runtime)
        .anyMatch(l -> l.equals("COPY infra/runtime/entrypoint.sh " + PodSpecs.ENTRYPOINT));
    Path script = REPO.resolve("infra/runtime/entrypoint.sh");
    assertThat(script).isRegularFile();
    assertThat(Files.isExecutable(script)).isTrue();
    assertThat(Files.readString(script))
        .startsWith("#!/bin/sh")
        .contains(PodEntrypoint.class.getName());
    String dockerfile = Files.readString(REPO.resolve("Dockerfile"));
    for (String opened :
        List.of(
            "java.lang", "java.nio", "sun.nio.ch", "java.util.concurrent", "sun.util.calendar")) {
      assertThat(dockerfile).contains("--add-opens=java.base/" + opened + "=ALL-UNNAMED");
    }
    assertThat(dockerfile).contains("JAVA_TOOL_OPTIONS");
  }

  private static List<HasMetadata> objects() throws IOException {
    List<HasMetadata> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(INFRA)) {
      for (Path file : files.filter(InfraFilesTest::isManifest).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          Object parsed = Serialization.unmarshal(in);
          if (parsed instanceof KubernetesList list) {
            all.addAll(list.getItems());
          } else if (parsed instanceof List<?> list) {
            list.forEach(o -> all.add((HasMetadata) o));
          } else {
            all.add((HasMetadata) parsed);
          }
        }
      }
    }
    assertThat(all).hasSizeGreaterThanOrEqualTo(6);
    return all;
  }

  /** A file of Kubernetes objects: a YAML file other than kustomize's kustomization.yaml. */
  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".yaml") && !name.equals("kustomization.yaml");
  }

  private static <T> T one(List<HasMetadata> all, Class<T> type) {
    List<T> found = all.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }
}
