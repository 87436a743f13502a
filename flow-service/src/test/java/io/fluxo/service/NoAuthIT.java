package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --no-auth}: open to this machine's own clients, closed to web pages of other sites. */
class NoAuthIT {
  @RegisterExtension
  static final TestService service = TestService.perClass(null, Duration.ofSeconds(60), 1 << 20);

  @Test
  void requestsNamingThisMachine_areAnswered() throws IOException {
    assertThat(statusLine("localhost:" + service.url().getPort())).contains(" 200 ");
    assertThat(statusLine("127.0.0.1:" + service.url().getPort())).contains(" 200 ");
  }

  @Test
  void aRebindingPagesHost_isForbidden() throws IOException {
    assertThat(statusLine("evil.example:" + service.url().getPort())).contains(" 403 ");
  }

  /** The status line of {@code GET /v1/flows} sent with {@code host} as its Host header. */
  private static String statusLine(String host) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", service.url().getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /v1/flows HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.lines().findFirst().orElse("");
    }
  }
}
