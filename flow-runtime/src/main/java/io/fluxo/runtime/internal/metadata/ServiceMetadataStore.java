package io.fluxo.runtime.internal.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.json.Json;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.Heartbeat;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Metadata in the Fluxo metadata service, over its REST API ({@code /v1/flows/...}). The service
 * assigns run numbers; tasks, attempts and artifacts are written with idempotent PUTs, so writing a
 * record again replaces it. Requests that fail to connect, and idempotent requests that the service
 * answers with 5xx, are retried a few times with backoff before a {@link PlatformException}.
 * Thread-safe. The bearer token is sent on every request and appears in no message.
 */
public final class ServiceMetadataStore implements MetadataStore {
  /** Tries per request, the first included. */
  static final int MAX_TRIES = 4;

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
  private static final int PAGE = 1000;

  private final URI base;
  private final String token;
  private final Duration heartbeatInterval;
  private final HttpClient http;
  private final AtomicBoolean heartbeatWarned = new AtomicBoolean();
  private volatile ScheduledExecutorService heartbeats;

  /**
   * A store on the service at {@code url} (e.g. {@code http://127.0.0.1:8780}).
   *
   * @param token the bearer token, or null for a service without authentication
   * @param heartbeatInterval how often heartbeats are sent
   */
  public ServiceMetadataStore(URI url, String token, Duration heartbeatInterval) {
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
      throw new UsageException("Invalid metadata service URL %s: expected http://host:port", url);
    }
    String text = url.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /**
   * A store on the service at {@code url} with bearer {@code token} (may be null), and the
   * heartbeat interval from {@code FLUXO_METADATA_HEARTBEAT_SECONDS} (default 10).
   */
  public static ServiceMetadataStore of(String url, String token) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Invalid metadata service URL %s: %s", url, e.getMessage());
    }
    Duration interval = DEFAULT_HEARTBEAT;
    String seconds = System.getenv("FLUXO_METADATA_HEARTBEAT_SECONDS");
    if (seconds != null && !seconds.isBlank()) {
      try {
        interval = Duration.ofMillis((long) (Double.parseDouble(seconds.trim()) * 1000));
      } catch (NumberFormatException e) {
        throw new UsageException(
            "Invalid FLUXO_METADATA_HEARTBEAT_SECONDS '%s': expected seconds", seconds);
      }
    }
    return new ServiceMetadataStore(uri, token, interval);
  }

  /** The service's base URL. */
  public URI url() {
    return base;
  }

  @Override
  public RunRecord createRun(String flow, String user, List<String> tags, String originRunId) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("user", user);
    strings(body.putArray("tags"), tags);
    strings(body.putArray("system_tags"), List.of("runtime:local"));
    body.put("origin_run_id", originRunId);
    body.put("host", hostName());
    body.put("pid", ProcessHandle.current().pid());
    Response response = send("POST", path(flow, "runs"), body, false, "create a run of " + flow);
    return runRecord(response.expect(201, "create a run of " + flow));
  }

  /**
   * Makes the run's user tags those of the record, sent as additions and removals against the
   * service's current tags (each change atomic on the service), then records its status and end
   * time if they differ from what the service recorded.
   */
  @Override
  public void updateRun(RunRecord run) {
    String what = "update run " + run.flow() + "/" + run.runId();
    JsonNode current =
        send("GET", path(run.flow(), "runs", run.runId()), null, true, what).expect(200, what);
    Set<String> before = new LinkedHashSet<>(strings(current.path("tags")));
    List<String> add = run.tags().stream().filter(t -> !before.contains(t)).toList();
    List<String> remove = before.stream().filter(t -> !run.tags().contains(t)).toList();
    if (!add.isEmpty() || !remove.isEmpty()) {
      ObjectNode change = Json.MAPPER.createObjectNode();
      strings(change.putArray("add"), add);
      strings(change.putArray("remove"), remove);
      send("POST", path(run.flow(), "runs", run.runId(), "tags"), change, true, what)
          .expect(200, what);
    }
    boolean statusChanged =
        !run.status().name().equals(current.path("recorded_status").asText())
            || !Objects.equals(run.endedAt(), instant(current.path("ended_at")));
    if (statusChanged) {
      ObjectNode change = Json.MAPPER.createObjectNode();
      change.put("status", run.status().name());
      change.put("ended_at", run.endedAt() == null ? null : run.endedAt().toString());
      send("PATCH", path(run.flow(), "runs", run.runId()), change, true, what).expect(200, what);
    }
  }

  @Override
  public Optional<RunRecord> run(String flow, String runId) {
    Response response =
        send("GET", path(flow, "runs", runId), null, true, "read run " + flow + "/" + runId);
    if (response.status() == 404 || response.status() == 400) {
      return Optional.empty();
    }
    return Optional.of(runRecord(response.expect(200, "read run " + flow + "/" + runId)));
  }

  @Override
  public List<RunRecord> runs(String flow) {
    List<RunRecord> runs = new ArrayList<>();
    String cursor = null;
    do {
      String query = "?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + encode(cursor));
      Response response =
          send("GET", path(flow, "runs") + query, null, true, "list the runs of " + flow);
      if (response.status() == 404) {
        return runs;
      }
      JsonNode page = response.expect(200, "list the runs of " + flow);
      page.path("runs").forEach(node -> runs.add(runRecord(node)));
      cursor = page.path("next_cursor").isTextual() ? page.path("next_cursor").asText() : null;
    } while (cursor != null);
    return runs;
  }

  @Override
  public void saveGraph(String flow, String runId, byte[] graphJson) {
    String what = "store the graph of run " + flow + "/" + runId;
    send("PUT", path(flow, "runs", runId, "graph"), graphJson, true, what).expect(204, what);
  }

  @Override
  public void registerTask(TaskRecord task) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    strings(body.putArray("input_paths"), task.inputPaths());
    body.put("split_index", task.splitIndex());
    body.put("origin_task", task.originTask());
    body.put("created_at", task.createdAt().toString());
    String what = "register task " + task.path().pathspec();
    send("PUT", taskPath(task.path()), body, true, what).expect(200, what);
  }

  @Override
  public List<TaskRecord> tasks(String flow, String runId) {
    String what = "list the tasks of run " + flow + "/" + runId;
    Response response = send("GET", path(flow, "runs", runId, "tasks"), null, true, what);
    if (response.status() == 404 || response.status() == 400) {
      return List.of();
    }
    List<TaskRecord> tasks = new ArrayList<>();
    for (JsonNode node : response.expect(200, what)) {
      tasks.add(
          new TaskRecord(
              new TaskPath(
                  node.path("flow").asText(),
                  node.path("run_id").asText(),
                  node.path("step").asText(),
                  node.path("task_id").asText()),
              strings(node.path("input_paths")),
              node.path("split_index").asInt(-1),
              text(node.path("origin_task")),
              instant(node.path("created_at"))));
    }
    return tasks;
  }

  @Override
  public void recordAttempt(AttemptRecord attempt) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("status", attempt.status() == null ? null : attempt.status().name());
    body.put("started_at", attempt.startedAt().toString());
    body.put("ended_at", attempt.endedAt() == null ? null : attempt.endedAt().toString());
    body.put("pid", attempt.pid());
    body.put("error", attempt.error());
    ArrayNode artifacts = body.putArray("artifacts");
    attempt
        .artifacts()
        .forEach(
            (name, ref) -> {
              ObjectNode artifact =
                  artifacts
                      .addObject()
                      .put("name", name)
                      .put("sha", ref.sha())
                      .put("type", ref.type())
                      .put("size", ref.size())
                      .put(
                          "location",
                          attempt.task().flow()
                              + "/data/"
                              + ref.sha().substring(0, 2)
                              + "/"
                              + ref.sha());
              ObjectNode details = artifact.putObject("details");
              attempt.artifactDetails().getOrDefault(name, Map.of()).forEach(details::put);
            });
    String what = "record attempt " + attempt.attempt() + " of task " + attempt.task().pathspec();
    send("PUT", taskPath(attempt.task()) + "/attempts/" + attempt.attempt(), body, true, what)
        .expect(200, what);
  }

  @Override
  public List<AttemptRecord> attempts(TaskPath task) {
    String what = "read the attempts of task " + task.pathspec();
    Response response = send("GET", taskPath(task) + "/attempts", null, true, what);
    if (response.status() == 404 || response.status() == 400) {
      return List.of();
    }
    List<AttemptRecord> attempts = new ArrayList<>();
    for (JsonNode node : response.expect(200, what)) {
      Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
      Map<String, Map<String, String>> details = new LinkedHashMap<>();
      for (JsonNode artifact : node.path("artifacts")) {
        String name = artifact.path("name").asText();
        artifacts.put(
            name,
            new ArtifactRef(
                artifact.path("sha").asText(),
                text(artifact.path("type")),
                artifact.path("size").asLong()));
        Map<String, String> these = new LinkedHashMap<>();
        artifact
            .path("details")
            .fields()
            .forEachRemaining(detail -> these.put(detail.getKey(), detail.getValue().asText()));
        if (!these.isEmpty()) {
          details.put(name, these);
        }
      }
      String status = text(node.path("status"));
      attempts.add(
          new AttemptRecord(
              task,
              node.path("attempt").asInt(),
              status == null ? null : AttemptStatus.valueOf(status),
              instant(node.path("started_at")),
              instant(node.path("ended_at")),
              node.path("pid").asLong(),
              artifacts,
              text(node.path("error")),
              details));
    }
    return attempts;
  }

  @Override
  public Heartbeat heartbeat(String flow, String runId) {
    return every(path(flow, "runs", runId, "heartbeat"));
  }

  @Override
  public Heartbeat heartbeat(TaskPath task) {
    return every(taskPath(task) + "/heartbeat");
  }

  private Heartbeat every(String path) {
    ScheduledFuture<?> beats =
        heartbeatExecutor()
            .scheduleAtFixedRate(
                () -> beat(path),
                0,
                Math.max(1, heartbeatInterval.toMillis()),
                TimeUnit.MILLISECONDS);
    return () -> beats.cancel(false);
  }

  private void beat(String path) {
    try {
      Response response = sendOnce("POST", path, new byte[0]);
      if (response.status() != 200) {
        warnHeartbeat(path, "the service answered " + response.status() + ": " + response.error());
      }
    } catch (IOException | RuntimeException e) {
      warnHeartbeat(path, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void warnHeartbeat(String path, String reason) {
    if (heartbeatWarned.compareAndSet(false, true)) {
      System.err.println(
          "Warning: cannot send a heartbeat to "
              + base
              + path
              + ": "
              + reason
              + " (further failures are not reported)");
    }
  }

  private ScheduledExecutorService heartbeatExecutor() {
    ScheduledExecutorService executor = heartbeats;
    if (executor == null) {
      synchronized (this) {
        executor = heartbeats;
        if (executor == null) {
          executor =
              Executors.newSingleThreadScheduledExecutor(
                  r -> {
                    Thread t = new Thread(r, "fluxo-metadata-heartbeat");
                    t.setDaemon(true);
                    return t;
                  });
          heartbeats = executor;
        }
      }
    }
    return executor;
  }

  // ---- HTTP

  /** A response: its status and JSON body (null if it has none). */
  private record Response(int status, JsonNode body, String method, URI uri) {
    /**
     * The body, if the status is {@code expected}; else a {@link PlatformException} saying what
     * failed.
     */
    JsonNode expect(int expected, String what) {
      if (status != expected) {
        throw new PlatformException(
            "Cannot %s: the metadata service answered %d to %s %s: %s",
            what, status, method, uri, error());
      }
      return body;
    }

    String error() {
      return body != null && body.hasNonNull("error") ? body.get("error").asText() : "(no message)";
    }
  }

  /**
   * Sends a request, retrying connection failures (and, for an {@code idempotent} request, any I/O
   * failure and any 5xx answer) with exponential backoff.
   */
  private Response send(String method, String path, Object body, boolean idempotent, String what) {
    byte[] bytes = body == null ? null : body instanceof byte[] raw ? raw : writeJson(body);
    Duration backoff = FIRST_BACKOFF;
    Exception last = null;
    for (int tryNumber = 1; tryNumber <= MAX_TRIES; tryNumber++) {
      try {
        Response response = sendOnce(method, path, bytes);
        if (response.status() < 500 || !idempotent || tryNumber == MAX_TRIES) {
          return response;
        }
      } catch (ConnectException e) {
        last = e;
      } catch (IOException e) {
        if (!idempotent) {
          throw unreachable(what, e);
        }
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PlatformException(e, "Cannot %s: interrupted", what);
      }
      if (tryNumber < MAX_TRIES) {
        sleep(backoff);
        backoff = backoff.multipliedBy(2);
      }
    }
    throw unreachable(what, last);
  }

  private PlatformException unreachable(String what, Exception cause) {
    return new PlatformException(
        cause, "Cannot %s: the metadata service at %s is unreachable (%s)", what, base, cause);
  }

  private Response sendOnce(String method, String path, byte[] body)
      throws IOException, InterruptedException {
    URI uri = URI.create(base + path);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json = null;
    if (response.body().length > 0) {
      try {
        json = Json.MAPPER.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
    }
    return new Response(response.statusCode(), json, method, uri);
  }

  private static byte[] writeJson(Object body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot write a metadata request as JSON: %s", e.getMessage());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String path(String flow, String... parts) {
    StringBuilder path = new StringBuilder("/v1/flows/").append(encode(flow));
    for (String part : parts) {
      path.append('/').append(encode(part));
    }
    return path.toString();
  }

  private static String taskPath(TaskPath task) {
    return path(task.flow(), "runs", task.runId(), "steps", task.step(), "tasks", task.taskId());
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- JSON

  private static RunRecord runRecord(JsonNode node) {
    return new RunRecord(
        node.path("flow").asText(),
        node.path("run_id").asText(),
        node.path("user").asText(),
        strings(node.path("tags")),
        strings(node.path("system_tags")),
        text(node.path("origin_run_id")),
        RunStatus.valueOf(node.path("status").asText()),
        instant(node.path("started_at")),
        instant(node.path("ended_at")),
        node.path("host").asText(),
        node.path("pid").asLong());
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }

  private static String text(JsonNode node) {
    return node.isNull() || node.isMissingNode() ? null : node.asText();
  }

  private static Instant instant(JsonNode node) {
    return node.isTextual() ? Instant.parse(node.asText()) : null;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
