package io.fluxo.ui.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiCommandTest {
  @TempDir Path dir;

  private FluxoConfig config() throws Exception {
    Files.createDirectories(dir.resolve(".fluxo"));
    return FluxoConfig.load(ConfigSources.of(Map.of("HOME", dir.toString()), dir), Map.of());
  }

  private static UiCommand command(String host, int port, String token) {
    UiCommand command = new UiCommand();
    command.host = host;
    command.port = port;
    command.environment = name -> name.equals("FLUXO_UI_TOKEN") ? token : null;
    return command;
  }

  @Test
  void onAnAddressOtherThanLoopback_aTokenIsRequired() throws Exception {
    FluxoConfig config = config();

    assertThatThrownBy(() -> command("0.0.0.0", 0, null).start(config))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "Cannot serve the UI on 0.0.0.0 without a token: set FLUXO_UI_TOKEN,"
                + " or keep --host 127.0.0.1");
  }

  @Test
  void aBadPort_isOneLine() throws Exception {
    FluxoConfig config = config();

    assertThatThrownBy(() -> command("127.0.0.1", 70000, null).start(config))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'--port': 70000");
  }

  @Test
  void onLoopback_itServesWithoutAToken_andWithOneOnlyAfterLogin() throws Exception {
    FluxoConfig config = config();
    HttpClient http = HttpClient.newHttpClient();

    Javalin open = command("127.0.0.1", 0, null).start(config);
    Javalin guarded =
        command("127.0.0.1", 0, "a-ui-token-0123456789abcdef0123456789").start(config);
    try {
      URI openUrl = command("127.0.0.1", 0, null).url(open);
      HttpResponse<String> page =
          http.send(HttpRequest.newBuilder(openUrl).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> refused =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guarded.port() + "/"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(openUrl.toString()).isEqualTo("http://127.0.0.1:" + open.port() + "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("No runs match.");
      assertThat(refused.statusCode()).isEqualTo(303);
      assertThat(refused.headers().firstValue("Location").orElseThrow()).startsWith("/login");
    } finally {
      open.stop();
      guarded.stop();
    }
  }
}
