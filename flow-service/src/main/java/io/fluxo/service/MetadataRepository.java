package io.fluxo.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.fluxo.runtime.spi.rest.Requests.Artifact;
import io.fluxo.runtime.spi.rest.Requests.AttemptReport;
import io.fluxo.runtime.spi.rest.Requests.MetadataEntry;
import io.fluxo.runtime.spi.rest.Requests.NewRun;
import io.fluxo.runtime.spi.rest.Requests.RunChange;
import io.fluxo.runtime.spi.rest.Requests.TaskRegistration;
import io.fluxo.runtime.spi.rest.Resources.ArtifactList;
import io.fluxo.runtime.spi.rest.Resources.AttemptResource;
import io.fluxo.runtime.spi.rest.Resources.FlowResource;
import io.fluxo.runtime.spi.rest.Resources.MetadataResource;
import io.fluxo.runtime.spi.rest.Resources.RunPage;
import io.fluxo.runtime.spi.rest.Resources.RunResource;
import io.fluxo.runtime.spi.rest.Resources.StepResource;
import io.fluxo.runtime.spi.rest.Resources.TaskResource;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterable;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The metadata in PostgreSQL, through Jdbi. Every value is bound as a parameter; the only SQL built
 * at run time joins fixed fragments. Thread-safe: each call runs in its own transaction, and run
 * numbers are handed out under a row lock on the flow, so they are consecutive per flow.
 */
final class MetadataRepository {
  /** A run of a flow. */
  record RunKey(String flow, long run) {
    String runId() {
      return Long.toString(run);
    }

    String describe() {
      return "run " + run + " of flow " + flow;
    }
  }

  /** A task of a run. */
  record TaskKey(RunKey run, String step, String task) {
    String describe() {
      return "task " + run.flow() + "/" + run.run() + "/" + step + "/" + task;
    }
  }

  /**
   * What to list: each filter is optional (null or empty).
   *
   * @param status derived status to match
   * @param tags tags the run must all carry, as user or system tags
   * @param user who started the run
   * @param since earliest start, inclusive
   * @param until latest start, exclusive
   */
  record RunFilter(String status, List<String> tags, String user, Instant since, Instant until) {}

  /** Artifact details as JSON: a flat object of strings, keys in their order. */
  private static final ObjectMapper DETAILS = new ObjectMapper();

  private static final TypeReference<LinkedHashMap<String, String>> DETAILS_TYPE =
      new TypeReference<>() {};

  private static final ObjectReader DETAILS_READER = DETAILS.readerFor(DETAILS_TYPE);

  /**
   * A run recorded as running has finished its end step: it reads as succeeded. {@code OFFSET 0}
   * keeps this a lookup per run: without it PostgreSQL may instead hash every finished end step of
   * every run (it plans for all the rows a listing could scan, not for the page its LIMIT reads),
   * which made the first page of 100,000 runs take 80 ms instead of under 1.
   */
  private static final String END_STEP_DONE =
      """
      EXISTS (SELECT 1 FROM attempts a
              WHERE a.flow_name = r.flow_name AND a.run_number = r.run_number
                AND a.step_name = 'end' AND a.status IN ('SUCCEEDED', 'CAUGHT') OFFSET 0)""";

  /** A run recorded as running has been silent too long: it reads as failed. Never null. */
  private static final String HEARTBEAT_STALE =
      "r.last_heartbeat_at < CAST(:now AS timestamptz) - CAST(:timeoutMs AS double precision) * INTERVAL '1 millisecond'";

  /** A run's status as readers see it. */
  private static final String DERIVED_RUN_STATUS =
      "CASE WHEN r.status <> 'RUNNING' THEN r.status WHEN "
          + END_STEP_DONE
          + " THEN 'SUCCEEDED' WHEN "
          + HEARTBEAT_STALE
          + " THEN 'FAILED' ELSE 'RUNNING' END";

  private static final String RUN_SELECT =
      "SELECT r.flow_name, r.run_number, r.user_name, r.tags, r.system_tags, r.origin_run_id, r.status, r.started_at,"
          + " r.ended_at, r.last_heartbeat_at, r.host, r.pid, "
          + DERIVED_RUN_STATUS
          + " AS derived_status FROM runs r";

  private static final String TASK_COLUMNS =
      """
      t.flow_name, t.run_number, t.step_name, t.task_id, t.input_paths, t.split_index, t.origin_task,
      t.created_at, t.last_heartbeat_at""";

  private static final String TASK_SELECT =
      "SELECT "
          + TASK_COLUMNS
          + ","
          + """
             CASE WHEN la.attempt IS NULL THEN 'PENDING'
                  WHEN la.status IS NOT NULL THEN la.status
                  WHEN greatest(t.last_heartbeat_at, la.started_at)
                       < CAST(:now AS timestamptz) - CAST(:timeoutMs AS double precision) * INTERVAL '1 millisecond' THEN 'FAILED'
                  ELSE 'RUNNING' END AS derived_status
      FROM tasks t
      LEFT JOIN LATERAL (
        SELECT a.attempt, a.status, a.started_at FROM attempts a
        WHERE a.flow_name = t.flow_name AND a.run_number = t.run_number AND a.step_name = t.step_name AND a.task_id = t.task_id
        ORDER BY a.attempt DESC LIMIT 1) la ON true
      """;

  /** Tasks without their derived status (null), which costs a lookup of the latest attempt each. */
  private static final String TASK_SELECT_UNDERIVED =
      "SELECT " + TASK_COLUMNS + ", CAST(NULL AS text) AS derived_status FROM tasks t";

  private final Jdbi jdbi;
  private final long timeoutMs;
  private final Clock clock;

  /**
   * A repository on {@code jdbi}; a running run whose heartbeat is older than {@code
   * heartbeatTimeout} reads as failed. Every time the repository writes (creation, start, end,
   * heartbeat) or compares with is read from {@code clock}, not the database's.
   */
  MetadataRepository(Jdbi jdbi, Duration heartbeatTimeout, Clock clock) {
    this.jdbi = jdbi;
    this.timeoutMs = heartbeatTimeout.toMillis();
    this.clock = clock;
  }

  private OffsetDateTime now() {
    return utc(clock.instant());
  }

  /** Whether the database answers. */
  boolean healthy() {
    return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1);
  }

  // ---- flows

  FlowResource createFlow(String flow, String user) {
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO flows (flow_name, user_name, created_at) VALUES (:flow, :user, :now) ON CONFLICT (flow_name) DO NOTHING")
              .bind("now", now())
              .bind("flow", flow)
              .bind("user", user)
              .execute();
          return flow(h, flow).orElseThrow();
        });
  }

  Optional<FlowResource> flow(String flow) {
    return jdbi.withHandle(h -> flow(h, flow));
  }

  List<FlowResource> flows() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT flow_name, user_name, created_at, last_run_number FROM flows ORDER BY flow_name")
                .map((rs, ctx) -> flowResource(rs))
                .list());
  }

  private static Optional<FlowResource> flow(Handle h, String flow) {
    return h.createQuery(
            "SELECT flow_name, user_name, created_at, last_run_number FROM flows WHERE flow_name = :flow")
        .bind("flow", flow)
        .map((rs, ctx) -> flowResource(rs))
        .findOne();
  }

  private static FlowResource flowResource(ResultSet rs) throws SQLException {
    return new FlowResource(
        rs.getString("flow_name"),
        rs.getString("user_name"),
        instant(rs, "created_at"),
        rs.getLong("last_run_number"));
  }

  // ---- runs

  /** Creates a run with the flow's next number, creating the flow on its first run. */
  RunResource createRun(String flow, NewRun body) {
    return jdbi.inTransaction(
        h -> {
          h.createUpdate(
                  "INSERT INTO flows (flow_name, user_name, created_at) VALUES (:flow, :user, :now) ON CONFLICT (flow_name) DO NOTHING")
              .bind("now", now())
              .bind("flow", flow)
              .bind("user", body.user())
              .execute();
          long number =
              h.createQuery(
                      "UPDATE flows SET last_run_number = last_run_number + 1 WHERE flow_name = :flow RETURNING last_run_number")
                  .bind("flow", flow)
                  .mapTo(Long.class)
                  .one();
          List<String> systemTags = new ArrayList<>();
          systemTags.add("user:" + body.user());
          body.systemTags().stream().filter(t -> !systemTags.contains(t)).forEach(systemTags::add);
          h.createUpdate(
                  """
              INSERT INTO runs (flow_name, run_number, user_name, tags, system_tags, origin_run_id, status, host, pid,
                                started_at, last_heartbeat_at)
              VALUES (:flow, :run, :user, :tags, :systemTags, :origin, 'RUNNING', :host, :pid, :now, :now)""")
              .bind("now", now())
              .bind("flow", flow)
              .bind("run", number)
              .bind("user", body.user())
              .bindArray("tags", String.class, body.tags())
              .bindArray("systemTags", String.class, systemTags)
              .bind("origin", body.originRunId())
              .bind("host", body.host())
              .bind("pid", body.pid())
              .execute();
          return run(h, new RunKey(flow, number)).orElseThrow();
        });
  }

  Optional<RunResource> run(RunKey key) {
    return jdbi.withHandle(h -> run(h, key));
  }

  private Optional<RunResource> run(Handle h, RunKey key) {
    return h.createQuery(RUN_SELECT + " WHERE r.flow_name = :flow AND r.run_number = :run")
        .bind("flow", key.flow())
        .bind("run", key.run())
        .bind("timeoutMs", timeoutMs)
        .bind("now", now())
        .map((rs, ctx) -> runResource(rs))
        .findOne();
  }

  /**
   * Runs of {@code flow} matching {@code filter}, newest first, numbered below {@code before} if
   * given.
   */
  RunPage runs(String flow, RunFilter filter, Long before, int limit) {
    List<RunResource> runs =
        jdbi.withHandle(
            h -> selectRuns(h, flow, filter, before, "r.run_number DESC", 0, limit + 1).list());
    if (runs.size() <= limit) {
      return new RunPage(runs, null);
    }
    List<RunResource> page = runs.subList(0, limit);
    return new RunPage(List.copyOf(page), RunCursors.after(page.get(limit - 1).runNumber()));
  }

  /**
   * Runs of every flow, or of {@code flow} if given, matching {@code filter}: the {@code limit}
   * after the first {@code offset}, newest first by start time, then by flow name (descending, in
   * code-point order), then by number (descending).
   */
  List<RunResource> runsByStart(String flow, RunFilter filter, int offset, int limit) {
    // within one flow the flow's name orders nothing, and leaving it out lets the index on
    // (flow_name, started_at, run_number) give the order
    String order =
        flow == null
            ? "r.started_at DESC, r.flow_name COLLATE \"C\" DESC, r.run_number DESC"
            : "r.started_at DESC, r.run_number DESC";
    return jdbi.withHandle(h -> selectRuns(h, flow, filter, null, order, offset, limit).list());
  }

  /** The names of the flows that have runs, in code-point order. */
  List<String> flowsWithRuns() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                SELECT f.flow_name FROM flows f
                WHERE EXISTS (SELECT 1 FROM runs r WHERE r.flow_name = f.flow_name)
                ORDER BY f.flow_name COLLATE "C\"""")
                .mapTo(String.class)
                .list());
  }

  /**
   * The runs of {@code flow} (of every flow if null) that {@code filter} selects, numbered below
   * {@code before} if given, in {@code order} (of the columns of {@code runs r}), {@code limit} of
   * them after the first {@code offset}.
   */
  private ResultIterable<RunResource> selectRuns(
      Handle h, String flow, RunFilter filter, Long before, String order, int offset, int limit) {
    List<String> where = new ArrayList<>();
    if (flow != null) {
      where.add("r.flow_name = :flow");
    }
    if (filter.user() != null) {
      where.add("r.user_name = :user");
    }
    if (filter.since() != null) {
      where.add("r.started_at >= :since");
    }
    if (filter.until() != null) {
      where.add("r.started_at < :until");
    }
    if (before != null) {
      where.add("r.run_number < :before");
    }
    for (int i = 0; i < filter.tags().size(); i++) {
      where.add(
          "(r.tags @> ARRAY[CAST(:tag"
              + i
              + " AS text)] OR r.system_tags @> ARRAY[CAST(:tag"
              + i
              + " AS text)])");
    }
    if (filter.status() != null) {
      where.add(derivedStatusIs(filter.status()));
    }
    String sql =
        RUN_SELECT
            + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
            + " ORDER BY "
            + order
            + " LIMIT :limit"
            + (offset > 0 ? " OFFSET :offset" : "");
    Query query =
        h.createQuery(sql).bind("timeoutMs", timeoutMs).bind("now", now()).bind("limit", limit);
    if (flow != null) {
      query.bind("flow", flow);
    }
    if (filter.user() != null) {
      query.bind("user", filter.user());
    }
    if (filter.since() != null) {
      query.bind("since", utc(filter.since()));
    }
    if (filter.until() != null) {
      query.bind("until", utc(filter.until()));
    }
    if (before != null) {
      query.bind("before", before);
    }
    for (int i = 0; i < filter.tags().size(); i++) {
      query.bind("tag" + i, filter.tags().get(i));
    }
    if (offset > 0) {
      query.bind("offset", offset);
    }
    return query.map((rs, ctx) -> runResource(rs));
  }

  /**
   * The condition that a run's derived status ({@link #DERIVED_RUN_STATUS}) is {@code status},
   * spelled out by recorded status: PostgreSQL estimates how many runs it selects from the recorded
   * status (a CASE compared to a value it takes for rare, and scans every run for a page of failed
   * runs), and an index of the runs recorded as running serves the running filter.
   */
  private static String derivedStatusIs(String status) {
    return switch (status) {
      case "SUCCEEDED" ->
          "(r.status = 'SUCCEEDED' OR r.status = 'RUNNING' AND " + END_STEP_DONE + ")";
      case "FAILED" ->
          "(r.status = 'FAILED' OR r.status = 'RUNNING' AND NOT "
              + END_STEP_DONE
              + " AND "
              + HEARTBEAT_STALE
              + ")";
      case "RUNNING" ->
          "r.status = 'RUNNING' AND NOT " + END_STEP_DONE + " AND NOT (" + HEARTBEAT_STALE + ")";
      default -> throw new IllegalArgumentException("Invalid run status: " + status);
    };
  }

  /** Records a run's status and end time (now, if it ended and none is given). */
  Optional<RunResource> updateRun(RunKey key, RunChange change) {
    Instant ended = change.endedAt();
    return jdbi.inTransaction(
        h -> {
          int rows =
              h.createUpdate(
                      """
              UPDATE runs SET status = :status,
                ended_at = CASE WHEN :status = 'RUNNING' THEN NULL ELSE coalesce(:ended, CAST(:now AS timestamptz)) END
              WHERE flow_name = :flow AND run_number = :run""")
                  .bind("status", change.status().name())
                  .bind("now", now())
                  .bind("ended", ended == null ? null : utc(ended))
                  .bind("flow", key.flow())
                  .bind("run", key.run())
                  .execute();
          return rows == 0 ? Optional.empty() : run(h, key);
        });
  }

  /** Adds then removes user tags atomically, keeping the first order of the tags kept. */
  Optional<RunResource> changeTags(RunKey key, List<String> add, List<String> remove) {
    return jdbi.inTransaction(
        h -> {
          int rows =
              h.createUpdate(
                      """
              UPDATE runs SET tags = (
                SELECT coalesce(array_agg(k.t ORDER BY k.o), '{}')
                FROM (SELECT u.t, min(u.o) AS o FROM unnest(tags || CAST(:add AS text[])) WITH ORDINALITY AS u(t, o)
                      WHERE NOT (u.t = ANY(CAST(:remove AS text[]))) GROUP BY u.t) k)
              WHERE flow_name = :flow AND run_number = :run""")
                  .bindArray("add", String.class, add)
                  .bindArray("remove", String.class, remove)
                  .bind("flow", key.flow())
                  .bind("run", key.run())
                  .execute();
          return rows == 0 ? Optional.empty() : run(h, key);
        });
  }

  /** Marks the run alive now (the service's clock); empty if there is no such run. */
  Optional<Instant> heartbeatRun(RunKey key) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "UPDATE runs SET last_heartbeat_at = :now WHERE flow_name = :flow AND run_number = :run RETURNING last_heartbeat_at")
                .bind("now", now())
                .bind("flow", key.flow())
                .bind("run", key.run())
                .map((rs, ctx) -> instant(rs, "last_heartbeat_at"))
                .findOne());
  }

  boolean saveGraph(RunKey key, String graphJson) {
    return jdbi.withHandle(
        h ->
            h.createUpdate(
                        "UPDATE runs SET graph = CAST(:graph AS jsonb) WHERE flow_name = :flow AND run_number = :run")
                    .bind("graph", graphJson)
                    .bind("flow", key.flow())
                    .bind("run", key.run())
                    .execute()
                > 0);
  }

  /**
   * The run's graph JSON; empty if there is no run, an empty string inside if it has none stored.
   */
  Optional<String> graph(RunKey key) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT coalesce(graph::text, '') FROM runs WHERE flow_name = :flow AND run_number = :run")
                .bind("flow", key.flow())
                .bind("run", key.run())
                .mapTo(String.class)
                .findOne());
  }

  // ---- steps

  StepResource createStep(RunKey key, String step) {
    return jdbi.inTransaction(
        h -> {
          requireRun(h, key);
          insertStep(h, key, step);
          return step(h, key, step).orElseThrow();
        });
  }

  Optional<StepResource> step(RunKey key, String step) {
    return jdbi.withHandle(h -> step(h, key, step));
  }

  Optional<List<StepResource>> steps(RunKey key) {
    return jdbi.withHandle(
        h -> {
          if (!runExists(h, key)) {
            return Optional.empty();
          }
          return Optional.of(stepQuery(h, key, null).list());
        });
  }

  private static Optional<StepResource> step(Handle h, RunKey key, String step) {
    return stepQuery(h, key, step).findOne();
  }

  private static ResultIterable<StepResource> stepQuery(Handle h, RunKey key, String step) {
    Query query =
        h.createQuery(
                """
            SELECT s.step_name, s.created_at,
                   (SELECT count(*) FROM tasks t WHERE t.flow_name = s.flow_name AND t.run_number = s.run_number AND t.step_name = s.step_name) AS task_count
            FROM steps s WHERE s.flow_name = :flow AND s.run_number = :run"""
                    + (step == null ? "" : " AND s.step_name = :step")
                    + " ORDER BY s.created_at, s.step_name")
            .bind("flow", key.flow())
            .bind("run", key.run());
    if (step != null) {
      query.bind("step", step);
    }
    return query.map(
        (rs, ctx) ->
            new StepResource(
                key.flow(),
                key.runId(),
                rs.getString("step_name"),
                instant(rs, "created_at"),
                rs.getLong("task_count")));
  }

  private void insertStep(Handle h, RunKey key, String step) {
    h.createUpdate(
            "INSERT INTO steps (flow_name, run_number, step_name, created_at) VALUES (:flow, :run, :step, :now) ON CONFLICT DO NOTHING")
        .bind("now", now())
        .bind("flow", key.flow())
        .bind("run", key.run())
        .bind("step", step)
        .execute();
  }

  // ---- tasks

  /**
   * Registers a task (and its step). With {@code replace}, registering it again replaces its
   * record; without, an existing task is a conflict. A task id used by another step of the run is
   * always a conflict.
   */
  TaskResource registerTask(TaskKey key, TaskRegistration body, boolean replace) {
    return jdbi.inTransaction(
        h -> {
          requireRun(h, key.run());
          lockTaskId(h, key);
          insertStep(h, key.run(), key.step());
          String conflict =
              replace
                  ? " ON CONFLICT (flow_name, run_number, step_name, task_id) DO UPDATE SET input_paths = excluded.input_paths,"
                      + " split_index = excluded.split_index, origin_task = excluded.origin_task, created_at = excluded.created_at"
                  : "";
          h.createUpdate(
                  """
              INSERT INTO tasks (flow_name, run_number, step_name, task_id, input_paths, split_index, origin_task, created_at)
              VALUES (:flow, :run, :step, :task, :inputs, :split, :origin, coalesce(:created, CAST(:now AS timestamptz)))"""
                      + conflict)
              .bind("flow", key.run().flow())
              .bind("run", key.run().run())
              .bind("step", key.step())
              .bind("task", key.task())
              .bindArray("inputs", String.class, body.inputPaths())
              .bind("split", body.splitIndex())
              .bind("origin", body.originTask())
              .bind("created", body.createdAt() == null ? null : utc(body.createdAt()))
              .bind("now", now())
              .execute();
          return task(h, key).orElseThrow();
        });
  }

  /**
   * Serializes registrations of one task id within a run until the transaction ends. Without it,
   * two concurrent inserts of the same task both pass the primary key's ON CONFLICT check and the
   * loser fails on the second unique index ({@code tasks_id_in_run}) instead of updating.
   */
  private static void lockTaskId(Handle h, TaskKey key) {
    h.createQuery(
            "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(:flow), hashtext(:run || '/' || :task))) AS locked")
        .bind("flow", key.run().flow())
        .bind("run", Long.toString(key.run().run()))
        .bind("task", key.task())
        .mapTo(Integer.class)
        .one();
  }

  Optional<TaskResource> task(TaskKey key) {
    return jdbi.withHandle(h -> task(h, key));
  }

  private Optional<TaskResource> task(Handle h, TaskKey key) {
    return h.createQuery(
            TASK_SELECT
                + " WHERE t.flow_name = :flow AND t.run_number = :run AND t.step_name = :step AND t.task_id = :task")
        .bind("flow", key.run().flow())
        .bind("run", key.run().run())
        .bind("step", key.step())
        .bind("task", key.task())
        .bind("timeoutMs", timeoutMs)
        .bind("now", now())
        .map((rs, ctx) -> taskResource(rs))
        .findOne();
  }

  /**
   * The tasks of a run (or of one step of it), by creation time then id; empty if the run (or step)
   * does not exist.
   */
  Optional<List<TaskResource>> tasks(RunKey key, String step) {
    return jdbi.withHandle(
        h -> {
          if (step == null ? !runExists(h, key) : step(h, key, step).isEmpty()) {
            return Optional.empty();
          }
          return Optional.of(runTaskQuery(h, key, step, true).list());
        });
  }

  /**
   * The tasks of a run (or of one step of it), by creation time then id; with their derived status
   * if {@code derive}, else with none (null).
   */
  private ResultIterable<TaskResource> runTaskQuery(
      Handle h, RunKey key, String step, boolean derive) {
    Query query =
        h.createQuery(
                (derive ? TASK_SELECT : TASK_SELECT_UNDERIVED)
                    + " WHERE t.flow_name = :flow AND t.run_number = :run"
                    + (step == null ? "" : " AND t.step_name = :step")
                    + " ORDER BY t.created_at, t.task_id")
            .bind("flow", key.flow())
            .bind("run", key.run())
            .bind("timeoutMs", timeoutMs)
            .bind("now", now());
    if (step != null) {
      query.bind("step", step);
    }
    return query.map((rs, ctx) -> taskResource(rs));
  }

  Optional<Instant> heartbeatTask(TaskKey key) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
            UPDATE tasks SET last_heartbeat_at = :now
            WHERE flow_name = :flow AND run_number = :run AND step_name = :step AND task_id = :task
            RETURNING last_heartbeat_at""")
                .bind("now", now())
                .bind("flow", key.run().flow())
                .bind("run", key.run().run())
                .bind("step", key.step())
                .bind("task", key.task())
                .map((rs, ctx) -> instant(rs, "last_heartbeat_at"))
                .findOne());
  }

  // ---- attempts and artifacts

  /**
   * Records an attempt's start or end, replacing what was recorded for it; when the report lists
   * artifacts they replace the attempt's artifacts.
   */
  AttemptResource recordAttempt(TaskKey key, int attempt, AttemptReport report) {
    return jdbi.inTransaction(
        h -> {
          requireTask(h, key);
          h.createUpdate(
                  """
              INSERT INTO attempts (flow_name, run_number, step_name, task_id, attempt, status, started_at, ended_at, pid, error)
              VALUES (:flow, :run, :step, :task, :attempt, :status, :started, :ended, :pid, :error)
              ON CONFLICT (flow_name, run_number, step_name, task_id, attempt) DO UPDATE SET status = excluded.status,
                started_at = excluded.started_at, ended_at = excluded.ended_at, pid = excluded.pid, error = excluded.error""")
              .bind("flow", key.run().flow())
              .bind("run", key.run().run())
              .bind("step", key.step())
              .bind("task", key.task())
              .bind("attempt", attempt)
              .bind("status", report.status() == null ? null : report.status().name())
              .bind("started", utc(report.startedAt()))
              .bind("ended", report.endedAt() == null ? null : utc(report.endedAt()))
              .bind("pid", report.pid())
              .bind("error", report.error())
              .execute();
          if (report.artifacts() != null) {
            h.createUpdate(
                    """
                DELETE FROM artifacts
                WHERE flow_name = :flow AND run_number = :run AND step_name = :step AND task_id = :task AND attempt = :attempt""")
                .bind("flow", key.run().flow())
                .bind("run", key.run().run())
                .bind("step", key.step())
                .bind("task", key.task())
                .bind("attempt", attempt)
                .execute();
            insertArtifacts(h, key, attempt, report.artifacts());
          }
          return attempts(h, key).stream()
              .filter(a -> a.attempt() == attempt)
              .findFirst()
              .orElseThrow();
        });
  }

  /** Adds artifacts to an attempt that exists, replacing any of the same name. */
  Optional<List<Artifact>> addArtifacts(TaskKey key, int attempt, List<Artifact> artifacts) {
    return jdbi.inTransaction(
        h -> {
          requireTask(h, key);
          boolean exists =
              h.createQuery(
                          """
              SELECT count(*) FROM attempts
              WHERE flow_name = :flow AND run_number = :run AND step_name = :step AND task_id = :task AND attempt = :attempt""")
                      .bind("flow", key.run().flow())
                      .bind("run", key.run().run())
                      .bind("step", key.step())
                      .bind("task", key.task())
                      .bind("attempt", attempt)
                      .mapTo(Long.class)
                      .one()
                  > 0;
          if (!exists) {
            return Optional.empty();
          }
          insertArtifacts(h, key, attempt, artifacts);
          return Optional.of(artifacts(h, key, attempt));
        });
  }

  private void insertArtifacts(Handle h, TaskKey key, int attempt, List<Artifact> artifacts) {
    if (artifacts.isEmpty()) {
      return;
    }
    var batch =
        h.prepareBatch(
            """
        INSERT INTO artifacts (flow_name, run_number, step_name, task_id, attempt, name, sha, type, size, location, details,
                               created_at)
        VALUES (:flow, :run, :step, :task, :attempt, :name, :sha, :type, :size, :location, CAST(:details AS json), :now)
        ON CONFLICT (flow_name, run_number, step_name, task_id, attempt, name)
        DO UPDATE SET sha = excluded.sha, type = excluded.type, size = excluded.size, location = excluded.location,
          details = excluded.details""");
    OffsetDateTime now = now();
    for (Artifact artifact : artifacts) {
      batch
          .bind("flow", key.run().flow())
          .bind("run", key.run().run())
          .bind("step", key.step())
          .bind("task", key.task())
          .bind("attempt", attempt)
          .bind("name", artifact.name())
          .bind("sha", artifact.sha())
          .bind("type", artifact.type())
          .bind("size", artifact.size())
          .bind("location", artifact.location())
          .bind("details", json(artifact.details()))
          .bind("now", now)
          .add();
    }
    batch.execute();
  }

  /** The attempts of a task in order, with their artifacts; empty if there is no such task. */
  Optional<List<AttemptResource>> attempts(TaskKey key) {
    return jdbi.withHandle(
        h -> taskExists(h, key) ? Optional.of(attempts(h, key)) : Optional.empty());
  }

  private static List<AttemptResource> attempts(Handle h, TaskKey key) {
    return attempts(h, key.run(), key).getOrDefault(key, List.of());
  }

  /** An attempt of a task of a run. */
  private record AttemptKey(String step, String task, int attempt) {}

  /**
   * The attempts, in order and with their artifacts, of every task of {@code run} that has any, or
   * of task {@code only} if given: two queries whatever the number of tasks.
   */
  private static Map<TaskKey, List<AttemptResource>> attempts(Handle h, RunKey run, TaskKey only) {
    String oneTask = only == null ? "" : " AND step_name = :step AND task_id = :task";
    // rows come in no order: sorting them here is cheaper than in the database, which spills the
    // artifacts of a run of 10,000 tasks to disk
    Map<AttemptKey, List<Map.Entry<Long, Artifact>>> artifacts = new HashMap<>();
    Query artifactQuery =
        h.createQuery(
            "SELECT step_name, task_id, attempt, seq, name, sha, type, size, location, details FROM artifacts"
                + " WHERE flow_name = :flow AND run_number = :run"
                + oneTask);
    bindTask(artifactQuery, run, only)
        .map(
            (rs, ctx) ->
                Map.entry(
                    new AttemptKey(
                        rs.getString("step_name"), rs.getString("task_id"), rs.getInt("attempt")),
                    Map.entry(rs.getLong("seq"), artifact(rs))))
        .forEach(
            e -> artifacts.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    Query attemptQuery =
        h.createQuery(
            "SELECT step_name, task_id, attempt, status, started_at, ended_at, pid, error FROM attempts"
                + " WHERE flow_name = :flow AND run_number = :run"
                + oneTask);
    Map<TaskKey, List<AttemptResource>> attempts = new LinkedHashMap<>();
    bindTask(attemptQuery, run, only)
        .map(
            (rs, ctx) -> {
              String step = rs.getString("step_name");
              String task = rs.getString("task_id");
              int attempt = rs.getInt("attempt");
              return new AttemptResource(
                  run.flow(),
                  run.runId(),
                  step,
                  task,
                  attempt,
                  rs.getString("status"),
                  instant(rs, "started_at"),
                  instant(rs, "ended_at"),
                  rs.getLong("pid"),
                  rs.getString("error"),
                  inOrder(artifacts.get(new AttemptKey(step, task, attempt))));
            })
        .forEach(
            a ->
                attempts
                    .computeIfAbsent(new TaskKey(run, a.step(), a.taskId()), k -> new ArrayList<>())
                    .add(a));
    attempts.values().forEach(list -> list.sort(Comparator.comparingInt(AttemptResource::attempt)));
    return attempts;
  }

  /** Artifacts in the order they were recorded (by sequence number). */
  private static List<Artifact> inOrder(List<Map.Entry<Long, Artifact>> artifacts) {
    if (artifacts == null) {
      return List.of();
    }
    artifacts.sort(Map.Entry.comparingByKey());
    List<Artifact> ordered = new ArrayList<>(artifacts.size());
    artifacts.forEach(e -> ordered.add(e.getValue()));
    return List.copyOf(ordered);
  }

  private static Query bindTask(Query query, RunKey run, TaskKey only) {
    query.bind("flow", run.flow()).bind("run", run.run());
    if (only != null) {
      query.bind("step", only.step()).bind("task", only.task());
    }
    return query;
  }

  /**
   * A run with tasks and their attempts.
   *
   * @param run the run
   * @param tasks its tasks by creation time then id, as {@link #tasks} lists them; of a whole run
   *     without their derived status (null), which each task's attempts give
   * @param attempts each task's attempts in order, with their artifacts; none for a task without
   */
  record RunTasks(
      RunResource run, List<TaskResource> tasks, Map<TaskKey, List<AttemptResource>> attempts) {}

  /**
   * A run with every task and attempt of it, read in four queries from one snapshot; empty if there
   * is no such run.
   */
  Optional<RunTasks> runTasks(RunKey key) {
    return runTasks(key, null);
  }

  /**
   * A run with task {@code key} (no task if it has none such) and its attempts; empty if there is
   * no such run.
   */
  Optional<RunTasks> runTask(TaskKey key) {
    return runTasks(key.run(), key);
  }

  private Optional<RunTasks> runTasks(RunKey key, TaskKey only) {
    return jdbi.inTransaction(
        TransactionIsolationLevel.REPEATABLE_READ,
        h -> {
          Optional<RunResource> run = run(h, key);
          if (run.isEmpty()) {
            return Optional.empty();
          }
          List<TaskResource> tasks =
              only == null
                  ? runTaskQuery(h, key, null, false).list()
                  : task(h, only).map(List::of).orElse(List.of());
          return Optional.of(new RunTasks(run.get(), tasks, attempts(h, key, only)));
        });
  }

  /**
   * The artifacts of one attempt (the latest if {@code attempt} is null), or empty if the task or
   * attempt does not exist.
   */
  Optional<ArtifactList> artifacts(TaskKey key, Integer attempt) {
    return jdbi.withHandle(
        h -> {
          if (!taskExists(h, key)) {
            return Optional.empty();
          }
          Query query =
              h.createQuery(
                      """
              SELECT max(attempt) FROM attempts
              WHERE flow_name = :flow AND run_number = :run AND step_name = :step AND task_id = :task"""
                          + (attempt == null ? "" : " AND attempt = :attempt"))
                  .bind("flow", key.run().flow())
                  .bind("run", key.run().run())
                  .bind("step", key.step())
                  .bind("task", key.task());
          if (attempt != null) {
            query.bind("attempt", attempt);
          }
          Optional<Integer> chosen = query.mapTo(Integer.class).findOne();
          return chosen.map(
              n ->
                  new ArtifactList(
                      key.run().flow(),
                      key.run().runId(),
                      key.step(),
                      key.task(),
                      n,
                      artifacts(h, key, n)));
        });
  }

  private static List<Artifact> artifacts(Handle h, TaskKey key, int attempt) {
    return h.createQuery(
            """
            SELECT name, sha, type, size, location, details FROM artifacts
            WHERE flow_name = :flow AND run_number = :run AND step_name = :step AND task_id = :task AND attempt = :attempt
            ORDER BY seq""")
        .bind("flow", key.run().flow())
        .bind("run", key.run().run())
        .bind("step", key.step())
        .bind("task", key.task())
        .bind("attempt", attempt)
        .map((rs, ctx) -> artifact(rs))
        .list();
  }

  // ---- metadata

  Optional<List<MetadataResource>> addMetadata(TaskKey key, List<MetadataEntry> entries) {
    return jdbi.inTransaction(
        h -> {
          if (!taskExists(h, key)) {
            return Optional.empty();
          }
          if (!entries.isEmpty()) {
            var batch =
                h.prepareBatch(
                    """
            INSERT INTO metadata (flow_name, run_number, step_name, task_id, attempt, field, value, type, tags, created_at)
            VALUES (:flow, :run, :step, :task, :attempt, :field, :value, :type, :tags, :now)""");
            OffsetDateTime now = now();
            for (MetadataEntry entry : entries) {
              batch
                  .bind("flow", key.run().flow())
                  .bind("run", key.run().run())
                  .bind("step", key.step())
                  .bind("task", key.task())
                  .bind("attempt", entry.attempt())
                  .bind("field", entry.field())
                  .bind("value", entry.value())
                  .bind("type", entry.type())
                  .bindArray("tags", String.class, entry.tags())
                  .bind("now", now)
                  .add();
            }
            batch.execute();
          }
          return Optional.of(metadata(h, key));
        });
  }

  Optional<List<MetadataResource>> metadata(TaskKey key) {
    return jdbi.withHandle(
        h -> taskExists(h, key) ? Optional.of(metadata(h, key)) : Optional.empty());
  }

  private static List<MetadataResource> metadata(Handle h, TaskKey key) {
    return h.createQuery(
            """
            SELECT id, attempt, field, value, type, tags, created_at FROM metadata
            WHERE flow_name = :flow AND run_number = :run AND step_name = :step AND task_id = :task ORDER BY id""")
        .bind("flow", key.run().flow())
        .bind("run", key.run().run())
        .bind("step", key.step())
        .bind("task", key.task())
        .map(
            (rs, ctx) ->
                new MetadataResource(
                    rs.getLong("id"),
                    (Integer) rs.getObject("attempt"),
                    rs.getString("field"),
                    rs.getString("value"),
                    rs.getString("type"),
                    strings(rs, "tags"),
                    instant(rs, "created_at")))
        .list();
  }

  // ---- existence

  private static boolean runExists(Handle h, RunKey key) {
    return h.createQuery("SELECT count(*) FROM runs WHERE flow_name = :flow AND run_number = :run")
            .bind("flow", key.flow())
            .bind("run", key.run())
            .mapTo(Long.class)
            .one()
        > 0;
  }

  private static void requireRun(Handle h, RunKey key) {
    if (!runExists(h, key)) {
      throw ApiException.notFound("No %s", key.describe());
    }
  }

  private static boolean taskExists(Handle h, TaskKey key) {
    return h.createQuery(
                "SELECT count(*) FROM tasks WHERE flow_name = :flow AND run_number = :run AND step_name = :step AND task_id = :task")
            .bind("flow", key.run().flow())
            .bind("run", key.run().run())
            .bind("step", key.step())
            .bind("task", key.task())
            .mapTo(Long.class)
            .one()
        > 0;
  }

  private static void requireTask(Handle h, TaskKey key) {
    if (!taskExists(h, key)) {
      throw ApiException.notFound("No %s", key.describe());
    }
  }

  // ---- mapping

  private static RunResource runResource(ResultSet rs) throws SQLException {
    long number = rs.getLong("run_number");
    return new RunResource(
        rs.getString("flow_name"),
        Long.toString(number),
        number,
        rs.getString("user_name"),
        strings(rs, "tags"),
        strings(rs, "system_tags"),
        rs.getString("origin_run_id"),
        rs.getString("derived_status"),
        rs.getString("status"),
        instant(rs, "started_at"),
        instant(rs, "ended_at"),
        instant(rs, "last_heartbeat_at"),
        rs.getString("host"),
        rs.getLong("pid"));
  }

  private static TaskResource taskResource(ResultSet rs) throws SQLException {
    return new TaskResource(
        rs.getString("flow_name"),
        Long.toString(rs.getLong("run_number")),
        rs.getString("step_name"),
        rs.getString("task_id"),
        strings(rs, "input_paths"),
        rs.getInt("split_index"),
        rs.getString("origin_task"),
        instant(rs, "created_at"),
        instant(rs, "last_heartbeat_at"),
        rs.getString("derived_status"));
  }

  private static Artifact artifact(ResultSet rs) throws SQLException {
    return new Artifact(
        rs.getString("name"),
        rs.getString("sha"),
        rs.getString("type"),
        rs.getLong("size"),
        rs.getString("location"),
        details(rs.getString("details")));
  }

  private static String json(Map<String, String> details) {
    try {
      return DETAILS.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write artifact details as JSON", e);
    }
  }

  private static Map<String, String> details(String json) throws SQLException {
    try {
      // most artifacts have none: no parser for them
      return json.equals("{}") ? new LinkedHashMap<>() : DETAILS_READER.readValue(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("Unreadable artifact details: " + e.getOriginalMessage(), e);
    }
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    Array array = rs.getArray(column);
    return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
    return time == null ? null : time.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
