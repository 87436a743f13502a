package io.fluxo.ui;

import io.fluxo.runtime.client.DatastoreReader;
import io.fluxo.runtime.client.TaskStatus;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.ui.catalog.RunCatalog;
import io.fluxo.ui.catalog.RunPage;
import io.fluxo.ui.catalog.RunQuery;
import io.fluxo.ui.catalog.TaskView;
import io.fluxo.ui.graph.DagLayout;
import io.fluxo.ui.graph.StepGraph;
import io.fluxo.ui.preview.Preview;
import io.fluxo.ui.preview.ValuePreview;
import io.fluxo.ui.timeline.Timeline;
import io.fluxo.ui.view.ArtifactPreviewView;
import io.fluxo.ui.view.Durations;
import io.fluxo.ui.view.LogView;
import io.fluxo.ui.view.RunView;
import io.fluxo.ui.view.RunsView;
import io.fluxo.ui.view.TaskPageView;
import io.javalin.http.Context;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Builds each page's view from the catalog and the datastore. */
final class Pages {
  /** Runs per page of the runs list. */
  static final int RUNS_PER_PAGE = 50;

  /** Tasks per page of the tasks tab. */
  static final int TASKS_PER_PAGE = 200;

  /** The most bytes of a log a page or a tail shows; the download has all. */
  static final int LOG_BYTES = 256 * 1024;

  /** The largest stored artifact previewed; a larger one is only described. */
  static final long MAX_PREVIEW_BYTES = 64L << 20;

  /** The run's parameters are the artifacts of this pseudo-step's task. */
  private static final String PARAMETERS_STEP = "_parameters";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final Map<String, Comparator<TaskView>> TASK_ORDERS = new LinkedHashMap<>();

  static {
    Comparator<TaskView> byStart =
        Comparator.comparing(
            (TaskView t) -> t.startedAt().orElse(Instant.MAX), Comparator.naturalOrder());
    TASK_ORDERS.put("step", Comparator.comparing((TaskView t) -> t.record().path().step()));
    TASK_ORDERS.put("task", Comparator.comparing(Pages::numericTaskId));
    TASK_ORDERS.put("status", Comparator.comparing((TaskView t) -> t.status().name()));
    TASK_ORDERS.put("attempts", Comparator.comparingInt((TaskView t) -> t.attempts().size()));
    TASK_ORDERS.put("start", byStart);
    TASK_ORDERS.put("duration", Comparator.comparing(t -> taskDuration(t, Instant.EPOCH)));
  }

  private final RunCatalog catalog;
  private final DatastoreReader datastore;
  private final Clock clock;

  Pages(RunCatalog catalog, DatastoreReader datastore, Clock clock) {
    this.catalog = catalog;
    this.datastore = datastore;
    this.clock = clock;
  }

  // ---- runs

  RunsView runs(Context ctx) {
    RunsView.RunFilter filter =
        new RunsView.RunFilter(
            param(ctx, "flow"),
            param(ctx, "status"),
            param(ctx, "user"),
            param(ctx, "tag"),
            param(ctx, "since"),
            param(ctx, "until"));
    List<String> errors = new ArrayList<>();
    RunStatus status = null;
    if (!filter.status().isEmpty()) {
      try {
        status = RunStatus.valueOf(filter.status().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add("status must be running, succeeded or failed");
      }
    }
    Instant since = instant(filter.since(), false, "since", errors);
    Instant until = instant(filter.until(), true, "until", errors);
    int page = Math.max(1, intParam(ctx, "page", 1));
    RunQuery query =
        new RunQuery(
            blankToNull(filter.flow()),
            status,
            blankToNull(filter.user()),
            blankToNull(filter.tag()),
            since,
            until,
            (int) Math.min(Integer.MAX_VALUE - RUNS_PER_PAGE, (long) (page - 1) * RUNS_PER_PAGE),
            RUNS_PER_PAGE);
    RunPage runs = catalog.runs(query);
    List<RunsView.RunRow> rows = new ArrayList<>();
    Instant now = clock.instant();
    boolean live = false;
    for (RunRecord run : runs.runs()) {
      live |= run.status() == RunStatus.RUNNING;
      rows.add(
          new RunsView.RunRow(
              run.flow(),
              run.runId(),
              lower(run.status()),
              run.user(),
              run.tags(),
              TIME.format(run.startedAt()),
              Durations.format(
                  Duration.between(run.startedAt(), run.endedAt() != null ? run.endedAt() : now)),
              run.originRunId() == null ? "" : run.originRunId(),
              runHref(run.flow(), run.runId())));
    }
    return new RunsView(
        rows,
        catalog.flows(),
        filter,
        page,
        page > 1 ? runsHref(filter, page - 1) : null,
        runs.more() ? runsHref(filter, page + 1) : null,
        live,
        errors.isEmpty() ? null : "Ignored a filter: " + String.join("; ", errors) + ".",
        self(ctx));
  }

  private static String runsHref(RunsView.RunFilter filter, int page) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("flow", filter.flow());
    params.put("status", filter.status());
    params.put("user", filter.user());
    params.put("tag", filter.tag());
    params.put("since", filter.since());
    params.put("until", filter.until());
    params.put("page", Integer.toString(page));
    return "/" + query(params);
  }

  private static Instant instant(String text, boolean endOfDay, String name, List<String> errors) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      LocalDate day = LocalDate.parse(text);
      return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        errors.add(name + " must be a date (2026-12-03) or an instant (2026-12-03T10:00:00Z)");
        return null;
      }
    }
  }

  // ---- a run

  RunView run(Context ctx) {
    RunRecord run = runRecord(ctx);
    String tab =
        switch (param(ctx, "tab")) {
          case "timeline", "tasks" -> param(ctx, "tab");
          default -> "dag";
        };
    List<TaskView> all = catalog.tasks(run.flow(), run.runId());
    List<TaskView> tasks =
        all.stream().filter(t -> !t.record().path().step().equals(PARAMETERS_STEP)).toList();
    Instant now = clock.instant();
    Instant end = run.endedAt() != null ? run.endedAt() : now;
    String href = runHref(run.flow(), run.runId());
    Map<String, RunView.StepSummary> steps = new LinkedHashMap<>();
    DagLayout.Drawing dag = null;
    if (tab.equals("dag")) {
      Optional<byte[]> graph = catalog.graph(run.flow(), run.runId());
      if (graph.isPresent()) {
        StepGraph steps0 = StepGraph.parse(graph.get());
        dag = DagLayout.layout(steps0);
        for (StepGraph.Step step : steps0.steps()) {
          List<TaskView> ofStep =
              tasks.stream().filter(t -> t.record().path().step().equals(step.name())).toList();
          steps.put(
              step.name(),
              new RunView.StepSummary(
                  stepStatus(ofStep),
                  ofStep.size(),
                  href + query(Map.of("tab", "tasks", "step", step.name()))));
        }
      }
    }
    Timeline timeline =
        tab.equals("timeline")
            ? Timeline.of(
                tasks,
                run.startedAt(),
                end,
                (task, attempt) -> taskHref(task.record().path(), attempt))
            : null;
    RunView.TaskTable table = tab.equals("tasks") ? taskTable(ctx, tasks, href) : null;
    return new RunView(
        run.flow(),
        run.runId(),
        lower(run.status()),
        run.user(),
        run.tags(),
        run.systemTags(),
        TIME.format(run.startedAt()),
        Durations.format(Duration.between(run.startedAt(), end)),
        run.originRunId() == null ? "" : run.originRunId(),
        run.originRunId() == null ? "" : runHref(run.flow(), run.originRunId()),
        run.host() + " (pid " + run.pid() + ")",
        parameters(run, all),
        tab,
        dag,
        steps,
        timeline,
        table,
        run.status() == RunStatus.RUNNING,
        href,
        self(ctx));
  }

  private Map<String, String> parameters(RunRecord run, List<TaskView> tasks) {
    Map<String, String> parameters = new LinkedHashMap<>();
    tasks.stream()
        .filter(t -> t.record().path().step().equals(PARAMETERS_STEP))
        .findFirst()
        .flatMap(TaskView::latest)
        .ifPresent(
            attempt ->
                attempt
                    .artifacts()
                    .forEach((name, ref) -> parameters.put(name, shortText(run.flow(), ref))));
    return parameters;
  }

  private String shortText(String flow, ArtifactRef ref) {
    try {
      Preview preview = ValuePreview.of(datastore.read(flow, ref), Map.of());
      return preview instanceof Preview.Text text ? text.text() : ref.type();
    } catch (RuntimeException e) {
      return "(" + ref.type() + ", not readable here)";
    }
  }

  private static String stepStatus(List<TaskView> tasks) {
    if (tasks.isEmpty()) {
      return "pending";
    }
    if (tasks.stream()
        .anyMatch(
            t ->
                t.status() == TaskStatus.FAILED
                    || t.status() == TaskStatus.TIMED_OUT
                    || t.status() == TaskStatus.UNFINISHED)) {
      return "failed";
    }
    if (tasks.stream().anyMatch(t -> t.status() == TaskStatus.RUNNING)) {
      return "running";
    }
    return "succeeded";
  }

  private RunView.TaskTable taskTable(Context ctx, List<TaskView> tasks, String runHref) {
    String step = param(ctx, "step");
    String sort = TASK_ORDERS.containsKey(param(ctx, "sort")) ? param(ctx, "sort") : "start";
    boolean descending = param(ctx, "dir").equals("desc");
    Comparator<TaskView> order =
        TASK_ORDERS
            .get(sort)
            .thenComparing(TASK_ORDERS.get("step"))
            .thenComparing(TASK_ORDERS.get("task"));
    List<TaskView> shown =
        tasks.stream()
            .filter(t -> step.isEmpty() || t.record().path().step().equals(step))
            .sorted(descending ? order.reversed() : order)
            .toList();
    int page = Math.max(1, intParam(ctx, "page", 1));
    int from = (int) Math.min(shown.size(), (long) (page - 1) * TASKS_PER_PAGE);
    int to = Math.min(shown.size(), from + TASKS_PER_PAGE);
    Instant now = clock.instant();
    List<RunView.TaskRow> rows = new ArrayList<>();
    for (TaskView task : shown.subList(from, to)) {
      TaskPath path = task.record().path();
      rows.add(
          new RunView.TaskRow(
              path.step(),
              path.taskId(),
              lower(task.status()),
              task.attempts().size(),
              task.startedAt().map(TIME::format).orElse(""),
              task.startedAt().isEmpty() ? "" : Durations.format(taskDuration(task, now)),
              taskHref(path, -1)));
    }
    Function<Map<String, String>, String> link =
        changes -> {
          Map<String, String> params = new LinkedHashMap<>();
          params.put("tab", "tasks");
          params.put("step", step);
          params.put("sort", sort);
          params.put("dir", descending ? "desc" : "asc");
          params.putAll(changes);
          return runHref + query(params);
        };
    Map<String, String> sortHrefs = new LinkedHashMap<>();
    for (String column : TASK_ORDERS.keySet()) {
      boolean flip = column.equals(sort) && !descending;
      sortHrefs.put(
          column, link.apply(Map.of("sort", column, "dir", flip ? "desc" : "asc", "page", "1")));
    }
    return new RunView.TaskTable(
        rows,
        sort,
        descending,
        step,
        shown.size(),
        page > 1 ? link.apply(Map.of("page", Integer.toString(page - 1))) : null,
        to < shown.size() ? link.apply(Map.of("page", Integer.toString(page + 1))) : null,
        sortHrefs);
  }

  private static Duration taskDuration(TaskView task, Instant now) {
    if (task.startedAt().isEmpty()) {
      return Duration.ZERO;
    }
    Instant end = task.endedAt().orElse(null);
    return Duration.between(task.startedAt().get(), end != null ? end : now);
  }

  private static long numericTaskId(TaskView task) {
    try {
      return Long.parseLong(task.record().path().taskId());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  // ---- a task

  TaskPageView task(Context ctx) {
    TaskPath path = taskPath(ctx);
    RunRecord run = runRecord(ctx);
    TaskView task =
        catalog.task(path).orElseThrow(() -> new WebUi.NotFound("No task " + path.pathspec()));
    int selected = intParam(ctx, "attempt", task.latest().map(AttemptRecord::attempt).orElse(-1));
    AttemptRecord attempt =
        task.attempts().stream().filter(a -> a.attempt() == selected).findFirst().orElse(null);
    if (attempt == null && !task.attempts().isEmpty()) {
      throw new WebUi.NotFound("Task " + path.pathspec() + " has no attempt " + selected);
    }
    List<TaskPageView.AttemptChoice> choices = new ArrayList<>();
    for (AttemptRecord a : task.attempts()) {
      choices.add(
          new TaskPageView.AttemptChoice(
              a.attempt(), attemptStatus(a), taskHref(path, a.attempt()), a.attempt() == selected));
    }
    Instant now = clock.instant();
    TaskPageView.AttemptDetail detail = null;
    LogView stdout = null;
    LogView stderr = null;
    List<TaskPageView.ArtifactRow> artifacts = new ArrayList<>();
    if (attempt != null) {
      Instant end = attempt.endedAt() != null ? attempt.endedAt() : now;
      detail =
          new TaskPageView.AttemptDetail(
              attempt.attempt(),
              attemptStatus(attempt),
              TIME.format(attempt.startedAt()),
              attempt.endedAt() == null ? "" : TIME.format(attempt.endedAt()),
              Durations.format(Duration.between(attempt.startedAt(), end)),
              run.host() + " (pid " + attempt.pid() + ")",
              attempt.error() == null ? "" : attempt.error());
      boolean running = attempt.status() == null && run.status() == RunStatus.RUNNING;
      stdout = log(path, attempt.attempt(), LogStream.STDOUT, running);
      stderr = log(path, attempt.attempt(), LogStream.STDERR, running);
      for (Map.Entry<String, ArtifactRef> artifact : attempt.artifacts().entrySet()) {
        artifacts.add(
            new TaskPageView.ArtifactRow(
                artifact.getKey(),
                artifact.getValue().type(),
                bytes(artifact.getValue().size()),
                attemptHref(path, attempt.attempt()) + "/artifacts/" + encode(artifact.getKey())));
      }
    }
    String origin = task.record().originTask();
    return new TaskPageView(
        path.flow(),
        path.runId(),
        path.step(),
        path.taskId(),
        runHref(path.flow(), path.runId()),
        lower(task.status()),
        choices,
        detail,
        stdout,
        stderr,
        artifacts,
        origin == null ? "" : "/runs/" + origin,
        run.status() == RunStatus.RUNNING && (attempt == null || attempt.status() == null),
        self(ctx));
  }

  private LogView log(TaskPath task, int attempt, LogStream stream, boolean running) {
    String name = stream.name().toLowerCase(Locale.ROOT);
    String base = attemptHref(task, attempt);
    LogChunk chunk = LogChunk.tail(datastore.openLog(task, attempt, stream), LOG_BYTES);
    return new LogView(
        name,
        chunk.text(),
        chunk.skipped(),
        chunk.end(),
        running ? base + "/tail/" + name + "?from=" + chunk.end() : null,
        base + "/logs/" + name + "?download=1");
  }

  /** The live tail of a log after {@code from}: what was stored since, and where to go on. */
  LogView tail(Context ctx) {
    TaskPath path = taskPath(ctx);
    int attempt = attemptNumber(ctx);
    LogStream stream = stream(ctx);
    long from = Math.max(0, longParam(ctx, "from", 0));
    RunRecord run = runRecord(ctx);
    TaskView task =
        catalog.task(path).orElseThrow(() -> new WebUi.NotFound("No task " + path.pathspec()));
    boolean running =
        run.status() == RunStatus.RUNNING
            && task.attempts().stream().anyMatch(a -> a.attempt() == attempt && a.status() == null);
    LogChunk chunk =
        LogChunk.from(datastore.openLog(path, attempt, stream), from, LOG_BYTES, running);
    String name = stream.name().toLowerCase(Locale.ROOT);
    String base = attemptHref(path, attempt);
    boolean more = running || chunk.end() > from;
    return new LogView(
        name,
        chunk.text(),
        0,
        chunk.end(),
        more ? base + "/tail/" + name + "?from=" + chunk.end() : null,
        base + "/logs/" + name + "?download=1");
  }

  Optional<InputStream> openLog(TaskPath task, int attempt, LogStream stream) {
    return datastore.openLog(task, attempt, stream);
  }

  // ---- an artifact

  ArtifactPreviewView artifact(Context ctx) {
    TaskPath path = taskPath(ctx);
    int number = attemptNumber(ctx);
    String name = ctx.pathParam("name");
    TaskView task =
        catalog.task(path).orElseThrow(() -> new WebUi.NotFound("No task " + path.pathspec()));
    AttemptRecord attempt =
        task.attempts().stream()
            .filter(a -> a.attempt() == number)
            .findFirst()
            .orElseThrow(
                () -> new WebUi.NotFound("No attempt " + number + " of " + path.pathspec()));
    ArtifactRef ref = attempt.artifacts().get(name);
    if (ref == null) {
      throw new WebUi.NotFound("No artifact " + name + " in attempt " + number);
    }
    Map<String, String> details = attempt.artifactDetails().getOrDefault(name, Map.of());
    Preview preview;
    if (ref.size() > MAX_PREVIEW_BYTES) {
      preview =
          new Preview.Unavailable(
              "Stored value of "
                  + bytes(ref.size())
                  + ": too large to preview here; read it with the client.");
    } else {
      try {
        preview = ValuePreview.of(datastore.read(path.flow(), ref), details);
      } catch (RuntimeException e) {
        preview = new Preview.Unavailable(unreadable(ref, e));
      }
    }
    return new ArtifactPreviewView(name, ref.type(), preview);
  }

  private static String unreadable(ArtifactRef ref, RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClassNotFoundException
          || t instanceof NoClassDefFoundError
          || String.valueOf(t.getMessage()).contains("Unable to find class")) {
        return "Its class "
            + ref.type()
            + " is not on this server's classpath; read it with the client from the flow's jar.";
      }
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return "Cannot read it here: " + message.lines().findFirst().orElse("");
  }

  // ---- paths and parameters

  private RunRecord runRecord(Context ctx) {
    String flow = ctx.pathParam("flow");
    String runId = ctx.pathParam("run");
    return catalog
        .run(flow, runId)
        .orElseThrow(() -> new WebUi.NotFound("No run " + flow + "/" + runId));
  }

  static TaskPath taskPath(Context ctx) {
    try {
      return new TaskPath(
          ctx.pathParam("flow"),
          ctx.pathParam("run"),
          ctx.pathParam("step"),
          ctx.pathParam("task"));
    } catch (IllegalArgumentException e) {
      throw new WebUi.NotFound(e.getMessage());
    }
  }

  static int attemptNumber(Context ctx) {
    try {
      return Integer.parseInt(ctx.pathParam("attempt"));
    } catch (NumberFormatException e) {
      throw new WebUi.NotFound("No attempt " + ctx.pathParam("attempt"));
    }
  }

  static LogStream stream(Context ctx) {
    return switch (ctx.pathParam("stream")) {
      case "stdout" -> LogStream.STDOUT;
      case "stderr" -> LogStream.STDERR;
      default -> throw new WebUi.NotFound("No log " + ctx.pathParam("stream"));
    };
  }

  static String runHref(String flow, String runId) {
    return "/runs/" + encode(flow) + "/" + encode(runId);
  }

  static String taskHref(TaskPath task, int attempt) {
    return runHref(task.flow(), task.runId())
        + "/"
        + encode(task.step())
        + "/"
        + encode(task.taskId())
        + (attempt < 0 ? "" : "?attempt=" + attempt);
  }

  private static String attemptHref(TaskPath task, int attempt) {
    return taskHref(task, -1) + "/" + attempt;
  }

  private static String query(Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (name, value) -> {
          if (value != null && !value.isEmpty()) {
            query
                .append(query.length() == 0 ? '?' : '&')
                .append(name)
                .append('=')
                .append(encode(value));
          }
        });
    return query.toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String self(Context ctx) {
    return ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
  }

  private static String param(Context ctx, String name) {
    String value = ctx.queryParam(name);
    return value == null ? "" : value.trim();
  }

  private static String blankToNull(String text) {
    return text.isEmpty() ? null : text;
  }

  private static int intParam(Context ctx, String name, int fallback) {
    long value = longParam(ctx, name, fallback);
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
  }

  private static long longParam(Context ctx, String name, long fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String attemptStatus(AttemptRecord attempt) {
    return attempt.status() == null ? "running" : lower(attempt.status());
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String bytes(long size) {
    if (size < 1024) {
      return size + " B";
    }
    if (size < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", size / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", size / (1024.0 * 1024));
  }
}
