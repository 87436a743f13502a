package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxo.runtime.client.TaskStatus;
import io.fluxo.runtime.internal.metadata.ServiceMetadataStore;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.ui.catalog.RunPage;
import io.fluxo.ui.catalog.RunQuery;
import io.fluxo.ui.catalog.StoreRunCatalog;
import io.fluxo.ui.catalog.TaskView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link DatabaseRunCatalog} on the service's database, written through the runtime's service
 * provider ({@link ServiceMetadataStore}) as runs write it. The service and the catalog share a
 * {@link TestClock}: each run starts when the test has moved the clock to, and the statuses are
 * derived at the clock's last time, {@link #NOW}. Every test reads the runs the class wrote before
 * them, and writes none.
 */
class DatabaseRunCatalogIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant NOW = at(200);
  private static final TestClock CLOCK = new TestClock(T0);

  @RegisterExtension
  static final TestService service =
      TestService.perClass(TestService.TOKEN, TIMEOUT, 1 << 20, CLOCK);

  private static ServiceMetadataStore store;
  private static DatabaseRunCatalog catalog;

  /** Delta/1's tasks as written, in the order they are listed. */
  private static List<TaskView> deltaTasks;

  /** Gamma/1's tasks as written, in the order they are listed. */
  private static List<TaskView> gammaTasks;

  private static final byte[] GRAPH =
      "{\"steps\": [{\"name\": \"start\", \"next\": [\"end\"]}, {\"name\": \"end\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /**
   * Nine runs of four flows, by start time (seconds after T0) and as they read at {@link #NOW}
   * (heartbeat timeout 60 s):
   *
   * <pre>
   *   0 Alpha/1 ana   [nightly]         SUCCEEDED (recorded)
   *   0 Beta/1  bob   []                FAILED (recorded)
   *  10 Alpha/2 bob   [adhoc], origin 1 FAILED: recorded running, silent since 10
   *  20 Gamma/1 ana   [nightly, adhoc]  SUCCEEDED: recorded running, its end step succeeded
   *  30 Beta/2  ana   []                SUCCEEDED (recorded)
   *  30 Alpha/3 ana   [nightly]         SUCCEEDED (recorded)
   *  30 Alpha/4 bob   []                FAILED (recorded)
   * 100 Delta/1 carol [nightly]         RUNNING: heartbeat at 190
   * 140 Alpha/5 carol []                RUNNING: silent for exactly the timeout
   * </pre>
   *
   * <p>and flow Empty without runs.
   */
  @BeforeAll
  static void write() {
    store = new ServiceMetadataStore(service.url(), service.token(), Duration.ofSeconds(10));
    Jdbi jdbi = service.jdbi();
    jdbi.registerArrayType(String.class, "text");
    catalog = new DatabaseRunCatalog(jdbi, TIMEOUT, CLOCK);

    RunRecord alpha1 = store.createRun("Alpha", "ana", List.of("nightly"), null);
    RunRecord beta1 = store.createRun("Beta", "bob", List.of(), null);
    store.updateRun(alpha1.withStatus(RunStatus.SUCCEEDED, at(5)));
    store.updateRun(beta1.withStatus(RunStatus.FAILED, at(6)));
    CLOCK.advance(Duration.ofSeconds(10));
    store.createRun("Alpha", "bob", List.of("adhoc"), "1");
    CLOCK.advance(Duration.ofSeconds(10));
    RunRecord gamma = store.createRun("Gamma", "ana", List.of("nightly", "adhoc"), null);
    CLOCK.advance(Duration.ofSeconds(10));
    RunRecord beta2 = store.createRun("Beta", "ana", List.of(), null);
    RunRecord alpha3 = store.createRun("Alpha", "ana", List.of("nightly"), null);
    RunRecord alpha4 = store.createRun("Alpha", "bob", List.of(), null);
    store.updateRun(beta2.withStatus(RunStatus.SUCCEEDED, at(35)));
    store.updateRun(alpha3.withStatus(RunStatus.SUCCEEDED, at(36)));
    store.updateRun(alpha4.withStatus(RunStatus.FAILED, at(37)));
    gammaTasks = writeGammaTasks(gamma);
    CLOCK.advance(Duration.ofSeconds(70));
    RunRecord delta = store.createRun("Delta", "carol", List.of("nightly"), null);
    deltaTasks = writeDeltaTasks(delta);
    store.saveGraph("Delta", delta.runId(), GRAPH);
    CLOCK.advance(Duration.ofSeconds(40));
    store.createRun("Alpha", "carol", List.of(), null);
    CLOCK.advance(Duration.ofSeconds(50));
    assertThat(service.call("POST", "/v1/flows/Delta/runs/1/heartbeat", "").status())
        .isEqualTo(200);
    assertThat(service.call("POST", "/v1/flows/Empty", "{\"user\": \"ana\"}").status())
        .isEqualTo(201);
    CLOCK.advance(Duration.ofSeconds(10));
    assertThat(CLOCK.instant()).isEqualTo(NOW);
  }

  /**
   * Delta/1 (running): start failed once then succeeded with two artifacts, one with details; a
   * foreach of three work tasks registered at the same time (listed by id as text: 10, 2, 3), one
   * caught, one running, one not started.
   */
  private static List<TaskView> writeDeltaTasks(RunRecord run) {
    String id = run.runId();
    Instant created = at(100).plusMillis(1);
    TaskRecord start =
        new TaskRecord(path(run, "start", "1"), List.of(id + "/_parameters/0"), -1, null, created);
    TaskRecord work2 = work(run, "2", 0, created.plusMillis(1));
    TaskRecord work3 = work(run, "3", 1, created.plusMillis(1));
    TaskRecord work10 = work(run, "10", 2, created.plusMillis(1));
    for (TaskRecord task : List.of(work3, start, work10, work2)) {
      store.registerTask(task);
    }
    Instant began = at(101);
    AttemptRecord startFailed =
        new AttemptRecord(
            start.path(),
            0,
            AttemptStatus.FAILED,
            began,
            began.plusMillis(500),
            41,
            Map.of(),
            "java.io.IOException: flaky");
    Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
    artifacts.put("zeta", new ArtifactRef("1".repeat(64), "java.lang.Integer", 5));
    artifacts.put("alpha", new ArtifactRef("2".repeat(64), null, 0));
    Map<String, String> zeta = new LinkedHashMap<>();
    zeta.put("location", "s3a://lake/Delta/zeta");
    zeta.put("schema", "origin STRING,delay INT");
    zeta.put("rows", "12");
    AttemptRecord startSucceeded =
        new AttemptRecord(
            start.path(),
            1,
            AttemptStatus.SUCCEEDED,
            began.plusSeconds(1),
            began.plusSeconds(2),
            42,
            artifacts,
            null,
            Map.of("zeta", zeta));
    AttemptRecord work10Caught =
        new AttemptRecord(
            work10.path(),
            0,
            AttemptStatus.CAUGHT,
            began.plusSeconds(3),
            began.plusSeconds(4),
            43,
            Map.of("item", new ArtifactRef("3".repeat(64), "java.lang.String", 9)),
            "java.lang.ArithmeticException: / by zero");
    AttemptRecord work2Running =
        new AttemptRecord(work2.path(), 0, null, began.plusSeconds(3), null, 44, Map.of(), null);
    // the start of the first attempt, then its end, as a task records them
    store.recordAttempt(new AttemptRecord(start.path(), 0, null, began, null, 41, Map.of(), null));
    store.recordAttempt(startFailed);
    store.recordAttempt(startSucceeded);
    store.recordAttempt(work10Caught);
    store.recordAttempt(work2Running);
    return List.of(
        new TaskView(start, List.of(startFailed, startSucceeded), TaskStatus.SUCCEEDED),
        new TaskView(work10, List.of(work10Caught), TaskStatus.CAUGHT),
        new TaskView(work2, List.of(work2Running), TaskStatus.RUNNING),
        new TaskView(work3, List.of(), TaskStatus.RUNNING));
  }

  /**
   * Gamma/1 (recorded running, read as succeeded): start and end succeeded; a work task's attempt
   * never ended, so it reads as unfinished, its run being over.
   */
  private static List<TaskView> writeGammaTasks(RunRecord run) {
    Instant created = at(20);
    TaskRecord start = new TaskRecord(path(run, "start", "1"), List.of(), -1, null, created);
    TaskRecord work = work(run, "2", -1, created.plusMillis(1));
    TaskRecord end =
        new TaskRecord(path(run, "end", "3"), List.of("1/work/2"), -1, null, created.plusMillis(2));
    AttemptRecord startDone =
        new AttemptRecord(
            start.path(), 0, AttemptStatus.SUCCEEDED, at(21), at(22), 7, Map.of(), null);
    AttemptRecord workLost =
        new AttemptRecord(work.path(), 0, null, at(22), null, 8, Map.of(), null);
    AttemptRecord endDone =
        new AttemptRecord(
            end.path(),
            0,
            AttemptStatus.SUCCEEDED,
            at(23),
            at(24),
            9,
            Map.of("total", new ArtifactRef("4".repeat(64), "java.lang.Long", 81)),
            null);
    for (TaskRecord task : List.of(start, work, end)) {
      store.registerTask(task);
    }
    for (AttemptRecord attempt : List.of(startDone, workLost, endDone)) {
      store.recordAttempt(attempt);
    }
    return List.of(
        new TaskView(start, List.of(startDone), TaskStatus.SUCCEEDED),
        new TaskView(work, List.of(workLost), TaskStatus.UNFINISHED),
        new TaskView(end, List.of(endDone), TaskStatus.SUCCEEDED));
  }

  private static TaskPath path(RunRecord run, String step, String task) {
    return new TaskPath(run.flow(), run.runId(), step, task);
  }

  private static TaskRecord work(RunRecord run, String task, int split, Instant created) {
    return new TaskRecord(
        path(run, "work", task), List.of(run.runId() + "/start/1"), split, null, created);
  }

  // ---- runs

  private static final List<String> ALL =
      List.of(
          "Alpha/5", "Delta/1", "Beta/2", "Alpha/4", "Alpha/3", "Gamma/1", "Alpha/2", "Beta/1",
          "Alpha/1");

  private static RunQuery all(int offset, int limit) {
    return new RunQuery(null, null, null, null, null, null, offset, limit);
  }

  private static List<String> ids(RunPage page) {
    return page.runs().stream().map(r -> r.flow() + "/" + r.runId()).toList();
  }

  private static List<String> ids(RunQuery query) {
    return ids(catalog.runs(query));
  }

  @Test
  void runs_newestFirst_acrossFlows_tiesByFlowThenNumberDescending() {
    RunPage page = catalog.runs(all(0, RunQuery.MAX_LIMIT));

    assertThat(ids(page)).containsExactlyElementsOf(ALL);
    assertThat(page.more()).isFalse();
    assertThat(page.runs())
        .extracting(RunRecord::startedAt)
        .isSortedAccordingTo((a, b) -> -a.compareTo(b));
  }

  @Test
  void runs_recordsAreTheServicesRuns_withTheDerivedStatus() {
    List<RunRecord> runs = catalog.runs(all(0, RunQuery.MAX_LIMIT)).runs();

    for (RunRecord run : runs) {
      assertThat(run).isEqualTo(store.run(run.flow(), run.runId()).orElseThrow());
    }
    Map<String, RunStatus> statuses = new LinkedHashMap<>();
    runs.forEach(r -> statuses.put(r.flow() + "/" + r.runId(), r.status()));
    assertThat(statuses)
        .containsExactly(
            Map.entry("Alpha/5", RunStatus.RUNNING),
            Map.entry("Delta/1", RunStatus.RUNNING),
            Map.entry("Beta/2", RunStatus.SUCCEEDED),
            Map.entry("Alpha/4", RunStatus.FAILED),
            Map.entry("Alpha/3", RunStatus.SUCCEEDED),
            Map.entry("Gamma/1", RunStatus.SUCCEEDED),
            Map.entry("Alpha/2", RunStatus.FAILED),
            Map.entry("Beta/1", RunStatus.FAILED),
            Map.entry("Alpha/1", RunStatus.SUCCEEDED));
    RunRecord alpha2 = catalog.run("Alpha", "2").orElseThrow();
    assertThat(alpha2)
        .isEqualTo(
            new RunRecord(
                "Alpha",
                "2",
                "bob",
                List.of("adhoc"),
                List.of("user:bob", "runtime:local"),
                "1",
                RunStatus.FAILED,
                at(10),
                null,
                alpha2.host(),
                ProcessHandle.current().pid()));
    assertThat(alpha2.host()).isNotBlank();
    assertThat(catalog.run("Alpha", "1").orElseThrow().endedAt()).isEqualTo(at(5));
  }

  @Test
  void runs_eachFilter() {
    assertThat(ids(new RunQuery("Alpha", null, null, null, null, null, 0, 50)))
        .containsExactly("Alpha/5", "Alpha/4", "Alpha/3", "Alpha/2", "Alpha/1");
    assertThat(ids(new RunQuery(null, RunStatus.RUNNING, null, null, null, null, 0, 50)))
        .containsExactly("Alpha/5", "Delta/1");
    assertThat(ids(new RunQuery(null, RunStatus.SUCCEEDED, null, null, null, null, 0, 50)))
        .containsExactly("Beta/2", "Alpha/3", "Gamma/1", "Alpha/1");
    assertThat(ids(new RunQuery(null, RunStatus.FAILED, null, null, null, null, 0, 50)))
        .containsExactly("Alpha/4", "Alpha/2", "Beta/1");
    assertThat(ids(new RunQuery(null, null, "ana", null, null, null, 0, 50)))
        .containsExactly("Beta/2", "Alpha/3", "Gamma/1", "Alpha/1");
    assertThat(ids(new RunQuery(null, null, null, "nightly", null, null, 0, 50)))
        .containsExactly("Delta/1", "Alpha/3", "Gamma/1", "Alpha/1");
    assertThat(ids(new RunQuery(null, null, null, "user:bob", null, null, 0, 50)))
        .as("a system tag")
        .containsExactly("Alpha/4", "Alpha/2", "Beta/1");
    assertThat(ids(new RunQuery(null, null, null, null, at(10), at(100), 0, 50)))
        .as("since inclusive, until exclusive")
        .containsExactly("Beta/2", "Alpha/4", "Alpha/3", "Gamma/1", "Alpha/2");
    assertThat(ids(new RunQuery(null, null, null, null, at(100), null, 0, 50)))
        .containsExactly("Alpha/5", "Delta/1");
    assertThat(ids(new RunQuery(null, null, null, null, null, at(10), 0, 50)))
        .containsExactly("Beta/1", "Alpha/1");
    assertThat(catalog.runs(new RunQuery("NoSuchFlow", null, null, null, null, null, 0, 50)))
        .isEqualTo(new RunPage(List.of(), false));
  }

  @Test
  void runs_statusFilter_agreesWithEachRunsStatus() {
    for (RunStatus status : RunStatus.values()) {
      List<String> expected =
          catalog.runs(all(0, RunQuery.MAX_LIMIT)).runs().stream()
              .filter(r -> r.status() == status)
              .map(r -> r.flow() + "/" + r.runId())
              .toList();
      assertThat(ids(new RunQuery(null, status, null, null, null, null, 0, 50)))
          .as(status.name())
          .isEqualTo(expected);
    }
  }

  @Test
  void runs_combinedFilters() {
    assertThat(ids(new RunQuery("Alpha", RunStatus.FAILED, "bob", null, null, null, 0, 50)))
        .containsExactly("Alpha/4", "Alpha/2");
    assertThat(ids(new RunQuery(null, null, "ana", "nightly", at(20), null, 0, 50)))
        .containsExactly("Alpha/3", "Gamma/1");
    assertThat(ids(new RunQuery(null, RunStatus.SUCCEEDED, "ana", "adhoc", null, null, 0, 50)))
        .containsExactly("Gamma/1");
    assertThat(
            ids(new RunQuery("Alpha", RunStatus.RUNNING, "carol", null, at(140), at(141), 0, 50)))
        .containsExactly("Alpha/5");
    assertThat(catalog.runs(new RunQuery("Beta", null, null, "nightly", null, null, 0, 50)))
        .isEqualTo(new RunPage(List.of(), false));
  }

  @Test
  void runs_pages() {
    RunPage first = catalog.runs(all(0, 4));
    RunPage second = catalog.runs(all(4, 4));
    RunPage last = catalog.runs(all(8, 4));

    assertThat(ids(first)).containsExactlyElementsOf(ALL.subList(0, 4));
    assertThat(first.more()).isTrue();
    assertThat(ids(second)).containsExactlyElementsOf(ALL.subList(4, 8));
    assertThat(second.more()).isTrue();
    assertThat(ids(last)).containsExactly("Alpha/1");
    assertThat(last.more()).isFalse();
    assertThat(catalog.runs(all(9, 4))).isEqualTo(new RunPage(List.of(), false));
    assertThat(catalog.runs(all(100, 4))).isEqualTo(new RunPage(List.of(), false));
    assertThat(catalog.runs(all(0, 9)).more()).as("exactly the last run").isFalse();
    assertThat(catalog.runs(all(0, 8)).more()).isTrue();
    assertThat(ids(catalog.runs(all(3, 1)))).containsExactly("Alpha/4");

    RunPage alpha = catalog.runs(new RunQuery("Alpha", null, null, null, null, null, 2, 2));
    assertThat(ids(alpha)).containsExactly("Alpha/3", "Alpha/2");
    assertThat(alpha.more()).isTrue();
    RunPage failed =
        catalog.runs(new RunQuery(null, RunStatus.FAILED, null, null, null, null, 1, 2));
    assertThat(ids(failed)).containsExactly("Alpha/2", "Beta/1");
    assertThat(failed.more()).isFalse();
  }

  @Test
  void flows_withRunsOnly_sorted() {
    assertThat(catalog.flows()).containsExactly("Alpha", "Beta", "Delta", "Gamma");
  }

  // ---- one run

  @Test
  void unknownOrNonNumericRun_isNone() {
    for (String runId :
        List.of("99", "0", "-1", "01", "+1", "1.0", "x", "", "1/2", "99999999999999999999")) {
      assertThat(catalog.run("Alpha", runId)).as(runId).isEmpty();
      assertThat(catalog.graph("Alpha", runId)).as(runId).isEmpty();
      assertThat(catalog.tasks("Alpha", runId)).as(runId).isEmpty();
    }
    assertThat(catalog.run("NoSuchFlow", "1")).isEmpty();
    assertThat(catalog.tasks("NoSuchFlow", "1")).isEmpty();
    assertThat(catalog.task(new TaskPath("Delta", "x", "start", "1"))).isEmpty();
    assertThat(catalog.task(new TaskPath("Delta", "2", "start", "1"))).isEmpty();
    assertThat(catalog.task(new TaskPath("Delta", "1", "start", "404"))).isEmpty();
    assertThat(catalog.task(new TaskPath("Delta", "1", "work", "1")))
        .as("the id of a task of another step")
        .isEmpty();
  }

  @Test
  void graph_isTheStoredJson_emptyWithoutOne() throws Exception {
    byte[] graph = catalog.graph("Delta", "1").orElseThrow();

    ObjectMapper json = new ObjectMapper();
    assertThat(json.readTree(graph)).isEqualTo(json.readTree(GRAPH));
    assertThat(graph).isEqualTo(store.graph("Delta", "1").orElseThrow());
    assertThat(catalog.graph("Alpha", "1")).isEmpty();
  }

  @Test
  void tasks_withAttemptsAndArtifacts_exactly() {
    List<TaskView> tasks = catalog.tasks("Delta", "1");

    assertThat(tasks).containsExactlyElementsOf(deltaTasks);
    AttemptRecord succeeded = tasks.get(0).attempts().get(1);
    assertThat(succeeded.artifacts().keySet())
        .as("in recorded order")
        .containsExactly("zeta", "alpha");
    assertThat(succeeded.artifactDetails()).containsOnlyKeys("zeta");
    assertThat(succeeded.artifactDetails().get("zeta").keySet())
        .containsExactly("location", "schema", "rows");
    assertThat(tasks)
        .extracting(TaskView::status)
        .containsExactly(
            TaskStatus.SUCCEEDED, TaskStatus.CAUGHT, TaskStatus.RUNNING, TaskStatus.RUNNING);
  }

  @Test
  void tasks_ofARunReadAsSucceeded_leaveTheLostTaskUnfinished() {
    assertThat(catalog.tasks("Gamma", "1")).containsExactlyElementsOf(gammaTasks);
    assertThat(catalog.run("Gamma", "1").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void task_isTheTaskOfTheRunsList() {
    for (TaskView task : deltaTasks) {
      assertThat(catalog.task(task.record().path())).contains(task);
    }
    assertThat(catalog.task(gammaTasks.get(1).record().path())).contains(gammaTasks.get(1));
  }

  @Test
  void tasks_ofARunWithoutTasks_isEmpty() {
    assertThat(catalog.tasks("Alpha", "1")).isEmpty();
  }

  // ---- against the reference catalog over the service provider

  @Test
  void answersAsTheStoreCatalogOverTheServiceProvider() {
    StoreRunCatalog reference = new StoreRunCatalog(store);
    List<RunQuery> queries = new ArrayList<>();
    queries.add(all(0, RunQuery.MAX_LIMIT));
    for (int offset = 0; offset < 10; offset += 3) {
      queries.add(all(offset, 3));
    }
    queries.add(new RunQuery("Alpha", null, null, null, null, null, 1, 2));
    for (RunStatus status : RunStatus.values()) {
      queries.add(new RunQuery(null, status, null, null, null, null, 0, 50));
    }
    queries.add(new RunQuery(null, null, "ana", "nightly", null, null, 0, 50));
    queries.add(new RunQuery(null, null, null, "runtime:local", at(10), at(140), 1, 3));
    queries.add(new RunQuery("Beta", RunStatus.FAILED, "bob", null, null, null, 0, 50));

    for (RunQuery query : queries) {
      assertThat(catalog.runs(query)).as(query.toString()).isEqualTo(reference.runs(query));
    }
    for (String run : ALL) {
      String[] parts = run.split("/");
      assertThat(catalog.run(parts[0], parts[1])).isEqualTo(reference.run(parts[0], parts[1]));
      assertThat(catalog.tasks(parts[0], parts[1])).isEqualTo(reference.tasks(parts[0], parts[1]));
    }
    assertThat(catalog.tasks("Delta", "1")).isEqualTo(reference.tasks("Delta", "1"));
    assertThat(catalog.task(deltaTasks.get(0).record().path()))
        .isEqualTo(reference.task(deltaTasks.get(0).record().path()));
    assertThat(catalog.graph("Delta", "1").orElseThrow())
        .isEqualTo(reference.graph("Delta", "1").orElseThrow());
    assertThat(catalog.run("Alpha", "x")).isEqualTo(reference.run("Alpha", "x"));
  }
}
