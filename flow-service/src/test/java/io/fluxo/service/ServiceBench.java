package io.fluxo.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Requests per second and p50/p99 latency of the metadata service for task creation and run listing
 * with N concurrent clients (default 16), on an embedded PostgreSQL, with bearer-token
 * authentication on. Clients, service and database share this machine. Not a test: {@code
 * bench/service/run.sh} runs it. Arguments: {@code [clients] [seconds per workload] [warm-up
 * seconds]}.
 */
public final class ServiceBench {
  private ServiceBench() {}

  /**
   * One workload's figures.
   *
   * @param name what was measured
   * @param requests requests completed in the measured window
   * @param errors answers that were not the expected status
   * @param seconds the measured window
   * @param latenciesMicros every request's latency
   */
  private record Result(
      String name, long requests, long errors, double seconds, long[] latenciesMicros) {
    double perSecond() {
      return requests / seconds;
    }

    double percentileMillis(double p) {
      long[] sorted = latenciesMicros.clone();
      Arrays.sort(sorted);
      return sorted.length == 0
          ? 0
          : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
    }
  }

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    System.out.printf(
        "Fluxo metadata service benchmark: %d clients, %d s per workload after %d s warm-up%n",
        clients, seconds, warmup);
    System.out.println(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + cpuModel()
            + ", load average "
            + loadAverage());
    try (TestService service = TestService.start()) {
      String runId = service.createRun("BenchFlow", "bench");
      String tasks = "/v1/flows/BenchFlow/runs/" + runId + "/steps/work/tasks/";
      AtomicLong taskIds = new AtomicLong();
      String taskBody =
          "{\"input_paths\": [\""
              + runId
              + "/start/1\"], \"split_index\": 3, \"created_at\": \"2026-01-01T00:00:00Z\"}";
      Result create =
          measure(
              "create task (PUT .../tasks/{id})",
              service,
              clients,
              warmup,
              seconds,
              200,
              client ->
                  HttpRequest.newBuilder(
                          URI.create(service.url() + tasks + taskIds.incrementAndGet()))
                      .PUT(HttpRequest.BodyPublishers.ofString(taskBody)));

      for (int i = 0; i < 1000; i++) {
        service.createRun("ListFlow", "user" + (i % 10), i % 2 == 0 ? "nightly" : "adhoc");
      }
      Result list =
          measure(
              "list runs (GET .../runs?limit=100)",
              service,
              clients,
              warmup,
              seconds,
              200,
              client ->
                  HttpRequest.newBuilder(
                          URI.create(service.url() + "/v1/flows/ListFlow/runs?limit=100"))
                      .GET());
      Result listTagged =
          measure(
              "list runs by tag (GET .../runs?tag=nightly&limit=100)",
              service,
              clients,
              warmup,
              seconds,
              200,
              client ->
                  HttpRequest.newBuilder(
                          URI.create(
                              service.url() + "/v1/flows/ListFlow/runs?tag=nightly&limit=100"))
                      .GET());

      System.out.println();
      System.out.printf(
          "%-55s %10s %9s %9s %7s%n", "workload", "req/s", "p50 ms", "p99 ms", "errors");
      for (Result result : List.of(create, list, listTagged)) {
        System.out.printf(
            "%-55s %10.0f %9.1f %9.1f %7d%n",
            result.name(),
            result.perSecond(),
            result.percentileMillis(0.50),
            result.percentileMillis(0.99),
            result.errors());
      }
      System.out.println("Load average after: " + loadAverage());
    }
  }

  private static Result measure(
      String name,
      TestService service,
      int clients,
      int warmupSeconds,
      int seconds,
      int expected,
      IntFunction<HttpRequest.Builder> request)
      throws InterruptedException {
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(warmupSeconds).toNanos();
    long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
    List<List<Long>> latencies = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(clients);
    for (int c = 0; c < clients; c++) {
      List<Long> mine = new ArrayList<>();
      latencies.add(mine);
      int client = c;
      Thread thread =
          new Thread(
              () -> {
                HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                try {
                  while (System.nanoTime() < end) {
                    HttpRequest built =
                        request
                            .apply(client)
                            .header("Authorization", "Bearer " + service.token())
                            .header("Content-Type", "application/json")
                            .build();
                    long start = System.nanoTime();
                    HttpResponse<byte[]> response =
                        http.send(built, HttpResponse.BodyHandlers.ofByteArray());
                    long stop = System.nanoTime();
                    if (start >= warmupEnd && stop <= end) {
                      mine.add((stop - start) / 1000);
                      if (response.statusCode() != expected) {
                        errors.incrementAndGet();
                      }
                    }
                  }
                } catch (Exception e) {
                  errors.incrementAndGet();
                  System.err.println("Client " + client + " stopped: " + e);
                } finally {
                  done.countDown();
                }
              },
              "bench-client-" + c);
      thread.start();
    }
    done.await();
    long[] all = latencies.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
    return new Result(name, all.length, errors.get(), seconds, all);
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("unknown CPU");
    } catch (Exception e) {
      return "unknown CPU";
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
