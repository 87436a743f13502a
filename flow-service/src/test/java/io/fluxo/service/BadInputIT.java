package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.service.TestService.Reply;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Malformed, unknown, oversized and hostile input is refused with 4xx and a message, and changes
 * nothing.
 */
class BadInputIT {
  private static final String SHA = "c".repeat(64);
  private static final long LIMIT = 64 * 1024;

  /** Strings that would do harm if they reached SQL (or a path) unparameterized. */
  private static final List<String> HOSTILE =
      List.of(
          "'; DROP TABLE runs; --",
          "1 OR 1=1",
          "1; DELETE FROM tasks",
          "x' UNION SELECT flow_name FROM flows --",
          "\" OR \"\"=\"",
          "Robert'); DROP TABLE artifacts;--",
          "../../etc/passwd",
          "$(rm -rf /)",
          "a\u0000b",
          "%27%20OR%201%3D1",
          " ",
          "x".repeat(300));

  /**
   * Every route and a valid body for it; {@code {flow} {run} {step} {task} {attempt} {name}} are
   * filled in.
   */
  private static final List<String[]> ROUTES =
      List.of(
          new String[] {"GET", "/v1/flows/{flow}", null},
          new String[] {"POST", "/v1/flows/{flow}", "{\"user\": \"ana\"}"},
          new String[] {"POST", "/v1/flows/{flow}/runs", "{\"user\": \"ana\"}"},
          new String[] {"GET", "/v1/flows/{flow}/runs", null},
          new String[] {"GET", "/v1/flows/{flow}/runs/{run}", null},
          new String[] {"PATCH", "/v1/flows/{flow}/runs/{run}", "{\"status\": \"FAILED\"}"},
          new String[] {"POST", "/v1/flows/{flow}/runs/{run}/heartbeat", null},
          new String[] {"POST", "/v1/flows/{flow}/runs/{run}/tags", "{\"add\": [\"t\"]}"},
          new String[] {"PUT", "/v1/flows/{flow}/runs/{run}/graph", "{\"name\": \"x\"}"},
          new String[] {"GET", "/v1/flows/{flow}/runs/{run}/graph", null},
          new String[] {"GET", "/v1/flows/{flow}/runs/{run}/steps", null},
          new String[] {"POST", "/v1/flows/{flow}/runs/{run}/steps/{step}", null},
          new String[] {"GET", "/v1/flows/{flow}/runs/{run}/steps/{step}", null},
          new String[] {"GET", "/v1/flows/{flow}/runs/{run}/tasks", null},
          new String[] {"GET", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks", null},
          new String[] {
            "POST", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks", "{\"task_id\": \"9\"}"
          },
          new String[] {"PUT", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}", "{}"},
          new String[] {"GET", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}", null},
          new String[] {
            "POST", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/heartbeat", null
          },
          new String[] {
            "GET", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/attempts", null
          },
          new String[] {
            "PUT",
            "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/attempts/{attempt}",
            "{\"started_at\": \"2026-01-01T00:00:00Z\"}"
          },
          new String[] {
            "POST",
            "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/attempts/{attempt}/artifacts",
            "{\"artifacts\": [{\"name\": \"n\", \"sha\": \"" + SHA + "\", \"size\": 1}]}"
          },
          new String[] {
            "GET", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/artifacts", null
          },
          new String[] {
            "GET", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/artifacts/{name}", null
          },
          new String[] {
            "POST",
            "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/metadata",
            "{\"metadata\": [{\"field\": \"f\", \"value\": \"v\"}]}"
          },
          new String[] {
            "GET", "/v1/flows/{flow}/runs/{run}/steps/{step}/tasks/{task}/metadata", null
          });

  /** Numbers out of range, for the numeric path parameters. */
  private static final Map<String, List<String>> OUT_OF_RANGE =
      Map.of(
          "run",
          List.of("-1", "0", "1.5", "99999999999999999999999"),
          "attempt",
          List.of("-1", "1.5", "99999999999999999999999"));

  private static final Map<String, String> VALID =
      Map.of(
          "flow", "BadFlow", "run", "1", "step", "s", "task", "1", "attempt", "0", "name", "model");

  @RegisterExtension
  static final TestService service =
      TestService.perClass(TestService.TOKEN, Duration.ofSeconds(60), LIMIT);

  private String before;

  @BeforeAll
  static void createData() {
    service.createRun("BadFlow", "ana", "keep");
    String task = "/v1/flows/BadFlow/runs/1/steps/s/tasks/1";
    service.call("PUT", task, "{}");
    service.call(
        "PUT",
        task + "/attempts/0",
        """
        {"status": "SUCCEEDED", "started_at": "2026-01-01T00:00:00Z", "artifacts": [{"name": "model", "sha": "%s", "size": 3}]}"""
            .formatted(SHA));
    service.call(
        "POST", task + "/metadata", "{\"metadata\": [{\"field\": \"f\", \"value\": \"v\"}]}");
  }

  @BeforeEach
  void snapshot() {
    before = service.fingerprint();
  }

  @AfterEach
  void databaseIsUnchanged() {
    assertThat(service.fingerprint()).isEqualTo(before);
  }

  @Test
  void hostileStrings_inEveryPathParameter_are4xxWithAMessage() {
    List<String> problems = new ArrayList<>();
    int requests = 0;
    for (String[] route : ROUTES) {
      for (String param : VALID.keySet()) {
        if (!route[1].contains("{" + param + "}")) {
          continue;
        }
        List<String> values = new ArrayList<>(HOSTILE);
        values.addAll(OUT_OF_RANGE.getOrDefault(param, List.of()));
        for (String hostile : values) {
          String path = fill(route[1], param, hostile);
          Reply reply = service.call(route[0], path, route[2]);
          requests++;
          if (reply.status() < 400
              || reply.status() >= 500
              || reply.error() == null
              || reply.error().isBlank()) {
            problems.add(route[0] + " " + path + " -> " + reply.status() + " " + reply.text());
          }
        }
      }
    }
    assertThat(requests).isGreaterThan(500);
    assertThat(problems).isEmpty();
  }

  @Test
  void hostileStrings_inFilterParameters_are4xxOrMatchNothing() {
    List<String> problems = new ArrayList<>();
    for (String param : List.of("status", "since", "until", "limit", "cursor", "tag", "user")) {
      List<String> values = new ArrayList<>(HOSTILE);
      values.addAll(List.of("-1", "0", "99999999999999999999999"));
      for (String hostile : values) {
        Reply reply =
            service.call("GET", "/v1/flows/BadFlow/runs?" + param + "=" + encode(hostile), null);
        boolean refused =
            reply.status() == 400 && reply.error() != null && !reply.error().isBlank();
        // tags and users are free text: a hostile one is a value that matches no run, bound as a
        // parameter
        boolean freeText =
            (param.equals("tag") || param.equals("user"))
                && reply.status() == 200
                && reply.json().path("runs").isEmpty();
        if (!refused && !freeText) {
          problems.add(param + "=" + hostile + " -> " + reply.status() + " " + reply.text());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void hostileTag_isStoredVerbatim_thenRemoved() {
    String hostile = HOSTILE.get(0);
    Reply added = service.call("PUT", "/v1/flows/BadFlow/runs/1/tags/" + encode(hostile), null);
    assertThat(added.json().path("tags").toString()).contains("DROP TABLE runs");
    assertThat(
            service
                .call("GET", "/v1/flows/BadFlow/runs?tag=" + encode(hostile), null)
                .json()
                .path("runs"))
        .hasSize(1);

    Reply removed =
        service.call("DELETE", "/v1/flows/BadFlow/runs/1/tags/" + encode(hostile), null);
    assertThat(removed.json().path("tags").toString()).isEqualTo("[\"keep\"]");
  }

  @Test
  void malformedBodies_are400WithAMessage() {
    String run = "/v1/flows/BadFlow/runs";
    String task = run + "/1/steps/s/tasks/1";
    List<String[]> cases =
        List.of(
            new String[] {"POST", run, "{"},
            new String[] {"POST", run, "not json"},
            new String[] {"POST", run, "[]"},
            new String[] {"POST", run, "null"},
            new String[] {"POST", run, "\"ana\""},
            new String[] {"POST", run, "{}"},
            new String[] {"POST", run, "{\"user\": \"ana\"} {\"user\": \"bo\"}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"unknown\": 1}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"tags\": \"nightly\"}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"tags\": [null]}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"tags\": [\"\"]}"},
            new String[] {
              "POST", run, "{\"user\": \"ana\", \"origin_run_id\": \"x; DROP TABLE runs\"}"
            },
            new String[] {"POST", run, "{\"user\": \"ana\", \"pid\": -5}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"pid\": 1e400}"},
            new String[] {"POST", run, "{\"user\": \"a\u0000b\"}"},
            new String[] {"POST", run, "[".repeat(5000) + "]".repeat(5000)},
            new String[] {"PATCH", run + "/1", "{\"status\": \"DONE\"}"},
            new String[] {
              "PATCH", run + "/1", "{\"status\": \"FAILED\", \"ended_at\": \"yesterday\"}"
            },
            new String[] {"PATCH", run + "/1", "{}"},
            new String[] {"POST", run + "/1/tags", "{\"add\": [\"" + "t".repeat(300) + "\"]}"},
            new String[] {"PUT", run + "/1/graph", "[1, 2]"},
            new String[] {"PUT", run + "/1/graph", "{\"a\": "},
            new String[] {"PUT", task, "{\"split_index\": -7}"},
            new String[] {"PUT", task, "{\"task_id\": \"2\"}"},
            new String[] {"PUT", task, "{\"input_paths\": [1, {}]}"},
            new String[] {"PUT", task + "/attempts/0", "{}"},
            new String[] {
              "PUT",
              task + "/attempts/0",
              "{\"started_at\": \"2026-01-01T00:00:00Z\", \"status\": \"MAYBE\"}"
            },
            new String[] {
              "PUT",
              task + "/attempts/0",
              "{\"started_at\": \"2026-01-01T00:00:00Z\", \"artifacts\": [{\"name\": \"x\", \"sha\": \"nothex\", \"size\": 1}]}"
            },
            new String[] {
              "PUT",
              task + "/attempts/0",
              "{\"started_at\": \"2026-01-01T00:00:00Z\", \"artifacts\": [{\"name\": \"x\", \"sha\": \""
                  + SHA
                  + "\", \"size\": -1}]}"
            },
            new String[] {
              "PUT",
              task + "/attempts/0",
              "{\"started_at\": \"2026-01-01T00:00:00Z\", \"artifacts\": [null]}"
            },
            new String[] {"POST", task + "/attempts/0/artifacts", "{\"artifacts\": null}"},
            new String[] {
              "POST",
              task + "/attempts/0/artifacts",
              "{\"artifacts\": [{\"name\": \"bad name\", \"sha\": \"" + SHA + "\", \"size\": 1}]}"
            },
            new String[] {"POST", task + "/metadata", "{\"metadata\": [{\"value\": \"v\"}]}"},
            new String[] {"POST", task + "/metadata", "{}"},
            new String[] {"POST", run + "/1/steps/s/tasks", "{}"},
            // no coercion of one JSON type into another, no duplicate keys
            new String[] {"POST", run, "{\"user\": 5}"},
            new String[] {"POST", run, "{\"user\": true}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"user\": \"bo\"}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"pid\": 1.5}"},
            new String[] {"POST", run, "{\"user\": \"ana\", \"pid\": \"12\"}"},
            new String[] {"PATCH", run + "/1", "{\"status\": 2}"},
            new String[] {
              "PATCH", run + "/1", "{\"status\": \"FAILED\", \"ended_at\": 1700000000}"
            },
            new String[] {
              "PATCH",
              run + "/1",
              "{\"status\": \"FAILED\", \"ended_at\": \"+1000000000-01-01T00:00:00Z\"}"
            },
            new String[] {"PUT", task, "{\"split_index\": 1.5}"});
    List<String> problems = new ArrayList<>();
    for (String[] c : cases) {
      Reply reply = service.call(c[0], c[1], c[2]);
      if (reply.status() != 400
          || reply.error() == null
          || reply.error().isBlank()
          || reply.json().path("status").asInt() != 400) {
        problems.add(
            c[0]
                + " "
                + c[1]
                + " "
                + c[2].substring(0, Math.min(80, c[2].length()))
                + " -> "
                + reply.status()
                + " "
                + reply.text());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void anEncodedSlashInAPath_andABodyThatIsNotUtf8_are400() {
    Reply slash = service.call("GET", "/v1/flows/Bad%2FFlow/runs", null);
    Reply latin1 =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/flows/BadFlow/runs"))
                .header("Authorization", "Bearer " + service.token())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        "{\"user\": \"Jos\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)))
                .build());

    assertThat(slash.status()).as(slash.text()).isEqualTo(400);
    assertThat(slash.json().path("status").asInt()).isEqualTo(400);
    assertThat(latin1.status()).as(latin1.text()).isEqualTo(400);
    assertThat(latin1.error()).isNotBlank();
  }

  @Test
  void missingBody_is400() {
    Reply reply = service.call("POST", "/v1/flows/BadFlow/runs", null);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.error()).isEqualTo("Missing JSON body");
  }

  @Test
  void unknownIds_are404WithAMessage() {
    String task = "/v1/flows/BadFlow/runs/1/steps/s/tasks/";
    List<String[]> cases =
        List.of(
            new String[] {"GET", "/v1/flows/NoSuchFlow", null},
            new String[] {"GET", "/v1/flows/NoSuchFlow/runs", null},
            new String[] {"GET", "/v1/flows/BadFlow/runs/999", null},
            new String[] {"PATCH", "/v1/flows/BadFlow/runs/999", "{\"status\": \"FAILED\"}"},
            new String[] {"POST", "/v1/flows/BadFlow/runs/999/heartbeat", null},
            new String[] {"POST", "/v1/flows/BadFlow/runs/999/tags", "{\"add\": [\"x\"]}"},
            new String[] {"PUT", "/v1/flows/BadFlow/runs/999/graph", "{}"},
            new String[] {"GET", "/v1/flows/BadFlow/runs/999/tasks", null},
            new String[] {"GET", "/v1/flows/BadFlow/runs/1/steps/nostep", null},
            new String[] {"GET", "/v1/flows/BadFlow/runs/1/steps/nostep/tasks", null},
            new String[] {"PUT", "/v1/flows/BadFlow/runs/999/steps/s/tasks/1", "{}"},
            new String[] {"GET", task + "77", null},
            new String[] {"POST", task + "77/heartbeat", null},
            new String[] {
              "PUT", task + "77/attempts/0", "{\"started_at\": \"2026-01-01T00:00:00Z\"}"
            },
            new String[] {"GET", task + "1/artifacts?attempt=5", null},
            new String[] {"GET", task + "1/artifacts/nothing", null},
            new String[] {"POST", task + "1/attempts/4/artifacts", "{\"artifacts\": []}"},
            new String[] {"POST", task + "77/metadata", "{\"metadata\": []}"});
    List<String> problems = new ArrayList<>();
    for (String[] c : cases) {
      Reply reply = service.call(c[0], c[1], c[2]);
      if (reply.status() != 404 || reply.error() == null || reply.error().isBlank()) {
        problems.add(c[0] + " " + c[1] + " -> " + reply.status() + " " + reply.text());
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void oversizedBody_is413_declaredOrStreamed() {
    String big = "{\"user\": \"" + "x".repeat((int) LIMIT) + "\"}";
    Reply declared = service.call("POST", "/v1/flows/BadFlow/runs", big);
    Reply streamed =
        service.send(
            HttpRequest.newBuilder(URI.create(service.url() + "/v1/flows/BadFlow/runs"))
                .header("Authorization", "Bearer " + service.token())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());

    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.error()).contains("limit");
    assertThat(streamed.status()).isEqualTo(413);
    assertThat(streamed.error()).contains("limit");
  }

  private static String fill(String template, String param, String value) {
    String path = template.replace("{" + param + "}", encode(value));
    for (Map.Entry<String, String> valid : VALID.entrySet()) {
      path = path.replace("{" + valid.getKey() + "}", valid.getValue());
    }
    return path;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
