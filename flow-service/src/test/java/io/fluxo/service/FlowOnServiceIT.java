package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxo.runtime.client.FlowRuns;
import io.fluxo.runtime.client.Run;
import io.fluxo.runtime.internal.cli.CountingRuns;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskData;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.metadata.ServiceMetadataStore;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.TaskPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The runtime's flow (foreach + join; failure + resume) with {@code --metadata service}: tasks are
 * child JVMs that report to the service with the token they inherit; the API then holds exactly the
 * runs, tasks and artifacts that ran, and the CLI and client read them back through the service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlowOnServiceIT {
  private static final String FLOW = CountingRuns.FLOW;

  /** The token failsafe puts in the environment, which the tasks inherit. */
  @RegisterExtension
  static final TestService service =
      TestService.perClass(System.getenv("FLUXO_METADATA_TOKEN"), Duration.ofSeconds(60), 1 << 20);

  private static final Path root = CountingRuns.tempDir();

  private static CountingRuns.Result flow(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--metadata", "service", "--metadata-url", service.url().toString()));
    return CountingRuns.flow(root, all.toArray(String[]::new));
  }

  @Test
  @Order(1)
  void run_foreachAndJoin_isRecordedExactlyInTheService() {
    CountingRuns.Result result = flow("run", "--count", "4", "--tag", "nightly");

    assertThat(result.code()).as(result.out() + result.err()).isZero();
    assertThat(result.out()).contains("Workflow starting (run-id 1):", "total 30", "Done!");
    JsonNode runs = service.call("GET", "/v1/flows/" + FLOW + "/runs", null).json().path("runs");
    assertThat(runs).hasSize(1);
    JsonNode run = runs.get(0);
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("recorded_status").asText()).isEqualTo("SUCCEEDED");
    assertThat(run.path("tags").toString()).isEqualTo("[\"nightly\"]");
    assertThat(run.path("system_tags").toString()).contains("user:", "runtime:local");
    assertThat(
            service
                .call("GET", "/v1/flows/" + FLOW + "/runs/1/graph", null)
                .json()
                .path("name")
                .asText())
        .isEqualTo(FLOW);

    JsonNode tasks = service.call("GET", "/v1/flows/" + FLOW + "/runs/1/tasks", null).json();
    List<String> steps = tasks.findValuesAsText("step");
    assertThat(steps)
        .containsExactlyInAnyOrder(
            "_parameters", "start", "square", "square", "square", "square", "join", "end");
    assertThat(tasks.findValuesAsText("status")).containsOnly("SUCCEEDED");
    assertThat(tasks.findValuesAsText("task_id")).doesNotHaveDuplicates();

    // every task's artifacts in the service are exactly those in the datastore
    TaskStore store = new TaskStore(new LocalStorage(root));
    for (JsonNode task : tasks) {
      TaskPath path =
          new TaskPath(FLOW, "1", task.path("step").asText(), task.path("task_id").asText());
      TaskData data = store.usableData(path).orElseThrow();
      JsonNode attempts =
          service
              .call(
                  "GET",
                  "/v1/flows/"
                      + FLOW
                      + "/runs/1/steps/"
                      + path.step()
                      + "/tasks/"
                      + path.taskId()
                      + "/attempts",
                  null)
              .json();
      assertThat(attempts).hasSize(1);
      assertThat(attempts.get(0).path("status").asText()).isEqualTo("SUCCEEDED");
      assertThat(artifacts(attempts.get(0).path("artifacts"))).isEqualTo(data.artifacts());
      if (!path.step().equals("_parameters")) {
        assertThat(task.path("last_heartbeat_at").isTextual())
            .as("heartbeat of " + path.pathspec())
            .isTrue();
      }
    }
    // the metadata went to the service only
    assertThat(Files.exists(root.resolve(FLOW).resolve("1").resolve("_meta"))).isFalse();
  }

  @Test
  @Order(2)
  void failure_thenResume_areRecordedWithTheirOrigin() {
    CountingRuns.Result failed = flow("run", "--count", "3", "--fail-at", "square");
    CountingRuns.Result resumed = flow("resume", "--origin-run-id", "2");

    assertThat(failed.code()).isEqualTo(1);
    assertThat(resumed.code()).isEqualTo(1);
    assertThat(resumed.out()).contains("Cloning results of a previously run task 2/start/");
    JsonNode run2 = service.call("GET", "/v1/flows/" + FLOW + "/runs/2", null).json();
    JsonNode run3 = service.call("GET", "/v1/flows/" + FLOW + "/runs/3", null).json();
    assertThat(run2.path("status").asText()).isEqualTo("FAILED");
    assertThat(run3.path("status").asText()).isEqualTo("FAILED");
    assertThat(run3.path("origin_run_id").asText()).isEqualTo("2");
    JsonNode tasks3 = service.call("GET", "/v1/flows/" + FLOW + "/runs/3/tasks", null).json();
    JsonNode start3 = find(tasks3, "start");
    assertThat(start3.path("origin_task").asText()).startsWith(FLOW + "/2/start/");
    JsonNode failedSquares =
        service.call("GET", "/v1/flows/" + FLOW + "/runs?status=FAILED", null).json().path("runs");
    assertThat(failedSquares.findValuesAsText("run_id")).containsExactly("3", "2");
    assertThat(tasks3.findValuesAsText("status")).contains("FAILED");
  }

  @Test
  @Order(3)
  void cliAndClient_readThroughTheService() {
    CountingRuns.Result runs = flow("runs");
    CountingRuns.Result dump = flow("dump", "1/end");
    CountingRuns.Result tagged = flow("tag", "add", "1", "good");

    assertThat(runs.code()).as(runs.err()).isZero();
    assertThat(runs.out()).contains("SUCCEEDED", "FAILED", "nightly");
    assertThat(runs.out().lines().filter(l -> l.matches("\\s*[123]\\s.*"))).hasSize(3);
    assertThat(dump.code()).as(dump.err()).isZero();
    assertThat(dump.out()).contains("total").contains("30");
    assertThat(tagged.code()).as(tagged.err()).isZero();
    assertThat(
            service
                .call("GET", "/v1/flows/" + FLOW + "/runs/1", null)
                .json()
                .path("tags")
                .toString())
        .isEqualTo("[\"nightly\",\"good\"]");

    ServiceMetadataStore metadata =
        new ServiceMetadataStore(service.url(), service.token(), Duration.ofSeconds(10));
    FlowRuns flow = FlowRuns.of(FLOW, root, metadata);
    Run latest = flow.latestSuccessfulRun();
    assertThat(latest.id()).isEqualTo("1");
    assertThat(latest.endTask().artifact("total")).isEqualTo(30);
    assertThat(latest.endTask().stdout()).contains("total 30");
    assertThat(flow.runsTagged("good")).extracting(Run::id).containsExactly("1");
    assertThat(flow.runs()).extracting(Run::id).containsExactly("3", "2", "1");

    String endTask =
        find(service.call("GET", "/v1/flows/" + FLOW + "/runs/1/tasks", null).json(), "end")
            .path("task_id")
            .asText();
    CountingRuns.Result logs = flow("logs", "1/end/" + endTask);
    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out()).contains("total 30");
  }

  private static JsonNode find(JsonNode tasks, String step) {
    for (JsonNode task : tasks) {
      if (task.path("step").asText().equals(step)) {
        return task;
      }
    }
    throw new AssertionError("No task of step " + step + " in " + tasks);
  }

  private static Map<String, ArtifactRef> artifacts(JsonNode array) {
    Map<String, ArtifactRef> refs = new LinkedHashMap<>();
    for (JsonNode artifact : array) {
      refs.put(
          artifact.path("name").asText(),
          new ArtifactRef(
              artifact.path("sha").asText(),
              artifact.path("type").isNull() ? null : artifact.path("type").asText(),
              artifact.path("size").asLong()));
    }
    return refs;
  }
}
