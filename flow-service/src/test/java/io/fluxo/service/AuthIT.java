package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.service.TestService.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthIT {
  @RegisterExtension static final TestService service = TestService.perClass();

  @Test
  void missingToken_is401_andWritesNothing() {
    String before = service.fingerprint();

    Reply reply = service.call("POST", "/v1/flows/AuthFlow/runs", "{\"user\": \"ana\"}", null);

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.error()).contains("Missing bearer token");
    assertThat(service.fingerprint()).isEqualTo(before);
  }

  @Test
  void wrongToken_is401_evenForUnknownRoutes() {
    assertThat(service.call("GET", "/v1/flows", null, "wrong").status()).isEqualTo(401);
    assertThat(service.call("GET", "/v1/flows", null, TestService.TOKEN + "x").status())
        .isEqualTo(401);
    assertThat(service.call("GET", "/v1/flows", null, "").status()).isEqualTo(401);
    assertThat(service.call("GET", "/v1/no/such/route", null, "wrong").status()).isEqualTo(401);
    assertThat(service.call("GET", "/v1/flows", null, TestService.TOKEN).status()).isEqualTo(200);
  }

  @Test
  void otherSchemes_are401() {
    Reply reply =
        service.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url() + "/v1/flows"))
                .header("Authorization", "Basic " + TestService.TOKEN)
                .GET()
                .build());

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.json().path("status").asInt()).isEqualTo(401);
  }

  @Test
  void theSchemeName_isCaseInsensitive() {
    Reply reply =
        service.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.url() + "/v1/flows"))
                .header("Authorization", "bearer " + TestService.TOKEN)
                .GET()
                .build());

    assertThat(reply.status()).isEqualTo(200);
  }

  @Test
  void aWriteWhoseBodyIsNotJson_is415_andWritesNothing() {
    Reply reply =
        service.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(service.url() + "/v1/flows/FormFlow/runs"))
                .header("Authorization", "Bearer " + TestService.TOKEN)
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"user\": \"ana\"}"))
                .build());

    assertThat(reply.status()).isEqualTo(415);
    assertThat(reply.json().path("error").asText()).contains("application/json");
    assertThat(service.call("GET", "/v1/flows/FormFlow/runs", null).status()).isEqualTo(404);
  }

  @Test
  void settings_refuseAShortToken_andNoAuthBeyondThisMachine() {
    assertThatThrownBy(
            () ->
                new MetadataService.Settings(
                    "127.0.0.1", 0, "short-token", false, Duration.ofSeconds(60), 1 << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("11 characters; use at least 32");
    assertThatThrownBy(
            () ->
                new MetadataService.Settings(
                    "0.0.0.0", 0, null, true, Duration.ofSeconds(60), 1 << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not on 0.0.0.0");
  }

  @Test
  void healthAndVersion_needNoToken() {
    assertThat(service.call("GET", "/health", null, null).status()).isEqualTo(200);
    assertThat(service.call("GET", "/version", null, null).status()).isEqualTo(200);
  }

  @Test
  void noAuth_acceptsRequestsWithoutToken() {
    try (TestService open = TestService.start(null, Duration.ofSeconds(60), 1 << 20)) {
      assertThat(open.call("POST", "/v1/flows/OpenFlow/runs", "{\"user\": \"ana\"}", null).status())
          .isEqualTo(201);
    }
  }

  @Test
  void settings_requireATokenUnlessAuthIsDisabled() {
    assertThatThrownBy(
            () ->
                new MetadataService.Settings(
                    "127.0.0.1", 0, null, false, Duration.ofSeconds(60), 1 << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token is required");
  }
}
