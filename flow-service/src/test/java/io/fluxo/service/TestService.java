package io.fluxo.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fluxo.runtime.client.DatastoreReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A metadata service on a fresh database and a free port of 127.0.0.1, with an HTTP client that
 * sends its token. Closing stops the service and the database's pool. As a JUnit extension
 * ({@code @RegisterExtension static final TestService service = TestService.perClass()}) it starts
 * before a test class's tests and stops after them.
 */
final class TestService implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
  static final String TOKEN = "test-token-0123456789abcdef0123456789";
  static final ObjectMapper JSON = MetadataService.mapper();

  /**
   * An HTTP answer.
   *
   * @param status the status code
   * @param json the body as JSON, or null if it is not JSON
   * @param text the body as text
   */
  record Reply(int status, JsonNode json, String text) {
    String error() {
      return json == null ? null : json.path("error").asText(null);
    }
  }

  private final String token;
  private final MetadataService.Settings settings;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Path datastore;
  private Database database;
  private MetadataService service;

  private TestService(String token, Duration heartbeatTimeout, long maxBodyBytes, Clock clock) {
    this.token = token;
    this.clock = clock;
    this.settings =
        new MetadataService.Settings(
            "127.0.0.1", 0, token, token == null, heartbeatTimeout, maxBodyBytes);
  }

  /**
   * A service started now, with the test token, a 60 s heartbeat threshold and a 1 MiB body limit.
   */
  static TestService start() {
    return start(TOKEN, Duration.ofSeconds(60), 1 << 20);
  }

  /** A service started now; a null token disables authentication. */
  static TestService start(String token, Duration heartbeatTimeout, long maxBodyBytes) {
    TestService service = new TestService(token, heartbeatTimeout, maxBodyBytes, Clock.systemUTC());
    service.startNow();
    return service;
  }

  /** A service for one test class, started before its tests (register it as an extension). */
  static TestService perClass() {
    return perClass(TOKEN, Duration.ofSeconds(60), 1 << 20);
  }

  /** As {@link #perClass()}, with these settings. */
  static TestService perClass(String token, Duration heartbeatTimeout, long maxBodyBytes) {
    return perClass(token, heartbeatTimeout, maxBodyBytes, Clock.systemUTC());
  }

  /** As {@link #perClass()}, with these settings, on {@code clock}. */
  static TestService perClass(
      String token, Duration heartbeatTimeout, long maxBodyBytes, Clock clock) {
    return new TestService(token, heartbeatTimeout, maxBodyBytes, clock);
  }

  /**
   * This service with its UI reading logs and artifacts from the local datastore {@code root} (by
   * default an empty folder).
   */
  TestService withDatastore(Path root) {
    this.datastore = root;
    return this;
  }

  private void startNow() {
    database = TestPostgres.freshDatabase();
    Path root = datastore;
    if (root == null) {
      try {
        root = Files.createTempDirectory("fluxo-service-datastore");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    service =
        MetadataService.start(
            settings, database.dataSource(), "1", clock, DatastoreReader.open(root));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startNow();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  URI url() {
    return service.url();
  }

  String token() {
    return token;
  }

  Jdbi jdbi() {
    return Jdbi.create(database.dataSource());
  }

  /** A request with the service's token; {@code body} is sent as JSON text when not null. */
  Reply call(String method, String path, String body) {
    return call(method, path, body, token);
  }

  /** A request with {@code bearer} as token (none if null). */
  Reply call(String method, String path, String body, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(30));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return send(request.build());
  }

  Reply send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
      return new Reply(response.statusCode(), json, response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a run of {@code flow} as {@code user} and returns its id. */
  String createRun(String flow, String user, String... tags) {
    Reply reply =
        call(
            "POST",
            "/v1/flows/" + flow + "/runs",
            "{\"user\": \"" + user + "\", \"tags\": " + jsonList(tags) + "}");
    if (reply.status() != 201) {
      throw new AssertionError("Cannot create a run: " + reply);
    }
    return reply.json().path("run_id").asText();
  }

  static String jsonList(String... values) {
    try {
      return JSON.writeValueAsString(List.of(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fingerprint of every table's rows: equal fingerprints mean an unchanged database. */
  String fingerprint() {
    StringBuilder all = new StringBuilder();
    for (String table :
        List.of("flows", "runs", "steps", "tasks", "attempts", "artifacts", "metadata")) {
      String rows =
          jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM "
                                  + table
                                  + " t")
                          .mapTo(String.class)
                          .one());
      all.append(table).append('=').append(rows).append('\n');
    }
    return all.toString();
  }

  @Override
  public void close() {
    service.close();
    database.close();
  }
}
