package io.fluxo.service;

import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.ui.catalog.RunPage;
import io.fluxo.ui.catalog.RunQuery;
import io.fluxo.ui.catalog.TaskView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Latency of the UI's {@link DatabaseRunCatalog} on a large database: median and p95 of each page's
 * call, one caller at a time, on an embedded PostgreSQL on this machine. The data is written with
 * bulk SQL ({@code generate_series}), not through the service: N runs over 50 flows and 20 users
 * (90 % succeeded, 7 % failed, 3 % recorded running: of those a third finished their end step, the
 * rest are dead but for the newest), each with a start and a work task and, if it succeeded, an end
 * task, each task with one attempt and two artifacts; and one run of {@code BigFlow} with M tasks
 * (a foreach), every third retried once, three artifacts per attempt. The catalog's clock stands at
 * the newest run's start plus 10 s (heartbeat timeout 5 minutes). Not a test: run it by hand as
 * {@code bench/service/run.sh} runs {@link ServiceBench}, with this class's name instead (java -cp
 * on flow-service's test classpath). Arguments: {@code [runs, 100000] [tasks of the big run, 10000]
 * [measured calls per figure, 50] [--hold]}; with {@code --hold} the database stays up after the
 * figures (its JDBC URL is printed) until the process is stopped, for EXPLAIN in psql.
 */
public final class UiCatalogBench {
  private static final int FLOWS = 50;
  private static final int USERS = 20;
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration SPACING = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private UiCatalogBench() {}

  public static void main(String[] args) throws Exception {
    List<String> numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    boolean hold = Arrays.asList(args).contains("--hold");
    int runs = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 100_000;
    int bigTasks = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 10_000;
    int calls = numbers.size() > 2 ? Integer.parseInt(numbers.get(2)) : 50;
    System.out.printf(
        "Fluxo UI catalog benchmark: %,d runs over %d flows, a run of %,d tasks; median and p95 of"
            + " %d calls after %d warm-up calls%n",
        runs, FLOWS, bigTasks, calls, Math.max(5, calls / 5));
    System.out.println(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + cpuModel()
            + ", load average "
            + loadAverage());
    try (Database database = TestPostgres.freshDatabase()) {
      Jdbi jdbi = Jdbi.create(database.dataSource());
      jdbi.registerArrayType(String.class, "text");
      Instant now = T0.plus(SPACING.multipliedBy(runs)).plusSeconds(10);
      long load = System.nanoTime();
      jdbi.useHandle(h -> load(h, runs, bigTasks, now));
      System.out.printf(
          "Loaded in %.1f s: %s%n", (System.nanoTime() - load) / 1e9, counts(jdbi, now));

      DatabaseRunCatalog catalog =
          new DatabaseRunCatalog(jdbi, TIMEOUT, Clock.fixed(now, ZoneOffset.UTC));
      Map<String, Supplier<Object>> calls0 = new LinkedHashMap<>();
      calls0.put(
          "runs: first page of 50, no filter", () -> catalog.runs(query(null, null, null, 0)));
      calls0.put("runs: flow filter", () -> catalog.runs(query("Flow07", null, null, 0)));
      calls0.put("runs: user filter", () -> catalog.runs(query(null, null, "user03", 0)));
      calls0.put(
          "runs: flow and user filter", () -> catalog.runs(query("Flow07", null, "user03", 0)));
      calls0.put("runs: status FAILED", () -> catalog.runs(query(null, RunStatus.FAILED, null, 0)));
      calls0.put(
          "runs: status RUNNING", () -> catalog.runs(query(null, RunStatus.RUNNING, null, 0)));
      calls0.put(
          "runs: status SUCCEEDED", () -> catalog.runs(query(null, RunStatus.SUCCEEDED, null, 0)));
      calls0.put(
          "runs: tag nightly",
          () -> catalog.runs(new RunQuery(null, null, null, "nightly", null, null, 0, 50)));
      calls0.put(
          "runs: one day (since/until)",
          () ->
              catalog.runs(
                  new RunQuery(
                      null,
                      null,
                      null,
                      null,
                      T0.plus(Duration.ofDays(10)),
                      T0.plus(Duration.ofDays(11)),
                      0,
                      50)));
      calls0.put("runs: page 50 (offset 2450)", () -> catalog.runs(query(null, null, null, 2450)));
      calls0.put("run", () -> catalog.run("Flow07", "100"));
      calls0.put("flows", catalog::flows);
      calls0.put("tasks: a run of 3 tasks", () -> catalog.tasks("Flow07", "100"));
      calls0.put("tasks: the run of " + bigTasks + " tasks", () -> catalog.tasks("BigFlow", "1"));
      calls0.put(
          "task: one of the big run",
          () -> catalog.task(new TaskPath("BigFlow", "1", "work", "4998")));

      check(catalog, bigTasks);
      System.out.println();
      System.out.printf("%-45s %10s %10s%n", "call", "median ms", "p95 ms");
      for (Map.Entry<String, Supplier<Object>> call : calls0.entrySet()) {
        long[] micros = time(call.getValue(), Math.max(5, calls / 5), calls);
        System.out.printf(
            "%-45s %10.2f %10.2f%n",
            call.getKey(), percentile(micros, 0.50), percentile(micros, 0.95));
      }
      pages(database.dataSource(), jdbi, now, bigTasks, calls);
      System.out.println("Load average after: " + loadAverage());
      if (hold) {
        System.out.println(
            "Holding the database: "
                + TestPostgres.cluster().getJdbcUrl("postgres", "postgres")
                + " (database "
                + jdbi.withHandle(
                    h -> h.createQuery("SELECT current_database()").mapTo(String.class).one())
                + "); stop the process to end");
        Thread.sleep(Long.MAX_VALUE);
      }
    }
  }

  private static RunQuery query(String flow, RunStatus status, String user, int offset) {
    return new RunQuery(flow, status, user, null, null, null, offset, 50);
  }

  /** Fails if the catalog does not see the data as loaded: the figures would mean nothing. */
  private static void check(DatabaseRunCatalog catalog, int bigTasks) {
    RunPage first = catalog.runs(query(null, null, null, 0));
    if (first.runs().size() != 50 || !first.more()) {
      throw new IllegalStateException("Unexpected first page: " + first.runs().size());
    }
    List<TaskView> tasks = catalog.tasks("BigFlow", "1");
    long attempts = tasks.stream().mapToLong(t -> t.attempts().size()).sum();
    if (tasks.size() != bigTasks || attempts <= bigTasks) {
      throw new IllegalStateException(
          "Unexpected big run: " + tasks.size() + " tasks, " + attempts + " attempts");
    }
    if (catalog.runs(query(null, RunStatus.RUNNING, null, 0)).runs().isEmpty()) {
      throw new IllegalStateException("No running run");
    }
  }

  private static long[] time(Supplier<Object> call, int warmup, int calls) {
    for (int i = 0; i < warmup; i++) {
      call.get();
    }
    long[] micros = new long[calls];
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      call.get();
      micros[i] = (System.nanoTime() - start) / 1000;
    }
    return micros;
  }

  private static double percentile(long[] micros, double p) {
    long[] sorted = micros.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1000.0;
  }

  /** Writes the runs and the big run with set-based SQL, then analyzes the tables. */
  private static void load(Handle h, int runs, int bigTasks, Instant now) {
    h.createUpdate(
            """
        INSERT INTO flows (flow_name, user_name, created_at, last_run_number)
        SELECT 'Flow' || lpad(f::text, 2, '0'), 'user00', CAST(:t0 AS timestamptz),
               (:runs - 1 - f) / :flows + 1
        FROM generate_series(0, :flows - 1) f WHERE f < :runs""")
        .bind("t0", T0.atOffset(ZoneOffset.UTC))
        .bind("runs", runs)
        .bind("flows", FLOWS)
        .execute();
    // run i: flow i % 50, number i / 50 + 1, started 30 s after run i - 1
    h.createUpdate(
            """
        INSERT INTO runs (flow_name, run_number, user_name, tags, system_tags, status, started_at, ended_at,
                          last_heartbeat_at, host, pid)
        SELECT 'Flow' || lpad((i % :flows)::text, 2, '0'), i / :flows + 1, u,
               CASE WHEN i % 3 = 0 THEN ARRAY['nightly'] ELSE ARRAY['adhoc'] END,
               ARRAY['user:' || u, 'runtime:local'],
               CASE WHEN i % 100 < 90 THEN 'SUCCEEDED' WHEN i % 100 < 97 THEN 'FAILED' ELSE 'RUNNING' END,
               s,
               CASE WHEN i % 100 < 97 THEN s + INTERVAL '20 seconds' END,
               CASE WHEN i % 100 >= 98 AND i >= :runs - 1000 THEN CAST(:now AS timestamptz)
                    ELSE s + INTERVAL '20 seconds' END,
               'bench-host', 1000 + i
        FROM generate_series(0, :runs - 1) i,
             LATERAL (SELECT 'user' || lpad(((i / 7) % :users)::text, 2, '0') AS u,
                             CAST(:t0 AS timestamptz) + i * INTERVAL '30 seconds' AS s) v""")
        .bind("t0", T0.atOffset(ZoneOffset.UTC))
        .bind("now", now.atOffset(ZoneOffset.UTC))
        .bind("runs", runs)
        .bind("flows", FLOWS)
        .bind("users", USERS)
        .execute();
    // every run has start and work; an end task ran where the run succeeded or finished its end
    // step
    h.execute(
        """
        CREATE TEMPORARY TABLE bench_tasks AS
        SELECT r.flow_name, r.run_number, t.step_name, t.task_id, t.ord, r.started_at, r.status,
               r.last_heartbeat_at
        FROM runs r CROSS JOIN (VALUES ('start', '1', 0), ('work', '2', 1), ('end', '3', 2)) t(step_name, task_id, ord)
        WHERE t.step_name <> 'end' OR r.status = 'SUCCEEDED' OR r.status = 'RUNNING' AND (r.pid - 1000) % 100 = 97""");
    h.execute(
        """
        INSERT INTO steps (flow_name, run_number, step_name, created_at)
        SELECT DISTINCT flow_name, run_number, step_name, started_at FROM bench_tasks""");
    h.execute(
        """
        INSERT INTO tasks (flow_name, run_number, step_name, task_id, input_paths, split_index, created_at)
        SELECT flow_name, run_number, step_name, task_id,
               CASE WHEN ord = 0 THEN ARRAY[run_number || '/_parameters/0']
                    ELSE ARRAY[run_number || '/start/1'] END,
               -1, started_at + ord * INTERVAL '5 seconds'
        FROM bench_tasks""");
    // the work attempt of a failed run failed; of a live run it runs
    h.execute(
        """
        INSERT INTO attempts (flow_name, run_number, step_name, task_id, attempt, status, started_at, ended_at, pid, error)
        SELECT flow_name, run_number, step_name, task_id, 0,
               CASE WHEN step_name = 'work' AND status = 'FAILED' THEN 'FAILED'
                    WHEN step_name = 'work' AND status = 'RUNNING' AND last_heartbeat_at > started_at + INTERVAL '21 seconds'
                    THEN NULL ELSE 'SUCCEEDED' END,
               started_at + ord * INTERVAL '5 seconds',
               CASE WHEN step_name = 'work' AND status = 'RUNNING' AND last_heartbeat_at > started_at + INTERVAL '21 seconds'
                    THEN NULL ELSE started_at + ord * INTERVAL '5 seconds' + INTERVAL '4 seconds' END,
               2000, CASE WHEN step_name = 'work' AND status = 'FAILED' THEN 'IllegalStateException: bench' END
        FROM bench_tasks""");
    h.execute(
        """
        INSERT INTO artifacts (flow_name, run_number, step_name, task_id, attempt, name, sha, type, size, location)
        SELECT a.flow_name, a.run_number, a.step_name, a.task_id, a.attempt, n.name,
               md5(a.flow_name || a.run_number || a.task_id || n.name) || md5(n.name || a.run_number),
               'java.lang.Integer', 81, a.flow_name || '/data/00/x'
        FROM attempts a CROSS JOIN (VALUES ('x'), ('total')) n(name)
        WHERE a.status = 'SUCCEEDED'""");
    h.execute("DROP TABLE bench_tasks");
    loadBigRun(h, bigTasks, now);
    h.execute("ANALYZE");
  }

  /**
   * BigFlow run 1: a start task, a foreach of {@code tasks - 2} work tasks and a join, every third
   * task failing once before it succeeds, three artifacts per successful attempt.
   */
  private static void loadBigRun(Handle h, int tasks, Instant now) {
    Instant started = now.minus(Duration.ofHours(2));
    h.createUpdate(
            """
        INSERT INTO flows (flow_name, user_name, created_at, last_run_number)
        VALUES ('BigFlow', 'ana', CAST(:started AS timestamptz), 1);
        INSERT INTO runs (flow_name, run_number, user_name, tags, system_tags, status, started_at, ended_at,
                          last_heartbeat_at, host, pid)
        VALUES ('BigFlow', 1, 'ana', '{}', '{user:ana,runtime:local}', 'SUCCEEDED', CAST(:started AS timestamptz),
                CAST(:started AS timestamptz) + INTERVAL '1 hour', CAST(:started AS timestamptz) + INTERVAL '1 hour',
                'bench-host', 1);
        INSERT INTO steps (flow_name, run_number, step_name, created_at)
        VALUES ('BigFlow', 1, 'start', CAST(:started AS timestamptz)), ('BigFlow', 1, 'work', CAST(:started AS timestamptz)),
               ('BigFlow', 1, 'end', CAST(:started AS timestamptz));
        INSERT INTO tasks (flow_name, run_number, step_name, task_id, input_paths, split_index, created_at)
        SELECT 'BigFlow', 1,
               CASE WHEN i = 1 THEN 'start' WHEN i = :tasks THEN 'end' ELSE 'work' END,
               i::text,
               CASE WHEN i = 1 THEN ARRAY['1/_parameters/0']
                    WHEN i = :tasks THEN (SELECT array_agg('1/work/' || j ORDER BY j) FROM generate_series(2, :tasks - 1) j)
                    ELSE ARRAY['1/start/1'] END,
               CASE WHEN i = 1 OR i = :tasks THEN -1 ELSE i - 2 END,
               CAST(:started AS timestamptz) + i * INTERVAL '1 millisecond'
        FROM generate_series(1, :tasks) i;
        INSERT INTO attempts (flow_name, run_number, step_name, task_id, attempt, status, started_at, ended_at, pid, error)
        SELECT t.flow_name, 1, t.step_name, t.task_id, n,
               CASE WHEN n = 0 AND t.task_id::int % 3 = 0 THEN 'FAILED' ELSE 'SUCCEEDED' END,
               t.created_at + n * INTERVAL '1 second', t.created_at + n * INTERVAL '1 second' + INTERVAL '500 milliseconds',
               3000 + n, CASE WHEN n = 0 AND t.task_id::int % 3 = 0 THEN 'java.io.IOException: flaky' END
        FROM tasks t CROSS JOIN generate_series(0, 1) n
        WHERE t.flow_name = 'BigFlow' AND t.run_number = 1 AND (n = 0 OR t.task_id::int % 3 = 0);
        INSERT INTO artifacts (flow_name, run_number, step_name, task_id, attempt, name, sha, type, size, location, details)
        SELECT a.flow_name, 1, a.step_name, a.task_id, a.attempt, m.name,
               md5(a.task_id || m.name) || md5(m.name || a.attempt), m.type, 120, 'BigFlow/data/00/x',
               CASE WHEN m.name = 'scored' AND a.task_id::int % 10 = 0
                    THEN CAST('{"location": "s3a://lake/BigFlow/1/' || a.task_id || '", "schema": "id BIGINT,score DOUBLE", "rows": "1000"}' AS json)
                    ELSE CAST('{}' AS json) END
        FROM attempts a CROSS JOIN (VALUES ('item', 'java.lang.Integer'), ('result', 'java.lang.String'),
                                           ('scored', 'org.apache.spark.sql.Dataset')) m(name, type)
        WHERE a.flow_name = 'BigFlow' AND a.run_number = 1 AND a.status = 'SUCCEEDED'""")
        .bind("started", started.atOffset(ZoneOffset.UTC))
        .bind("tasks", tasks)
        .execute();
  }

  private static String counts(Jdbi jdbi, Instant now) {
    List<String> parts = new ArrayList<>();
    jdbi.useHandle(
        h -> {
          for (String table : List.of("runs", "tasks", "attempts", "artifacts")) {
            parts.add(
                String.format(
                    "%,d %s",
                    h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one(), table));
          }
        });
    return String.join(", ", parts);
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

  private static final String BIG_GRAPH =
      """
      {"name":"BigFlow","steps":[
        {"name":"start","transition":"FOREACH","next":["work"],"join":false},
        {"name":"work","transition":"LINEAR","next":["end"],"join":false},
        {"name":"end","transition":"END","next":[],"join":false}]}""";

  /**
   * The UI's pages as a browser gets them: the service started on this database (no token, on
   * loopback), each page fetched over HTTP and read whole; each is checked to hold what it shows.
   */
  private static void pages(
      javax.sql.DataSource dataSource, Jdbi jdbi, Instant now, int bigTasks, int calls)
      throws Exception {
    MetadataRepository repository =
        new MetadataRepository(jdbi, TIMEOUT, Clock.fixed(now, ZoneOffset.UTC));
    repository.saveGraph(new MetadataRepository.RunKey("BigFlow", 1), BIG_GRAPH);
    Path datastore = Files.createTempDirectory("fluxo-bench-datastore");
    MetadataService service =
        MetadataService.start(
            new MetadataService.Settings("127.0.0.1", 0, null, true, TIMEOUT, 1 << 20),
            dataSource,
            "bench",
            Clock.fixed(now, ZoneOffset.UTC),
            io.fluxo.runtime.client.DatastoreReader.open(datastore));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("page: runs, first of 50, no filter", "/");
    pages.put("page: runs, flow filter", "/?flow=Flow07");
    pages.put("page: runs, status failed", "/?status=failed");
    pages.put("page: runs, page 50", "/?page=50");
    pages.put("page: run of " + bigTasks + " tasks, DAG", "/runs/BigFlow/1");
    pages.put("page: run of " + bigTasks + " tasks, tasks tab", "/runs/BigFlow/1?tab=tasks");
    pages.put(
        "page: run of " + bigTasks + " tasks, tasks by duration",
        "/runs/BigFlow/1?tab=tasks&sort=duration&dir=desc");
    pages.put("page: run of " + bigTasks + " tasks, timeline", "/runs/BigFlow/1?tab=timeline");
    pages.put("page: a task of the big run", "/runs/BigFlow/1/work/4998");
    try {
      System.out.println();
      System.out.printf(
          "%-45s %10s %10s %10s%n", "page (HTTP GET, whole body)", "median ms", "p95 ms", "KiB");
      for (Map.Entry<String, String> page : pages.entrySet()) {
        java.net.http.HttpRequest request =
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(service.url() + page.getValue()))
                .build();
        java.net.http.HttpResponse<String> first =
            http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200
            || !(first.body().contains("data-run=")
                || first.body().contains("id=\"run-status\"")
                || first.body().contains("id=\"task-status\""))) {
          throw new IllegalStateException(
              page.getValue() + " answered " + first.statusCode() + ": " + first.body());
        }
        long[] micros =
            time(
                () -> {
                  try {
                    return http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
                  } catch (java.io.IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                },
                Math.max(5, calls / 5),
                calls);
        System.out.printf(
            "%-45s %10.2f %10.2f %10d%n",
            page.getKey(),
            percentile(micros, 0.50),
            percentile(micros, 0.95),
            first.body().length() / 1024);
      }
    } finally {
      service.close();
    }
  }
}
