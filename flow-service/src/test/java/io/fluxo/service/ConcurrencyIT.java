package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fluxo.service.TestService.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many writers at once lose nothing and duplicate nothing. */
class ConcurrencyIT {
  private static final int WRITERS = 50;
  private static final int TASKS_PER_WRITER = 8;
  private static final int ARTIFACTS_PER_TASK = 4;
  private static final int RACE_ROUNDS = 30;

  @RegisterExtension static final TestService service = TestService.perClass();

  @Test
  void fiftyWriters_creatingTasksAndArtifacts_loseAndDuplicateNothing() throws Exception {
    String run = service.createRun("BusyFlow", "ana");
    String steps = "/v1/flows/BusyFlow/runs/" + run + "/steps/";

    List<Integer> failures =
        inParallel(
            writer -> {
              int failed = 0;
              for (int i = 0; i < TASKS_PER_WRITER; i++) {
                String taskId = Integer.toString(writer * 1000 + i);
                String task = steps + "work" + (writer % 5) + "/tasks/" + taskId;
                failed +=
                    expect(
                        service.call(
                            "PUT",
                            task,
                            "{\"input_paths\": [\""
                                + run
                                + "/start/1\"], \"split_index\": "
                                + i
                                + "}"),
                        200);
                failed +=
                    expect(
                        service.call(
                            "PUT",
                            task + "/attempts/0",
                            "{\"started_at\": \"2026-01-01T00:00:00Z\"}"),
                        200);
                StringBuilder artifacts = new StringBuilder();
                for (int a = 0; a < ARTIFACTS_PER_TASK; a++) {
                  artifacts
                      .append(a == 0 ? "" : ",")
                      .append("{\"name\": \"a")
                      .append(a)
                      .append("\", \"sha\": \"")
                      .append(sha(writer, i, a))
                      .append("\", \"size\": ")
                      .append(a)
                      .append('}');
                }
                failed +=
                    expect(
                        service.call(
                            "POST",
                            task + "/attempts/0/artifacts",
                            "{\"artifacts\": [" + artifacts + "]}"),
                        201);
                // the same record written again (a retried request) must not duplicate anything
                failed +=
                    expect(
                        service.call(
                            "POST",
                            task + "/attempts/0/artifacts",
                            "{\"artifacts\": [" + artifacts + "]}"),
                        201);
                failed +=
                    expect(
                        service.call(
                            "PUT",
                            task + "/attempts/0",
                            "{\"status\": \"SUCCEEDED\", \"started_at\": \"2026-01-01T00:00:00Z\", \"ended_at\": \"2026-01-01T00:00:01Z\"}"),
                        200);
              }
              return failed;
            });

    assertThat(failures).allMatch(f -> f == 0);
    JsonNode tasks = service.call("GET", "/v1/flows/BusyFlow/runs/" + run + "/tasks", null).json();
    List<String> ids = tasks.findValuesAsText("task_id");
    assertThat(ids).hasSize(WRITERS * TASKS_PER_WRITER).doesNotHaveDuplicates();
    assertThat(tasks.findValuesAsText("status")).containsOnly("SUCCEEDED");
    Set<String> shas = new HashSet<>();
    for (JsonNode task : tasks) {
      String path =
          "/v1/flows/BusyFlow/runs/"
              + run
              + "/steps/"
              + task.path("step").asText()
              + "/tasks/"
              + task.path("task_id").asText();
      JsonNode artifacts = service.call("GET", path + "/artifacts", null).json().path("artifacts");
      assertThat(artifacts.findValuesAsText("name")).containsExactly("a0", "a1", "a2", "a3");
      shas.addAll(artifacts.findValuesAsText("sha"));
    }
    assertThat(shas).hasSize(WRITERS * TASKS_PER_WRITER * ARTIFACTS_PER_TASK);
    long rows =
        service
            .jdbi()
            .withHandle(
                h -> h.createQuery("SELECT count(*) FROM artifacts").mapTo(Long.class).one());
    assertThat(rows).isEqualTo(WRITERS * TASKS_PER_WRITER * ARTIFACTS_PER_TASK);
  }

  @Test
  void concurrentRunCreation_getsDistinctConsecutiveNumbers() throws Exception {
    List<String> ids = new ArrayList<>();
    inParallel(
        writer -> {
          Reply reply =
              service.call("POST", "/v1/flows/RaceFlow/runs", "{\"user\": \"w" + writer + "\"}");
          synchronized (ids) {
            ids.add(
                reply.status() == 201
                    ? reply.json().path("run_id").asText()
                    : "failed " + reply.status());
          }
          return 0;
        });

    List<Long> numbers = ids.stream().map(Long::parseLong).sorted().toList();
    assertThat(numbers).hasSize(WRITERS).doesNotHaveDuplicates();
    assertThat(numbers.get(0)).isEqualTo(1);
    assertThat(numbers.get(WRITERS - 1)).isEqualTo(WRITERS);
  }

  @Test
  void concurrentRegistrationOfOneTask_keepsOneRecord() throws Exception {
    String run = service.createRun("SameTaskFlow", "ana");
    // the race is narrow: many rounds, each with 50 writers registering one new task at once
    for (int round = 0; round < RACE_ROUNDS; round++) {
      String task = "/v1/flows/SameTaskFlow/runs/" + run + "/steps/s/tasks/" + round;

      List<Integer> failures =
          inParallel(writer -> expect(service.call("PUT", task, "{\"split_index\": 3}"), 200));

      assertThat(failures).as("round %d", round).allMatch(f -> f == 0);
    }
    assertThat(service.call("GET", "/v1/flows/SameTaskFlow/runs/" + run + "/tasks", null).json())
        .hasSize(RACE_ROUNDS);
  }

  /** Runs {@code work} for writers 0..49 at once; returns their results. */
  private static List<Integer> inParallel(Worker work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int writer = 0; writer < WRITERS; writer++) {
        int w = writer;
        Callable<Integer> call =
            () -> {
              go.await();
              return work.run(w);
            };
        futures.add(pool.submit(call));
      }
      go.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> future : futures) {
        results.add(future.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Worker {
    int run(int writer) throws Exception;
  }

  private static int expect(Reply reply, int status) {
    if (reply.status() != status) {
      System.err.println("Unexpected " + reply.status() + ": " + reply.text());
      return 1;
    }
    return 0;
  }

  private static String sha(int writer, int task, int artifact) {
    return String.format("%020d%020d%024d", writer, task, artifact);
  }
}
