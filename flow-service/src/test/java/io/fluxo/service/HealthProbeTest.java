package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HealthProbe}: exit 0 on 200 only, one line either way, within its timeout. */
class HealthProbeTest {
  private HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() {
    release.countDown();
    if (server != null) {
      server.stop(0);
    }
  }

  private record Probed(int code, String line) {}

  private static Probed probe(ToIntFunction<PrintStream> probe) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = probe.applyAsInt(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines()).as(out).hasSize(1);
    return new Probed(code, out.strip());
  }

  /**
   * A server on a free port of 127.0.0.1 answering /health with {@code status} and {@code body}.
   */
  private int serve(int status, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
    return server.getAddress().getPort();
  }

  @Test
  void ok_isHealthy() throws IOException {
    int port = serve(200, "{\"status\":\"ok\",\"database\":\"ok\"}\n");

    Probed probed =
        probe(out -> HealthProbe.probe(Map.of("FLUXO_SERVICE_PORT", String.valueOf(port)), out));

    assertThat(probed.code()).isZero();
    assertThat(probed.line()).isEqualTo("healthy: 200 {\"status\":\"ok\",\"database\":\"ok\"}");
  }

  @Test
  void unavailableDatabase_isUnhealthy() throws IOException {
    int port = serve(503, "{\"status\":\"unavailable\",\n\"database\":\"unreachable\"}");

    Probed probed =
        probe(out -> HealthProbe.probe(Map.of("FLUXO_SERVICE_PORT", " " + port + " "), out));

    assertThat(probed.code()).isEqualTo(1);
    assertThat(probed.line())
        .isEqualTo("unhealthy: 503 {\"status\":\"unavailable\", \"database\":\"unreachable\"}");
  }

  @Test
  void noServer_isUnhealthy() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    Probed probed =
        probe(out -> HealthProbe.probe(Map.of("FLUXO_SERVICE_PORT", String.valueOf(port)), out));

    assertThat(probed.code()).isEqualTo(1);
    assertThat(probed.line())
        .startsWith("unhealthy: no answer from http://127.0.0.1:" + port + "/health: ");
  }

  @Test
  void silentServer_isUnhealthy_afterTheTimeout() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/health",
        exchange -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health");

    long started = System.nanoTime();
    Probed probed = probe(out -> HealthProbe.probe(url, Duration.ofMillis(300), out));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(probed.code()).isEqualTo(1);
    assertThat(probed.line()).contains("unhealthy: no answer from " + url, "timed out");
    assertThat(took).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void badPort_isUnhealthy() {
    Probed bad = probe(out -> HealthProbe.probe(Map.of("FLUXO_SERVICE_PORT", "http"), out));

    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.line()).isEqualTo("unhealthy: invalid FLUXO_SERVICE_PORT 'http'");
  }
}
