package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.internal.cli.CountingFlowDefinition;
import io.fluxo.runtime.internal.cli.FlowCommand;
import io.fluxo.service.TestService.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code flow service} (found through the CommandPlugin seam) and {@code flow service migrate}. */
class ServiceCommandIT {
  @TempDir Path dir;

  private record Output(int code, String out, String err) {}

  /** {@code flow <args>} of the test flow, printing to buffers. */
  private static Output flow(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      int code = FlowCommand.execute(new CountingFlowDefinition(), args);
      return new Output(
          code,
          outBytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** A {@code service} command line with {@code environment} instead of the process's. */
  private static ServiceCommand command(
      Map<String, String> environment, StringWriter out, String... args) {
    ServiceCommand command = new ServiceCommand();
    command.environment = environment::get;
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    cli.parseArgs(args);
    return command;
  }

  @Test
  void flowService_isContributedByThePlugin() {
    Output help = flow("service", "--help");

    assertThat(help.code()).isZero();
    assertThat(help.out())
        .contains("Run the metadata service", "--embedded", "--db-url", "--no-auth", "migrate");
  }

  @Test
  void flowServiceMigrate_appliesTheSchemaOnce() {
    String name = "fluxo_migrate_test";
    String url = createDatabase(name);

    Output first = flow("service", "migrate", "--db-url", url, "--db-user", "postgres");
    Output again = flow("service", "migrate", "--db-url", url, "--db-user", "postgres");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).contains("is at version 3");
    assertThat(again.code()).isZero();
    try (Database db = Database.connect(url, "postgres", null)) {
      long applied =
          org.jdbi.v3.core.Jdbi.create(db.dataSource())
              .withHandle(
                  h ->
                      h.createQuery("SELECT count(*) FROM flyway_schema_history WHERE success")
                          .mapTo(Long.class)
                          .one());
      assertThat(applied).isEqualTo(3);
    }
  }

  @Test
  void service_unreachableDatabase_failsWithAMessage() {
    Output output =
        flow("service", "--db-url", "jdbc:postgresql://127.0.0.1:1/none", "--port", "0");

    assertThat(output.code()).isEqualTo(1);
    assertThat(output.err())
        .contains("Cannot connect to the database jdbc:postgresql://127.0.0.1:1/none as fluxo");
  }

  @Test
  void service_withoutTokenOrNoAuth_isRefused() {
    // failsafe sets FLUXO_METADATA_TOKEN, so the command gets an empty environment here
    ServiceCommand command =
        command(Map.of(), new StringWriter(), "--embedded", "--embedded-dir", "unused");
    Output refused = run(command::start);

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .contains("Cannot start the service without a token: set FLUXO_SERVICE_TOKEN");
  }

  @Test
  void serviceMain_badDatabaseUrl_isAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cli = ServiceMain.commandLine();
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute("migrate", "--db-url", "jdbc:mysql://127.0.0.1/x");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid database URL jdbc:mysql://127.0.0.1/x");
  }

  @Test
  void embeddedService_keepsItsDataBetweenStarts() throws Exception {
    Path data = dir.resolve("service-db");
    StringWriter out = new StringWriter();
    Map<String, String> environment =
        Map.of("FLUXO_SERVICE_TOKEN", "embedded-token-0123456789abcdef0123");

    String runId;
    try (ServiceCommand.Running running =
        command(environment, out, "--embedded", "--embedded-dir", data.toString(), "--port", "0")
            .start()) {
      assertThat(get(running.service().url(), "/health", null).status()).isEqualTo(200);
      assertThat(get(running.service().url(), "/v1/flows", null).status()).isEqualTo(401);
      runId =
          post(
                  running.service().url(),
                  "/v1/flows/EmbeddedFlow/runs",
                  "{\"user\": \"ana\"}",
                  "embedded-token-0123456789abcdef0123")
              .json()
              .path("run_id")
              .asText();
    }
    try (ServiceCommand.Running running =
        command(environment, out, "--embedded", "--embedded-dir", data.toString(), "--port", "0")
            .start()) {
      Reply run =
          get(
              running.service().url(),
              "/v1/flows/EmbeddedFlow/runs/" + runId,
              "embedded-token-0123456789abcdef0123");
      assertThat(run.status()).isEqualTo(200);
      assertThat(running.database().describe()).contains("embedded PostgreSQL", data.toString());
    }
  }

  private static Output run(Runnable action) {
    try {
      action.run();
      return new Output(0, "", "");
    } catch (RuntimeException e) {
      return new Output(1, "", e.getMessage());
    }
  }

  private static String createDatabase(String name) {
    try (var connection = TestPostgres.cluster().getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return TestPostgres.cluster().getJdbcUrl("postgres", name);
  }

  private static Reply get(URI base, String path, String token) throws Exception {
    return request(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  private static Reply post(URI base, String path, String body, String token) throws Exception {
    return request(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        token);
  }

  private static Reply request(HttpRequest.Builder builder, String token) throws Exception {
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(), TestService.JSON.readTree(response.body()), response.body());
  }
}
