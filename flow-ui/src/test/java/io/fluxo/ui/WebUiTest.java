package io.fluxo.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxo.runtime.client.DatastoreReader;
import io.fluxo.runtime.internal.datastore.LocalStorage;
import io.fluxo.runtime.internal.datastore.TaskStore;
import io.fluxo.runtime.internal.metadata.LocalMetadataStore;
import io.fluxo.runtime.spi.AttemptRecord;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.RunRecord;
import io.fluxo.runtime.spi.RunStatus;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.runtime.spi.TaskRecord;
import io.fluxo.ui.catalog.StoreRunCatalog;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UI's routes over real HTTP, on metadata and logs written as the runtime writes them: access
 * with and without a token, the login cookie, same-origin checks, filters, not-found pages and the
 * live log tail.
 */
class WebUiTest {
  private static final String TOKEN = "ui-test-token-0123456789abcdef0123456789";

  @TempDir static Path root;
  private static Javalin open;
  private static Javalin guarded;
  private static RunRecord done;
  private static RunRecord running;
  private static TaskPath runningTask;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startUis() {
    LocalMetadataStore metadata = new LocalMetadataStore(root);
    done = metadata.createRun("ShapeFlow", "ana", List.of("nightly"), null);
    metadata.updateRun(done.withStatus(RunStatus.SUCCEEDED, Instant.now()));
    done = metadata.run("ShapeFlow", done.runId()).orElseThrow();
    running = metadata.createRun("OtherFlow", "bo", List.of(), null);
    runningTask = new TaskPath("OtherFlow", running.runId(), "start", "1");
    metadata.registerTask(new TaskRecord(runningTask, List.of(), -1, null, Instant.now()));
    metadata.recordAttempt(
        new AttemptRecord(runningTask, 0, null, Instant.now(), null, 7, Map.of(), null));
    new TaskStore(new LocalStorage(root))
        .writeLog(
            runningTask,
            0,
            LogStream.STDOUT,
            "line one\nline <two>\npartial".getBytes(StandardCharsets.UTF_8));
    open = start(UiAccess.open());
    guarded = start(UiAccess.token(TOKEN));
  }

  private static Javalin start(UiAccess access) {
    Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
    new WebUi(
            new StoreRunCatalog(new LocalMetadataStore(root)),
            DatastoreReader.open(root),
            access,
            Clock.systemUTC())
        .register(app);
    return app.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    open.stop();
    guarded.stop();
  }

  private static HttpResponse<String> get(Javalin app, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url(app, path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postLogin(Javalin app, String token, String origin)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url(app, "/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("next=%2F&token=" + token));
    if (origin != null) {
      request.header("Origin", origin);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI url(Javalin app, String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  @Test
  void runsPage_listsEveryFlowsRunsNewestFirst_withAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get(open, "/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
        .contains("script-src 'self'", "frame-ancestors 'none'");
    assertThat(page.body().indexOf("data-flow=\"OtherFlow\""))
        .isPositive()
        .isLessThan(page.body().indexOf("data-flow=\"ShapeFlow\""));
    // a run is live on the page, so its table refreshes itself
    assertThat(page.body()).contains("hx-trigger=\"every 2s\"");
  }

  @Test
  void filters_selectRunsByStatusUserAndTag_andABadOneIsSaidAndIgnored() throws Exception {
    assertThat(get(open, "/?status=succeeded").body())
        .contains("data-flow=\"ShapeFlow\"")
        .doesNotContain("data-flow=\"OtherFlow\"");
    assertThat(get(open, "/?user=bo").body())
        .contains("data-flow=\"OtherFlow\"")
        .doesNotContain("data-flow=\"ShapeFlow\"");
    assertThat(get(open, "/?tag=nightly&flow=ShapeFlow").body())
        .contains("data-flow=\"ShapeFlow\"");
    assertThat(get(open, "/?tag=weekly").body()).contains("No runs match.");
    assertThat(get(open, "/?since=yesterday").body())
        .contains("since must be a date")
        .contains("data-flow=\"ShapeFlow\"");
  }

  @Test
  void unknownRunOrTask_isANotFoundPage() throws Exception {
    HttpResponse<String> run = get(open, "/runs/ShapeFlow/999");
    HttpResponse<String> task = get(open, "/runs/ShapeFlow/" + done.runId() + "/start/1");

    assertThat(run.statusCode()).isEqualTo(404);
    assertThat(run.body()).contains("No run ShapeFlow/999");
    assertThat(task.statusCode()).isEqualTo(404);
  }

  @Test
  void openUi_answersOnlyToLoopbackHostNames() throws Exception {
    String rebound;
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", open.port())) {
      socket
          .getOutputStream()
          .write(
              "GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      rebound = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain("ShapeFlow");
  }

  @Test
  void withoutTheToken_everyPageLeadsToTheLoginPage_andShowsNoData() throws Exception {
    for (String path :
        List.of(
            "/",
            "/runs/ShapeFlow/" + done.runId(),
            "/runs/OtherFlow/" + running.runId() + "/start/1/0/logs/stdout")) {
      HttpResponse<String> page = get(guarded, path);
      assertThat(page.statusCode()).as(path).isEqualTo(303);
      assertThat(page.headers().firstValue("Location").orElseThrow()).startsWith("/login?next=");
      assertThat(page.body()).doesNotContain("ShapeFlow", "line one");
    }
    HttpResponse<String> wrongCookie = get(guarded, "/", "Cookie", "fluxo_token=guess");
    assertThat(wrongCookie.statusCode()).isEqualTo(303);
    assertThat(get(guarded, "/login").body()).contains("Service token").doesNotContain("ShapeFlow");
  }

  @Test
  void login_setsAStrictHttpOnlyCookie_onlyForTheRightTokenFromTheSameOrigin() throws Exception {
    String origin = "http://127.0.0.1:" + guarded.port();

    HttpResponse<String> wrong = postLogin(guarded, "not-the-token", origin);
    HttpResponse<String> crossSite = postLogin(guarded, TOKEN, "https://evil.example");
    HttpResponse<String> noOrigin = postLogin(guarded, TOKEN, null);
    HttpResponse<String> right = postLogin(guarded, TOKEN, origin);

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("not this service's token");
    assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    assertThat(right.statusCode()).isEqualTo(303);
    String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("fluxo_token=" + TOKEN).contains("HttpOnly", "SameSite=Strict");
    HttpResponse<String> page = get(guarded, "/", "Cookie", "fluxo_token=" + TOKEN);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("ShapeFlow");
  }

  @Test
  void loginRedirect_staysOnThisSite() {
    assertThat(WebUi.safeNext("/runs/F/1?tab=dag")).isEqualTo("/runs/F/1?tab=dag");
    assertThat(WebUi.safeNext("//evil.example/")).isEqualTo("/");
    assertThat(WebUi.safeNext("https://evil.example/")).isEqualTo("/");
    assertThat(WebUi.safeNext("/\\evil.example")).isEqualTo("/");
  }

  @Test
  void runningTask_logShowsWholeLinesEscaped_andItsTailContinuesFromTheOffset() throws Exception {
    String base = "/runs/OtherFlow/" + running.runId() + "/start/1";

    String page = get(open, base).body();
    HttpResponse<String> tail = get(open, base + "/0/tail/stdout?from=9");
    HttpResponse<String> end = get(open, base + "/0/tail/stdout?from=20");

    // the page shows all that is stored; a tail, only whole lines, so none is cut while written
    assertThat(page).contains("line one\nline &lt;two&gt;\npartial", "/0/tail/stdout?from=27");
    assertThat(tail.body()).startsWith("line &lt;two&gt;\n").contains("tail/stdout?from=20");
    assertThat(tail.body()).doesNotContain("partial");
    assertThat(end.body()).doesNotContain("line", "partial").contains("tail/stdout?from=20");
    assertThat(get(open, base + "/0/logs/stdout").body())
        .isEqualTo("line one\nline <two>\npartial");
  }
}
