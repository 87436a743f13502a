package io.fluxo.runtime.internal.metadata;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.fluxo.runtime.config.ProcessSetting;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.json.Json;
import io.fluxo.runtime.internal.retry.Outage;
import io.fluxo.runtime.internal.retry.Retries;
import io.fluxo.runtime.spi.ArtifactRef;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.AttemptStatus;
import io.fluxo.runtime.spi.Heartbeat;
import io.fluxo.runtime.spi.MetadataStore;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.runtime.spi.rest.Requests.Artifact;
import io.fluxo.runtime.spi.rest.Requests.AttemptReport;
import io.fluxo.runtime.spi.rest.Requests.NewRun;
import io.fluxo.runtime.spi.rest.Requests.RunChange;
import io.fluxo.runtime.spi.rest.Requests.TagChange;
import io.fluxo.runtime.spi.rest.Requests.TaskRegistration;
import io.fluxo.runtime.spi.rest.Resources.AttemptResource;
import io.fluxo.runtime.spi.rest.Resources.ErrorBody;
import io.fluxo.runtime.spi.rest.Resources.FlowResource;
import io.fluxo.runtime.spi.rest.Resources.RunPage;
import io.fluxo.runtime.spi.rest.Resources.RunResource;
import io.fluxo.runtime.spi.rest.Resources.TaskResource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Metadata in the Fluxo metadata service, over its REST API ({@code /v1/flows/...}), whose bodies
 * are the records of {@link io.fluxo.runtime.spi.rest}. The service assigns run numbers; tasks,
 * attempts and artifacts are written with idempotent PUTs, so writing a record again replaces it.
 * Requests that fail to connect, and idempotent requests that fail otherwise or that the service
 * answers with 5xx, 408 or 429, are retried as {@link Retries} says before a {@link
 * PlatformException}; a failed TLS handshake and other 4xx answers are not. Thread-safe. The bearer
 * token is sent on every request and appears in no message.
 */
public final class ServiceMetadataStore implements MetadataStore {
  private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(10);
  private static final int PAGE = 1000;

  private final URI base;
  private final String token;
  private final Duration heartbeatInterval;
  private final HttpClient http;
  private final RetryPolicy<Response> retryIdempotent;
  private final RetryPolicy<Response> retryUnsent;
  private final AtomicBoolean heartbeatWarned = new AtomicBoolean();
  private volatile ScheduledExecutorService heartbeats;

  /**
   * A store on the service at {@code url} (e.g. {@code http://127.0.0.1:8780}), retrying as {@link
   * Retries#METADATA} says.
   *
   * @param token the bearer token, or null for a service without authentication
   * @param heartbeatInterval how often heartbeats are sent
   */
  public ServiceMetadataStore(URI url, String token, Duration heartbeatInterval) {
    this(url, token, heartbeatInterval, Retries.METADATA);
  }

  /**
   * A store on the service at {@code url}, retrying as {@code retries} says.
   *
   * @param token the bearer token, or null for a service without authentication
   * @param heartbeatInterval how often heartbeats are sent
   * @param retries how often and how long to retry a request that may pass when sent again
   */
  public ServiceMetadataStore(URI url, String token, Duration heartbeatInterval, Retries retries) {
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
      throw new UsageException("Invalid metadata service URL %s: expected http://host:port", url);
    }
    String text = url.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.heartbeatInterval = Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new UsageException(
          "Invalid heartbeat interval %s: expected more than 0", heartbeatInterval);
    }
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Outage outage = new Outage("the metadata service at " + base, ServiceMetadataStore::brief);
    this.retryIdempotent = retries.policy(ServiceMetadataStore::mayPassAgain, outage);
    this.retryUnsent = retries.policy(ServiceMetadataStore::wasNotSent, outage);
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
    return new ServiceMetadataStore(uri, token, heartbeatIntervalFromEnvironment());
  }

  private static Duration heartbeatIntervalFromEnvironment() {
    double seconds =
        ProcessSetting.METADATA_HEARTBEAT_SECONDS.number(
            System.getenv(), DEFAULT_HEARTBEAT.toMillis() / 1000.0, 0.01, 3600);
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** The service's base URL. */
  public URI url() {
    return base;
  }

  @Override
  public RunRecord createRun(String flow, String user, List<String> tags, String originRunId) {
    String what = "create a run of " + flow;
    NewRun body =
        request(
            what,
            () ->
                new NewRun(
                    user,
                    tags,
                    List.of("runtime:local"),
                    originRunId,
                    hostName(),
                    ProcessHandle.current().pid()));
    return runRecord(
        send("POST", path(flow, "runs"), body, false, what).expect(201, what, RunResource.class));
  }

  /**
   * Makes the run's user tags those of the record, sent as additions and removals against the
   * service's current tags (each change atomic on the service), then records its status and end
   * time if they differ from what the service recorded.
   */
  @Override
  public void updateRun(RunRecord run) {
    String what = "update run " + run.flow() + "/" + run.runId();
    RunResource current =
        send("GET", path(run.flow(), "runs", run.runId()), null, true, what)
            .expect(200, what, RunResource.class);
    Set<String> before = new LinkedHashSet<>(current.tags());
    List<String> add = run.tags().stream().filter(t -> !before.contains(t)).toList();
    List<String> remove = before.stream().filter(t -> !run.tags().contains(t)).toList();
    if (!add.isEmpty() || !remove.isEmpty()) {
      TagChange change = request(what, () -> new TagChange(add, remove));
      send("POST", path(run.flow(), "runs", run.runId(), "tags"), change, true, what)
          .expect(200, what, RunResource.class);
    }
    boolean statusChanged =
        !run.status().name().equals(current.recordedStatus())
            || !Objects.equals(run.endedAt(), current.endedAt());
    if (statusChanged) {
      RunChange change = new RunChange(run.status(), run.endedAt());
      send("PATCH", path(run.flow(), "runs", run.runId()), change, true, what)
          .expect(200, what, RunResource.class);
    }
  }

  @Override
  public Optional<RunRecord> run(String flow, String runId) {
    String what = "read run " + flow + "/" + runId;
    Response response = send("GET", path(flow, "runs", runId), null, true, what);
    if (response.status() == 404 || response.status() == 400) {
      return Optional.empty();
    }
    return Optional.of(runRecord(response.expect(200, what, RunResource.class)));
  }

  @Override
  public List<RunRecord> runs(String flow) {
    String what = "list the runs of " + flow;
    List<RunRecord> runs = new ArrayList<>();
    String cursor = null;
    do {
      String query = "?limit=" + PAGE + (cursor == null ? "" : "&cursor=" + encode(cursor));
      Response response = send("GET", path(flow, "runs") + query, null, true, what);
      if (response.status() == 404) {
        return runs;
      }
      RunPage page = response.expect(200, what, RunPage.class);
      page.runs().forEach(run -> runs.add(runRecord(run)));
      cursor = page.nextCursor();
    } while (cursor != null);
    return runs;
  }

  @Override
  public List<String> flows() {
    String what = "list the flows";
    FlowResource[] flows =
        send("GET", "/v1/flows", null, true, what).expect(200, what, FlowResource[].class);
    return Arrays.stream(flows)
        .filter(flow -> flow.runCount() > 0)
        .map(FlowResource::flow)
        .sorted()
        .toList();
  }

  @Override
  public Optional<byte[]> graph(String flow, String runId) {
    String what = "read the graph of run " + flow + "/" + runId;
    Response response = send("GET", path(flow, "runs", runId, "graph"), null, true, what);
    if (response.status() == 404 || response.status() == 400) {
      return Optional.empty();
    }
    response.expectNoContent(200, what);
    return Optional.of(response.body());
  }

  @Override
  public void saveGraph(String flow, String runId, byte[] graphJson) {
    String what = "store the graph of run " + flow + "/" + runId;
    send("PUT", path(flow, "runs", runId, "graph"), graphJson, true, what).expectNoContent(what);
  }

  @Override
  public void registerTask(TaskRecord task) {
    String what = "register task " + task.path().pathspec();
    TaskRegistration body =
        request(
            what,
            () ->
                new TaskRegistration(
                    null,
                    task.inputPaths(),
                    task.splitIndex(),
                    task.originTask(),
                    task.createdAt()));
    send("PUT", taskPath(task.path()), body, true, what).expect(200, what, TaskResource.class);
  }

  @Override
  public List<TaskRecord> tasks(String flow, String runId) {
    String what = "list the tasks of run " + flow + "/" + runId;
    Response response = send("GET", path(flow, "runs", runId, "tasks"), null, true, what);
    if (response.status() == 404 || response.status() == 400) {
      return List.of();
    }
    List<TaskRecord> tasks = new ArrayList<>();
    for (TaskResource task : response.expect(200, what, TaskResource[].class)) {
      tasks.add(
          new TaskRecord(
              new TaskPath(task.flow(), task.runId(), task.step(), task.taskId()),
              task.inputPaths(),
              task.splitIndex(),
              task.originTask(),
              task.createdAt()));
    }
    return tasks;
  }

  @Override
  public void recordAttempt(AttemptRecord attempt) {
    String what = "record attempt " + attempt.attempt() + " of task " + attempt.task().pathspec();
    AttemptReport body = request(what, () -> attemptReport(attempt));
    send("PUT", taskPath(attempt.task()) + "/attempts/" + attempt.attempt(), body, true, what)
        .expect(200, what, AttemptResource.class);
  }

  private static AttemptReport attemptReport(AttemptRecord attempt) {
    List<Artifact> artifacts = new ArrayList<>();
    attempt
        .artifacts()
        .forEach(
            (name, ref) ->
                artifacts.add(
                    new Artifact(
                        name,
                        ref.sha(),
                        ref.type(),
                        ref.size(),
                        attempt.task().flow()
                            + "/data/"
                            + ref.sha().substring(0, 2)
                            + "/"
                            + ref.sha(),
                        attempt.artifactDetails().getOrDefault(name, Map.of()))));
    return new AttemptReport(
        attempt.status(),
        attempt.startedAt(),
        attempt.endedAt(),
        attempt.pid(),
        attempt.error(),
        artifacts);
  }

  @Override
  public List<AttemptRecord> attempts(TaskPath task) {
    String what = "read the attempts of task " + task.pathspec();
    Response response = send("GET", taskPath(task) + "/attempts", null, true, what);
    if (response.status() == 404 || response.status() == 400) {
      return List.of();
    }
    List<AttemptRecord> attempts = new ArrayList<>();
    for (AttemptResource attempt : response.expect(200, what, AttemptResource[].class)) {
      Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
      Map<String, Map<String, String>> details = new LinkedHashMap<>();
      for (Artifact artifact : attempt.artifacts()) {
        artifacts.put(
            artifact.name(), new ArtifactRef(artifact.sha(), artifact.type(), artifact.size()));
        if (!artifact.details().isEmpty()) {
          details.put(artifact.name(), artifact.details());
        }
      }
      attempts.add(
          new AttemptRecord(
              task,
              attempt.attempt(),
              attempt.status() == null ? null : AttemptStatus.valueOf(attempt.status()),
              attempt.startedAt(),
              attempt.endedAt(),
              attempt.pid(),
              artifacts,
              attempt.error(),
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
                () -> beat(path), 0, heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
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

  /** A response: its status and body. */
  private record Response(int status, byte[] body, String method, URI uri) {
    /**
     * The body read as {@code type}, if the status is {@code expected}; else a {@link
     * PlatformException} saying what failed.
     */
    <T> T expect(int expected, String what, Class<T> type) {
      expectNoContent(expected, what);
      try {
        return Json.MAPPER.readValue(body, type);
      } catch (IOException e) {
        throw new PlatformException(
            e,
            "Cannot %s: the metadata service's answer to %s %s is not the expected JSON: %s",
            what,
            method,
            uri,
            e.getMessage());
      }
    }

    void expectNoContent(String what) {
      expectNoContent(204, what);
    }

    private void expectNoContent(int expected, String what) {
      if (status != expected) {
        throw new PlatformException(
            "Cannot %s: the metadata service answered %d to %s %s: %s",
            what, status, method, uri, error());
      }
    }

    String error() {
      try {
        ErrorBody error = Json.MAPPER.readValue(body, ErrorBody.class);
        return error == null || error.error() == null ? "(no message)" : error.error();
      } catch (IOException e) {
        return "(no message)";
      }
    }

    /** Whether the service may answer otherwise later: it is overloaded or failing. */
    boolean mayChange() {
      return status >= 500 || status == 429 || status == 408;
    }
  }

  /** An answer that may change if the request is sent again, while retries last. */
  private static final class TransientAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial")
    private final Response response;

    TransientAnswer(Response response) {
      super("HTTP " + response.status() + ": " + response.error(), null, false, false);
      this.response = response;
    }
  }

  /**
   * Sends a request, retrying as {@link Retries} says: a request that was not sent (no connection)
   * always; an {@code idempotent} request also on any other I/O failure and on an answer that may
   * change ({@link Response#mayChange()}). A failed TLS handshake is not retried.
   */
  private Response send(String method, String path, Object body, boolean idempotent, String what) {
    byte[] bytes = body == null ? null : body instanceof byte[] raw ? raw : writeJson(body);
    try {
      return Failsafe.with(idempotent ? retryIdempotent : retryUnsent)
          .get(
              () -> {
                Response response = sendOnce(method, path, bytes);
                if (idempotent && response.mayChange()) {
                  throw new TransientAnswer(response);
                }
                return response;
              });
    } catch (TransientAnswer e) {
      return e.response;
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new PlatformException(cause, "Cannot %s: interrupted", what);
      }
      if (cause instanceof SSLException) {
        throw new PlatformException(
            cause,
            "Cannot %s: the TLS handshake with the metadata service at %s failed (%s); check that"
                + " the URL's scheme (http or https) is the one the service serves",
            what,
            base,
            cause.getMessage());
      }
      throw new PlatformException(
          cause,
          "Cannot %s: the metadata service at %s is unreachable (%s)",
          what,
          base,
          brief(cause));
    }
  }

  private static boolean mayPassAgain(Throwable failure) {
    return failure instanceof TransientAnswer
        || failure instanceof IOException && !(failure instanceof SSLException);
  }

  private static boolean wasNotSent(Throwable failure) {
    return failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
  }

  private static String brief(Throwable failure) {
    String message = failure.getMessage();
    return failure instanceof TransientAnswer
        ? message
        : failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
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
    return new Response(response.statusCode(), response.body(), method, uri);
  }

  /**
   * The request body {@code make} builds; a value the contract refuses is a {@link
   * PlatformException} saying what could not be done.
   */
  private static <T> T request(String what, Supplier<T> make) {
    try {
      return make.get();
    } catch (IllegalArgumentException e) {
      throw new PlatformException(e, "Cannot %s: %s", what, e.getMessage());
    }
  }

  private static byte[] writeJson(Object body) {
    try {
      return Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new PlatformException(e, "Cannot write a metadata request as JSON: %s", e.getMessage());
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

  private static RunRecord runRecord(RunResource run) {
    return new RunRecord(
        run.flow(),
        run.runId(),
        run.user(),
        run.tags(),
        run.systemTags(),
        run.originRunId(),
        RunStatus.valueOf(run.status()),
        run.startedAt(),
        run.endedAt(),
        run.host(),
        run.pid());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
