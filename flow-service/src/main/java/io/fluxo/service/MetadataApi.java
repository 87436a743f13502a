package io.fluxo.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.fluxo.runtime.spi.rest.Fields;
import io.fluxo.runtime.spi.rest.Requests.ArtifactBatch;
import io.fluxo.runtime.spi.rest.Requests.AttemptReport;
import io.fluxo.runtime.spi.rest.Requests.MetadataBatch;
import io.fluxo.runtime.spi.rest.Requests.NewFlow;
import io.fluxo.runtime.spi.rest.Requests.NewRun;
import io.fluxo.runtime.spi.rest.Requests.RunChange;
import io.fluxo.runtime.spi.rest.Requests.TagChange;
import io.fluxo.runtime.spi.rest.Requests.TaskRegistration;
import io.fluxo.runtime.spi.rest.Resources.HeartbeatAck;
import io.fluxo.service.MetadataRepository.RunFilter;
import io.fluxo.service.MetadataRepository.RunKey;
import io.fluxo.service.MetadataRepository.TaskKey;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code /v1} routes: flows, runs, steps, tasks, attempts, artifacts, metadata, tags and
 * heartbeats, modelled on Metaflow's metadata service. Every path and query parameter and every
 * body is checked before it reaches the repository; what fails a check is answered with 400.
 */
final class MetadataApi {
  private static final String FLOW = "/v1/flows/{flow}";
  private static final String RUN = FLOW + "/runs/{run}";
  private static final String STEP = RUN + "/steps/{step}";
  private static final String TASK = STEP + "/tasks/{task}";
  private static final Set<String> RUN_STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED");
  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 1000;

  private final MetadataRepository repository;
  private final ObjectMapper mapper;
  private final long maxBodyBytes;

  MetadataApi(MetadataRepository repository, ObjectMapper mapper, long maxBodyBytes) {
    this.repository = repository;
    this.mapper = mapper;
    this.maxBodyBytes = maxBodyBytes;
  }

  void register(Javalin app) {
    app.get("/v1/flows", ctx -> ctx.json(repository.flows()));
    app.post(FLOW, this::createFlow);
    app.get(FLOW, ctx -> ctx.json(repository.flow(flow(ctx)).orElseThrow(() -> noFlow(flow(ctx)))));

    app.post(FLOW + "/runs", this::createRun);
    app.get(FLOW + "/runs", this::listRuns);
    app.get(RUN, ctx -> ctx.json(repository.run(run(ctx)).orElseThrow(() -> noRun(run(ctx)))));
    app.patch(RUN, this::updateRun);
    app.post(
        RUN + "/heartbeat",
        ctx ->
            ctx.json(
                new HeartbeatAck(
                    repository.heartbeatRun(run(ctx)).orElseThrow(() -> noRun(run(ctx))))));
    app.post(RUN + "/tags", this::changeTags);
    app.put(RUN + "/tags/{tag}", ctx -> changeTags(ctx, List.of(tag(ctx)), List.of()));
    app.delete(RUN + "/tags/{tag}", ctx -> changeTags(ctx, List.of(), List.of(tag(ctx))));
    app.put(RUN + "/graph", this::saveGraph);
    app.get(RUN + "/graph", this::graph);

    app.get(
        RUN + "/steps",
        ctx -> ctx.json(repository.steps(run(ctx)).orElseThrow(() -> noRun(run(ctx)))));
    app.post(STEP, ctx -> ctx.status(201).json(repository.createStep(run(ctx), step(ctx))));
    app.get(
        STEP, ctx -> ctx.json(repository.step(run(ctx), step(ctx)).orElseThrow(() -> noStep(ctx))));

    app.get(
        RUN + "/tasks",
        ctx -> ctx.json(repository.tasks(run(ctx), null).orElseThrow(() -> noRun(run(ctx)))));
    app.get(
        STEP + "/tasks",
        ctx -> ctx.json(repository.tasks(run(ctx), step(ctx)).orElseThrow(() -> noStep(ctx))));
    app.post(STEP + "/tasks", this::createTask);
    app.put(TASK, this::registerTask);
    app.get(TASK, ctx -> ctx.json(repository.task(task(ctx)).orElseThrow(() -> noTask(task(ctx)))));
    app.post(
        TASK + "/heartbeat",
        ctx ->
            ctx.json(
                new HeartbeatAck(
                    repository.heartbeatTask(task(ctx)).orElseThrow(() -> noTask(task(ctx))))));

    app.get(
        TASK + "/attempts",
        ctx -> ctx.json(repository.attempts(task(ctx)).orElseThrow(() -> noTask(task(ctx)))));
    app.put(TASK + "/attempts/{attempt}", this::recordAttempt);
    app.post(TASK + "/attempts/{attempt}/artifacts", this::addArtifacts);
    app.get(TASK + "/artifacts", this::artifacts);
    app.get(TASK + "/artifacts/{name}", this::artifact);

    app.post(TASK + "/metadata", this::addMetadata);
    app.get(
        TASK + "/metadata",
        ctx -> ctx.json(repository.metadata(task(ctx)).orElseThrow(() -> noTask(task(ctx)))));
  }

  private void createFlow(Context ctx) {
    String flow = flow(ctx);
    NewFlow body =
        ctx.req().getContentLengthLong() > 0 ? body(ctx, NewFlow.class) : new NewFlow(null);
    boolean existed = repository.flow(flow).isPresent();
    ctx.status(existed ? 200 : 201).json(repository.createFlow(flow, body.user()));
  }

  private void createRun(Context ctx) {
    String flow = flow(ctx);
    ctx.status(201).json(repository.createRun(flow, body(ctx, NewRun.class)));
  }

  private void listRuns(Context ctx) {
    String flow = flow(ctx);
    String status = ctx.queryParam("status");
    if (status != null) {
      status = status.toUpperCase(Locale.ROOT);
      if (!RUN_STATUSES.contains(status)) {
        throw ApiException.badRequest(
            "Invalid status: %s; expected RUNNING, SUCCEEDED or FAILED",
            Fields.quoted(ctx.queryParam("status")));
      }
    }
    List<String> tags = Fields.tags("tag", ctx.queryParams("tag"));
    String user = Fields.optionalText("user", ctx.queryParam("user"), 255);
    RunFilter filter = new RunFilter(status, tags, user, time(ctx, "since"), time(ctx, "until"));
    int limit = limit(ctx);
    String cursor = ctx.queryParam("cursor");
    Long before = cursor == null ? null : RunCursors.parse(cursor);
    if (repository.flow(flow).isEmpty()) {
      throw noFlow(flow);
    }
    ctx.json(repository.runs(flow, filter, before, limit));
  }

  private void updateRun(Context ctx) {
    RunKey run = run(ctx);
    RunChange change = body(ctx, RunChange.class);
    ctx.json(repository.updateRun(run, change).orElseThrow(() -> noRun(run)));
  }

  private void changeTags(Context ctx) {
    TagChange change = body(ctx, TagChange.class);
    changeTags(ctx, change.add(), change.remove());
  }

  private void changeTags(Context ctx, List<String> add, List<String> remove) {
    RunKey run = run(ctx);
    ctx.json(repository.changeTags(run, add, remove).orElseThrow(() -> noRun(run)));
  }

  private void saveGraph(Context ctx) {
    RunKey run = run(ctx);
    byte[] bytes = bodyBytes(ctx);
    try {
      if (!mapper.readTree(bytes).isObject()) {
        throw ApiException.badRequest("Invalid graph: expected a JSON object");
      }
    } catch (IOException e) {
      throw ApiException.badRequest("Invalid JSON body: %s", firstLine(e));
    }
    if (!repository.saveGraph(run, new String(bytes, java.nio.charset.StandardCharsets.UTF_8))) {
      throw noRun(run);
    }
    ctx.status(204);
  }

  private void graph(Context ctx) {
    RunKey run = run(ctx);
    String graph = repository.graph(run).orElseThrow(() -> noRun(run));
    if (graph.isEmpty()) {
      throw ApiException.notFound("No graph stored for %s", run.describe());
    }
    ctx.contentType("application/json").result(graph);
  }

  private void createTask(Context ctx) {
    TaskRegistration body = body(ctx, TaskRegistration.class);
    if (body.taskId() == null) {
      throw ApiException.badRequest("Missing task_id");
    }
    TaskKey key = new TaskKey(run(ctx), step(ctx), body.taskId());
    ctx.status(201).json(repository.registerTask(key, body, false));
  }

  private void registerTask(Context ctx) {
    TaskKey key = task(ctx);
    TaskRegistration body = body(ctx, TaskRegistration.class);
    if (body.taskId() != null && !body.taskId().equals(key.task())) {
      throw ApiException.badRequest(
          "Invalid task_id %s: the path names task %s", Fields.quoted(body.taskId()), key.task());
    }
    ctx.json(repository.registerTask(key, body, true));
  }

  private void recordAttempt(Context ctx) {
    TaskKey key = task(ctx);
    int attempt = attempt(ctx.pathParam("attempt"));
    ctx.json(repository.recordAttempt(key, attempt, body(ctx, AttemptReport.class)));
  }

  private void addArtifacts(Context ctx) {
    TaskKey key = task(ctx);
    int attempt = attempt(ctx.pathParam("attempt"));
    ArtifactBatch batch = body(ctx, ArtifactBatch.class);
    ctx.status(201)
        .json(
            repository
                .addArtifacts(key, attempt, batch.artifacts())
                .orElseThrow(
                    () -> ApiException.notFound("No attempt %d of %s", attempt, key.describe())));
  }

  private void artifacts(Context ctx) {
    TaskKey key = task(ctx);
    String attemptParam = ctx.queryParam("attempt");
    Integer attempt = attemptParam == null ? null : attempt(attemptParam);
    ctx.json(
        repository
            .artifacts(key, attempt)
            .orElseThrow(
                () ->
                    attempt == null
                        ? ApiException.notFound("No attempt of %s", key.describe())
                        : ApiException.notFound("No attempt %d of %s", attempt, key.describe())));
  }

  private void artifact(Context ctx) {
    TaskKey key = task(ctx);
    String name = Fields.name("artifact name", ctx.pathParam("name"));
    var list =
        repository
            .artifacts(key, null)
            .orElseThrow(() -> ApiException.notFound("No attempt of %s", key.describe()));
    ctx.json(
        list.artifacts().stream()
            .filter(a -> a.name().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "No artifact %s in attempt %d of %s",
                        name, list.attempt(), key.describe())));
  }

  private void addMetadata(Context ctx) {
    TaskKey key = task(ctx);
    MetadataBatch batch = body(ctx, MetadataBatch.class);
    ctx.status(201)
        .json(repository.addMetadata(key, batch.metadata()).orElseThrow(() -> noTask(key)));
  }

  // ---- parameters

  private static String flow(Context ctx) {
    return Fields.name("flow name", ctx.pathParam("flow"));
  }

  private static RunKey run(Context ctx) {
    return new RunKey(flow(ctx), Fields.runNumber("run id", ctx.pathParam("run")));
  }

  private static String step(Context ctx) {
    return Fields.name("step name", ctx.pathParam("step"));
  }

  private static TaskKey task(Context ctx) {
    return new TaskKey(run(ctx), step(ctx), Fields.name("task id", ctx.pathParam("task")));
  }

  private static String tag(Context ctx) {
    return Fields.tags("tag", List.of(ctx.pathParam("tag"))).get(0);
  }

  private static int attempt(String value) {
    if (value == null || !value.matches("[0-9]{1,6}")) {
      throw ApiException.badRequest(
          "Invalid attempt: %s; expected a number from 0", Fields.quoted(value));
    }
    return Integer.parseInt(value);
  }

  private static Instant time(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "Invalid %s: %s; expected an ISO-8601 instant such as 2026-01-31T12:00:00Z",
          name, Fields.quoted(value));
    }
  }

  private static int limit(Context ctx) {
    String value = ctx.queryParam("limit");
    if (value == null) {
      return DEFAULT_PAGE;
    }
    if (!value.matches("[0-9]{1,4}")
        || Integer.parseInt(value) < 1
        || Integer.parseInt(value) > MAX_PAGE) {
      throw ApiException.badRequest(
          "Invalid limit: %s; expected 1 to %d", Fields.quoted(value), MAX_PAGE);
    }
    return Integer.parseInt(value);
  }

  // ---- bodies

  private <T> T body(Context ctx, Class<T> type) {
    byte[] bytes = bodyBytes(ctx);
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw ApiException.badRequest("Invalid JSON body: expected an object");
      }
      return value;
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw ApiException.badRequest("%s", cause.getMessage());
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Invalid JSON body: %s", firstLine(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] bodyBytes(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw new ApiException(
          413,
          "Request body of %d bytes is larger than the limit of %d bytes",
          declared,
          maxBodyBytes);
    }
    byte[] bytes;
    try {
      bytes =
          ctx.req()
              .getInputStream()
              .readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    } catch (IOException e) {
      throw ApiException.badRequest("Cannot read the request body: %s", e.getMessage());
    }
    if (bytes.length > maxBodyBytes) {
      throw new ApiException(
          413, "Request body is larger than the limit of %d bytes", maxBodyBytes);
    }
    if (bytes.length == 0) {
      throw ApiException.badRequest("Missing JSON body");
    }
    return bytes;
  }

  private static String firstLine(Exception e) {
    String message =
        e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  // ---- not found

  private static ApiException noFlow(String flow) {
    return ApiException.notFound("No flow %s", flow);
  }

  private static ApiException noRun(RunKey run) {
    return ApiException.notFound("No %s", run.describe());
  }

  private static ApiException noStep(Context ctx) {
    RunKey run = run(ctx);
    return ApiException.notFound("No step %s in %s", step(ctx), run.describe());
  }

  private static ApiException noTask(TaskKey task) {
    return ApiException.notFound("No %s", task.describe());
  }
}
