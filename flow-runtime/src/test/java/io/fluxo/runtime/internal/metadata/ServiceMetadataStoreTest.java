package io.fluxo.runtime.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fluxo.runtime.error.PlatformException;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.internal.retry.Retries;
import io.fluxo.runtime.spi.Heartbeat;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client side of the service provider, against a stub HTTP server: retries, token, heartbeats.
 */
class ServiceMetadataStoreTest {
  private static final String RUN_JSON =
      """
      {"flow": "F", "run_id": "1", "user": "ana", "tags": [], "system_tags": ["user:ana"], "origin_run_id": null,
       "status": "RUNNING", "recorded_status": "RUNNING", "started_at": "2026-01-01T00:00:00Z", "ended_at": null,
       "host": "h", "pid": 1}""";

  private HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final Map<String, String> authorization = new ConcurrentHashMap<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private int failureStatus = 503;

  @BeforeEach
  void startStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopStub() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
    requests.add(request);
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    authorization.put(request, header == null ? "none" : header);
    byte[] received = exchange.getRequestBody().readAllBytes();
    if (received.length > 0) {
      bodies.add(new String(received, StandardCharsets.UTF_8));
    }
    int status;
    String body;
    if (failuresLeft.getAndDecrement() > 0) {
      status = failureStatus;
      body = "{\"error\": \"busy\", \"status\": " + failureStatus + "}";
    } else if (request.startsWith("POST /v1/flows/F/runs") && !request.contains("heartbeat")) {
      status = 201;
      body = RUN_JSON;
    } else if (request.startsWith("GET /v1/flows/G/runs?")) {
      status = 200;
      body = "{\"runs\": [], \"next_cursor\": null}";
    } else if (request.contains("heartbeat")) {
      status = 200;
      body = "{\"heartbeat_at\": \"2026-01-01T00:00:00Z\"}";
    } else {
      status = 200;
      body = RUN_JSON;
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Retries without waiting, so no test sleeps through a backoff. */
  private static final Retries AT_ONCE = new Retries(3, Duration.ofMillis(1), Duration.ofMillis(1));

  private static final Duration HEARTBEAT = Duration.ofMillis(10);

  private ServiceMetadataStore store(String token) {
    return new ServiceMetadataStore(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()), token, HEARTBEAT, AT_ONCE);
  }

  @Test
  void idempotentRequest_retries5xx_thenSucceeds() {
    failuresLeft.set(2);

    RunRecord run = store("t").run("F", "1").orElseThrow();

    assertThat(run.user()).isEqualTo("ana");
    assertThat(requests)
        .containsExactly(
            "GET /v1/flows/F/runs/1", "GET /v1/flows/F/runs/1", "GET /v1/flows/F/runs/1");
  }

  @Test
  void createRun_isNotRetriedOn5xx_soNoRunIsCreatedTwice() {
    failuresLeft.set(1);
    failureStatus = 500;

    assertThatThrownBy(() -> store("t").createRun("F", "ana", List.of(), null))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Cannot create a run of F")
        .hasMessageContaining("500")
        .hasMessageContaining("busy");
    assertThat(requests).hasSize(1);
  }

  @Test
  void persistent5xx_givesUpAfterTheRetries() {
    failuresLeft.set(100);

    assertThatThrownBy(() -> store("t").attempts(new TaskPath("F", "1", "s", "1")))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("503");
    assertThat(requests).hasSize(AT_ONCE.maxAttempts());
  }

  @Test
  void clientError_isNotRetried() {
    failuresLeft.set(1);
    failureStatus = 401;

    assertThatThrownBy(() -> store("t").run("F", "1"))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("Cannot read run F/1")
        .hasMessageContaining("401");
    assertThat(requests).hasSize(1);
  }

  @Test
  void tooManyRequests_isRetried() {
    failuresLeft.set(1);
    failureStatus = 429;

    assertThat(store("t").run("F", "1")).isPresent();
    assertThat(requests).hasSize(2);
  }

  @Test
  void tlsToAPlainPort_failsAtOnce_withOneLineAboutTheScheme() throws Exception {
    try (ServerSocket plain = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread answering =
          new Thread(
              () -> {
                // what a plain HTTP server (Jetty) answers to a TLS hello
                while (!plain.isClosed()) {
                  try (Socket socket = plain.accept()) {
                    socket
                        .getOutputStream()
                        .write(
                            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      answering.setDaemon(true);
      answering.start();
      // one retry would wait longer than the whole test may take
      Retries patient = new Retries(5, Duration.ofSeconds(10), Duration.ofSeconds(10));
      ServiceMetadataStore store =
          new ServiceMetadataStore(
              URI.create("https://127.0.0.1:" + plain.getLocalPort()), "t", HEARTBEAT, patient);
      long start = System.nanoTime();

      assertThatThrownBy(() -> store.run("F", "1"))
          .isInstanceOf(PlatformException.class)
          .hasMessageContaining("TLS handshake")
          .hasMessageContaining("http or https")
          .hasMessageNotContaining("\n");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void bodies_areTheContractsRecords_inSnakeCase() {
    store("t")
        .registerTask(
            new TaskRecord(
                new TaskPath("F", "1", "s", "2"),
                List.of("1/start/1"),
                0,
                null,
                Instant.parse("2026-01-01T00:00:00Z")));

    assertThat(bodies)
        .containsExactly(
            "{\"task_id\":null,\"input_paths\":[\"1/start/1\"],\"split_index\":0,"
                + "\"origin_task\":null,\"created_at\":\"2026-01-01T00:00:00Z\"}");
  }

  @Test
  void token_isSentAsBearer_andOnlyWhenGiven() {
    store("secret").run("F", "1");
    store(null).runs("G");

    assertThat(authorization.get("GET /v1/flows/F/runs/1")).isEqualTo("Bearer secret");
    assertThat(authorization.get("GET /v1/flows/G/runs?limit=1000")).isEqualTo("none");
  }

  @Test
  void heartbeat_isSentUntilClosed() throws InterruptedException {
    ServiceMetadataStore store = store("t");

    Heartbeat heartbeat = store.heartbeat(new TaskPath("F", "1", "my step", "7"));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (requests.size() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(HEARTBEAT.toMillis());
    }
    heartbeat.close();
    Thread.sleep(HEARTBEAT.multipliedBy(3).toMillis());
    int sent = requests.size();
    Thread.sleep(HEARTBEAT.multipliedBy(10).toMillis());

    assertThat(sent).isGreaterThanOrEqualTo(3);
    assertThat(requests).hasSize(sent);
    assertThat(requests)
        .allMatch(r -> r.equals("POST /v1/flows/F/runs/1/steps/my%20step/tasks/7/heartbeat"));
  }

  @Test
  void of_rejectsAUrlThatIsNotHttp() {
    assertThat(ServiceMetadataStore.of("http://127.0.0.1:1", null))
        .isInstanceOf(ServiceMetadataStore.class);
    assertThatThrownBy(() -> ServiceMetadataStore.of("ftp://x", null))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("Invalid metadata service URL ftp://x");
  }
}
