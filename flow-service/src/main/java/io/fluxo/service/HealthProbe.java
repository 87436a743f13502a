package io.fluxo.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The service image's health check ({@code HEALTHCHECK} in the Dockerfile's {@code service} stage):
 * {@code java -cp <jars> io.fluxo.service.HealthProbe} asks the service in the same container for
 * {@code GET http://127.0.0.1:<port>/health}, the port being {@code $FLUXO_SERVICE_PORT} (as for
 * the service) or 8780, with a 2 s timeout; it prints one line and exits 0 on 200, else 1 (503 when
 * the database is unreachable, no answer, a bad port). Kubernetes probes ask the same endpoint with
 * {@code httpGet} instead. Only JDK classes, so it starts fast.
 */
public final class HealthProbe {
  /** How long the probe waits to connect, and then for the answer. */
  static final Duration TIMEOUT = Duration.ofSeconds(2);

  private HealthProbe() {}

  /** Probes the service this process's environment names and exits with the result. */
  public static void main(String[] args) {
    System.exit(probe(System.getenv(), System.out));
  }

  /** Probes the service {@code environment} names, prints one line to {@code out}: 0 if healthy. */
  static int probe(Map<String, String> environment, PrintStream out) {
    String port = environment.get("FLUXO_SERVICE_PORT");
    if (port == null || port.isBlank()) {
      port = String.valueOf(ServiceCommand.DEFAULT_PORT);
    }
    if (!port.trim().matches("\\d{1,5}")) {
      out.println("unhealthy: invalid FLUXO_SERVICE_PORT '" + port + "'");
      return 1;
    }
    return probe(URI.create("http://127.0.0.1:" + port.trim() + "/health"), TIMEOUT, out);
  }

  /** GETs {@code url}, prints one line to {@code out}: 0 if it answers 200. */
  static int probe(URI url, Duration timeout, PrintStream out) {
    try {
      HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      connection.setUseCaches(false);
      try {
        int status = connection.getResponseCode();
        InputStream body =
            status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text =
            body == null
                ? ""
                : new String(body.readNBytes(200), StandardCharsets.UTF_8)
                    .replaceAll("\\s+", " ")
                    .strip();
        out.println((status == 200 ? "healthy: " : "unhealthy: ") + status + " " + text);
        return status == 200 ? 0 : 1;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      out.println("unhealthy: no answer from " + url + ": " + e);
      return 1;
    }
  }
}
