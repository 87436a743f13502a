package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxo.runtime.spi.FluxoVersion;
import io.fluxo.service.TestService.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MetadataApiIT {
  private static final String SHA_A = "a".repeat(64);
  private static final String SHA_B = "b".repeat(64);

  @RegisterExtension static final TestService service = TestService.perClass();

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void healthAndVersion_areOpenAndJson() {
    Reply health = service.call("GET", "/health", null, null);
    Reply version = service.call("GET", "/version", null, null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("database").asText()).isEqualTo("ok");
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.json().path("version").asText())
        .isEqualTo(FluxoVersion.current())
        .matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(version.json().path("api").asText()).isEqualTo("v1");
    assertThat(version.json().path("schema_version").asText()).isEqualTo("1");
  }

  @Test
  void createRun_assignsConsecutiveNumbersPerFlow_andCreatesTheFlow() {
    String first = service.createRun("NumberFlow", "ana");
    String second = service.createRun("NumberFlow", "ana");
    String other = service.createRun("OtherNumberFlow", "ana");

    assertThat(List.of(first, second, other)).containsExactly("1", "2", "1");
    Reply flow = service.call("GET", "/v1/flows/NumberFlow", null);
    assertThat(flow.json().path("user").asText()).isEqualTo("ana");
    assertThat(flow.json().path("run_count").asLong()).isEqualTo(2);
    assertThat(service.call("GET", "/v1/flows", null).json().findValuesAsText("flow"))
        .contains("NumberFlow", "OtherNumberFlow");
  }

  @Test
  void run_carriesUserTagsSystemTagsAndStatus() {
    Reply created =
        service.call(
            "POST",
            "/v1/flows/TagFlow/runs",
            "{\"user\": \"bo\", \"tags\": [\"nightly\", \"nightly\", \"v2\"], \"system_tags\": [\"runtime:local\"], \"host\": \"h\", \"pid\": 42}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode run = created.json();
    assertThat(run.path("flow").asText()).isEqualTo("TagFlow");
    assertThat(texts(run.path("tags"))).containsExactly("nightly", "v2");
    assertThat(texts(run.path("system_tags"))).containsExactly("user:bo", "runtime:local");
    assertThat(run.path("status").asText()).isEqualTo("RUNNING");
    assertThat(run.path("host").asText()).isEqualTo("h");
    assertThat(run.path("pid").asLong()).isEqualTo(42);
    assertThat(run.path("ended_at").isNull()).isTrue();
  }

  @Test
  void tags_addAndRemove_keepOrderAndIgnoreDuplicates() {
    String run = service.createRun("TagChangeFlow", "ana", "a", "b");
    String path = "/v1/flows/TagChangeFlow/runs/" + run;

    Reply changed =
        service.call("POST", path + "/tags", "{\"add\": [\"c\", \"a\"], \"remove\": [\"b\"]}");
    Reply put = service.call("PUT", path + "/tags/d", null);
    Reply deleted = service.call("DELETE", path + "/tags/a", null);

    assertThat(texts(changed.json().path("tags"))).containsExactly("a", "c");
    assertThat(texts(put.json().path("tags"))).containsExactly("a", "c", "d");
    assertThat(texts(deleted.json().path("tags"))).containsExactly("c", "d");
    assertThat(texts(service.call("GET", path, null).json().path("system_tags")))
        .containsExactly("user:ana");
  }

  @Test
  void patchRun_recordsStatusAndEndTime() {
    String run = service.createRun("PatchFlow", "ana");
    String path = "/v1/flows/PatchFlow/runs/" + run;

    Reply failed = service.call("PATCH", path, "{\"status\": \"FAILED\"}");
    Reply succeeded =
        service.call(
            "PATCH", path, "{\"status\": \"succeeded\", \"ended_at\": \"2026-01-02T03:04:05Z\"}");

    assertThat(failed.json().path("status").asText()).isEqualTo("FAILED");
    assertThat(failed.json().path("ended_at").isTextual()).isTrue();
    assertThat(succeeded.json().path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(succeeded.json().path("ended_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
  }

  @Test
  void runStatus_isSucceededOnceTheEndStepFinished() {
    String run = service.createRun("EndFlow", "ana");
    String task = "/v1/flows/EndFlow/runs/" + run + "/steps/end/tasks/7";
    service.call("PUT", task, "{\"input_paths\": []}");
    service.call("PUT", task + "/attempts/0", "{\"started_at\": \"2026-01-01T00:00:00Z\"}");
    assertThat(
            service
                .call("GET", "/v1/flows/EndFlow/runs/" + run, null)
                .json()
                .path("status")
                .asText())
        .isEqualTo("RUNNING");

    service.call(
        "PUT",
        task + "/attempts/0",
        "{\"status\": \"SUCCEEDED\", \"started_at\": \"2026-01-01T00:00:00Z\", \"ended_at\": \"2026-01-01T00:00:01Z\"}");

    JsonNode read = service.call("GET", "/v1/flows/EndFlow/runs/" + run, null).json();
    assertThat(read.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(read.path("recorded_status").asText()).isEqualTo("RUNNING");
  }

  @Test
  void listRuns_filtersByStatusTagUserAndTime() {
    String flow = "/v1/flows/ListFlow/runs";
    String a = service.createRun("ListFlow", "ana", "nightly");
    String b = service.createRun("ListFlow", "bo", "nightly", "gpu");
    String c = service.createRun("ListFlow", "ana");
    service.call("PATCH", flow + "/" + a, "{\"status\": \"SUCCEEDED\"}");
    service.call("PATCH", flow + "/" + c, "{\"status\": \"FAILED\"}");

    assertThat(ids(service.call("GET", flow, null))).containsExactly(c, b, a);
    assertThat(ids(service.call("GET", flow + "?status=succeeded", null))).containsExactly(a);
    assertThat(ids(service.call("GET", flow + "?status=RUNNING", null))).containsExactly(b);
    assertThat(ids(service.call("GET", flow + "?tag=nightly", null))).containsExactly(b, a);
    assertThat(ids(service.call("GET", flow + "?tag=nightly&tag=gpu", null))).containsExactly(b);
    assertThat(ids(service.call("GET", flow + "?tag=user:bo", null))).containsExactly(b);
    assertThat(ids(service.call("GET", flow + "?user=ana", null))).containsExactly(c, a);
    assertThat(
            ids(
                service.call(
                    "GET", flow + "?since=2000-01-01T00:00:00Z&until=2100-01-01T00:00:00Z", null)))
        .containsExactly(c, b, a);
    assertThat(ids(service.call("GET", flow + "?until=2000-01-01T00:00:00Z", null))).isEmpty();
    assertThat(ids(service.call("GET", flow + "?since=" + Instant.now().plusSeconds(3600), null)))
        .isEmpty();
  }

  @Test
  void listRuns_pagesWithACursor() {
    for (int i = 0; i < 7; i++) {
      service.createRun("PageFlow", "ana");
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply page =
          service.call(
              "GET",
              "/v1/flows/PageFlow/runs?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
              null);
      assertThat(page.status()).isEqualTo(200);
      seen.addAll(ids(page));
      cursor =
          page.json().path("next_cursor").isNull()
              ? null
              : page.json().path("next_cursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("7", "6", "5", "4", "3", "2", "1");
  }

  @Test
  void tasksAttemptsAndArtifacts_roundTrip() {
    String run = service.createRun("TaskFlow", "ana");
    String step = "/v1/flows/TaskFlow/runs/" + run + "/steps/train";
    Reply task =
        service.call(
            "PUT",
            step + "/tasks/3",
            "{\"input_paths\": [\"1/start/1\"], \"split_index\": 2, \"created_at\": \"2026-01-01T00:00:00Z\"}");
    Reply start =
        service.call(
            "PUT",
            step + "/tasks/3/attempts/0",
            "{\"started_at\": \"2026-01-01T00:00:01Z\", \"pid\": 9}");
    Reply end =
        service.call(
            "PUT",
            step + "/tasks/3/attempts/0",
            """
        {"status": "SUCCEEDED", "started_at": "2026-01-01T00:00:01Z", "ended_at": "2026-01-01T00:00:02Z", "pid": 9,
         "artifacts": [{"name": "model", "sha": "%s", "type": "java.lang.String", "size": 12, "location": "TaskFlow/data/aa/%s"},
                       {"name": "alpha", "sha": "%s", "type": null, "size": 0}]}"""
                .formatted(SHA_A, SHA_A, SHA_B));

    assertThat(task.status()).isEqualTo(200);
    assertThat(task.json().path("status").asText()).isEqualTo("PENDING");
    assertThat(start.json().path("status").isNull()).isTrue();
    assertThat(end.json().path("artifacts")).hasSize(2);
    JsonNode read = service.call("GET", step + "/tasks/3", null).json();
    assertThat(read.path("status").asText()).isEqualTo("SUCCEEDED");
    assertThat(texts(read.path("input_paths"))).containsExactly("1/start/1");
    assertThat(read.path("split_index").asInt()).isEqualTo(2);
    JsonNode artifacts = service.call("GET", step + "/tasks/3/artifacts", null).json();
    assertThat(artifacts.path("attempt").asInt()).isZero();
    assertThat(artifacts.path("artifacts").findValuesAsText("name"))
        .containsExactly("model", "alpha");
    JsonNode model = service.call("GET", step + "/tasks/3/artifacts/model", null).json();
    assertThat(model.path("sha").asText()).isEqualTo(SHA_A);
    assertThat(model.path("size").asLong()).isEqualTo(12);
    assertThat(model.path("location").asText()).isEqualTo("TaskFlow/data/aa/" + SHA_A);
    assertThat(
            service
                .call("GET", "/v1/flows/TaskFlow/runs/" + run + "/steps", null)
                .json()
                .findValuesAsText("step"))
        .containsExactly("train");
    assertThat(service.call("GET", step + "/tasks", null).json().findValuesAsText("task_id"))
        .containsExactly("3");
    assertThat(
            service
                .call("GET", "/v1/flows/TaskFlow/runs/" + run + "/tasks", null)
                .json()
                .findValuesAsText("task_id"))
        .containsExactly("3");
  }

  @Test
  void artifacts_ofALaterAttemptAreAddedAndChosenByDefault() {
    String run = service.createRun("RetryFlow", "ana");
    String task = "/v1/flows/RetryFlow/runs/" + run + "/steps/s/tasks/1";
    service.call("PUT", task, "{}");
    service.call(
        "PUT",
        task + "/attempts/0",
        "{\"status\": \"FAILED\", \"started_at\": \"2026-01-01T00:00:00Z\", \"error\": \"boom\"}");
    service.call("PUT", task + "/attempts/1", "{\"started_at\": \"" + Instant.now() + "\"}");

    Reply added =
        service.call(
            "POST",
            task + "/attempts/1/artifacts",
            "{\"artifacts\": [{\"name\": \"x\", \"sha\": \"" + SHA_A + "\", \"size\": 1}]}");
    Reply missingAttempt =
        service.call(
            "POST",
            task + "/attempts/5/artifacts",
            "{\"artifacts\": [{\"name\": \"x\", \"sha\": \"" + SHA_A + "\", \"size\": 1}]}");

    assertThat(added.status()).isEqualTo(201);
    assertThat(missingAttempt.status()).isEqualTo(404);
    assertThat(service.call("GET", task + "/artifacts", null).json().path("attempt").asInt())
        .isEqualTo(1);
    assertThat(service.call("GET", task + "/artifacts?attempt=0", null).json().path("artifacts"))
        .isEmpty();
    JsonNode attempts = service.call("GET", task + "/attempts", null).json();
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).path("error").asText()).isEqualTo("boom");
    assertThat(service.call("GET", task, null).json().path("status").asText()).isEqualTo("RUNNING");
  }

  @Test
  void postTask_refusesAnExistingTask_andTaskIdsAreUniquePerRun() {
    String run = service.createRun("ConflictFlow", "ana");
    String steps = "/v1/flows/ConflictFlow/runs/" + run + "/steps/";

    Reply created = service.call("POST", steps + "a/tasks", "{\"task_id\": \"1\"}");
    Reply again = service.call("POST", steps + "a/tasks", "{\"task_id\": \"1\"}");
    Reply otherStep = service.call("PUT", steps + "b/tasks/1", "{}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).contains("Conflict");
    assertThat(otherStep.status()).isEqualTo(409);
  }

  @Test
  void metadataAndHeartbeats_areStored() {
    String run = service.createRun("MetaFlow", "ana");
    String task = "/v1/flows/MetaFlow/runs/" + run + "/steps/s/tasks/1";
    service.call("PUT", task, "{}");

    Reply added =
        service.call(
            "POST",
            task + "/metadata",
            "{\"metadata\": [{\"field\": \"attempt-ok\", \"value\": \"true\", \"type\": \"internal\", \"tags\": [\"attempt_id:0\"], \"attempt\": 0}]}");
    Reply runBeat = service.call("POST", "/v1/flows/MetaFlow/runs/" + run + "/heartbeat", null);
    Reply taskBeat = service.call("POST", task + "/heartbeat", null);

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().get(0).path("field").asText()).isEqualTo("attempt-ok");
    assertThat(service.call("GET", task + "/metadata", null).json()).hasSize(1);
    assertThat(runBeat.json().path("heartbeat_at").isTextual()).isTrue();
    assertThat(taskBeat.json().path("heartbeat_at").isTextual()).isTrue();
    assertThat(service.call("GET", task, null).json().path("last_heartbeat_at").isTextual())
        .isTrue();
  }

  @Test
  void graph_isStoredAsJson() {
    String run = service.createRun("GraphFlow", "ana");
    String path = "/v1/flows/GraphFlow/runs/" + run + "/graph";
    assertThat(service.call("GET", path, null).status()).isEqualTo(404);

    assertThat(service.call("PUT", path, "{\"name\": \"GraphFlow\", \"steps\": []}").status())
        .isEqualTo(204);

    assertThat(service.call("GET", path, null).json().path("name").asText()).isEqualTo("GraphFlow");
  }

  @Test
  void unknownRoute_isJson404() {
    Reply reply = service.call("GET", "/v1/nothing/here", null);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("status").asInt()).isEqualTo(404);
    assertThat(reply.error()).isNotBlank();
  }

  private static List<String> ids(Reply page) {
    assertThat(page.status()).as(page.text()).isEqualTo(200);
    return page.json().path("runs").findValuesAsText("run_id");
  }
}
