package io.fluxo.ui;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.fluxo.runtime.client.DatastoreReader;
import io.fluxo.runtime.spi.LogStream;
import io.fluxo.runtime.spi.TaskPath;
import io.fluxo.ui.catalog.RunCatalog;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI's routes on a Javalin app: the runs page at {@code /}, a run's page at {@code
 * /runs/<flow>/<run>} (tabs DAG, timeline and tasks), a task's page below it, its logs (whole, or a
 * live tail from a byte offset) and artifact previews, the login page, and the UI's assets. Pages
 * are rendered from templates compiled with the module; every page sends a strict content security
 * policy (scripts and styles only from the UI itself).
 */
public final class WebUi {
  private static final Logger LOG = LoggerFactory.getLogger(WebUi.class);

  private static final String ASSETS = "/ui/assets/";
  private static final Map<String, String> ASSET_FILES =
      Map.of(
          "htmx.min.js", htmxResource(),
          "fluxo.css", "io/fluxo/ui/assets/fluxo.css",
          "fluxo.js", "io/fluxo/ui/assets/fluxo.js");
  private static final String CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

  private final Pages pages;
  private final UiAccess access;
  private final TemplateEngine templates =
      TemplateEngine.createPrecompiled(
          null, ContentType.Html, WebUi.class.getClassLoader(), "io.fluxo.ui.templates");

  /**
   * A UI over {@code catalog} (the metadata) and {@code datastore} (logs and artifacts), open to
   * whom {@code access} allows; times are shown in UTC and durations of running things are measured
   * on {@code clock}.
   */
  public WebUi(RunCatalog catalog, DatastoreReader datastore, UiAccess access, Clock clock) {
    this.pages = new Pages(catalog, datastore, clock);
    this.access = access;
  }

  /** Adds the UI's routes to {@code app}; the REST API's paths ({@code /v1/...}) stay its own. */
  public void register(Javalin app) {
    app.before(
        ctx -> {
          if (isUiPath(ctx.path())) {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "same-origin");
            ctx.header(
                "Cache-Control", ctx.path().startsWith(ASSETS) ? "max-age=3600" : "no-store");
          }
        });
    app.get(ASSETS + "{file}", this::asset);
    app.get("/login", ctx -> login(ctx, null, HttpStatus.OK));
    app.post("/login", this::logIn);
    app.post("/logout", this::logOut);
    app.get("/", guarded(ctx -> page(ctx, "runs.jte", pages.runs(ctx))));
    app.get("/runs/{flow}/{run}", guarded(ctx -> page(ctx, "run.jte", pages.run(ctx))));
    app.get(
        "/runs/{flow}/{run}/{step}/{task}", guarded(ctx -> page(ctx, "task.jte", pages.task(ctx))));
    app.get("/runs/{flow}/{run}/{step}/{task}/{attempt}/logs/{stream}", guarded(this::downloadLog));
    app.get(
        "/runs/{flow}/{run}/{step}/{task}/{attempt}/tail/{stream}",
        guarded(ctx -> page(ctx, "log-tail.jte", pages.tail(ctx))));
    app.get(
        "/runs/{flow}/{run}/{step}/{task}/{attempt}/artifacts/{name}",
        guarded(ctx -> page(ctx, "artifact.jte", pages.artifact(ctx))));
    app.exception(
        NotFound.class,
        (e, ctx) -> {
          ctx.status(HttpStatus.NOT_FOUND);
          render(ctx, "message.jte", new Message("Not found", e.getMessage()));
        });
  }

  private static String htmxResource() {
    Properties properties = new Properties();
    try (InputStream in = WebUi.class.getResourceAsStream("ui.properties")) {
      properties.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("io/fluxo/ui/ui.properties is missing from the UI's jar", e);
    }
    return "META-INF/resources/webjars/htmx.org/"
        + properties.getProperty("htmx.version")
        + "/dist/htmx.min.js";
  }

  private static boolean isUiPath(String path) {
    return !path.startsWith("/v1/") && !path.equals("/health") && !path.equals("/version");
  }

  private Handler guarded(Handler handler) {
    return ctx -> {
      if (access.allows(ctx)) {
        handler.handle(ctx);
      } else if (!access.needsToken()) {
        ctx.status(HttpStatus.FORBIDDEN);
        render(
            ctx,
            "message.jte",
            new Message(
                "Forbidden",
                "This UI runs without a token, so it answers only to localhost or 127.0.0.1."));
      } else if (ctx.header("HX-Request") != null) {
        ctx.header("HX-Redirect", "/login");
        ctx.status(HttpStatus.UNAUTHORIZED);
      } else {
        ctx.redirect(
            "/login?next="
                + URLEncoder.encode(
                    ctx.fullUrl().substring(ctx.fullUrl().indexOf(ctx.path())),
                    StandardCharsets.UTF_8),
            HttpStatus.SEE_OTHER);
      }
    };
  }

  private void page(Context ctx, String template, Object model) {
    render(ctx, template, model);
  }

  private void render(Context ctx, String template, Object model) {
    StringOutput out = new StringOutput(1 << 14);
    templates.render(template, Map.of("page", model, "signedIn", access.needsToken()), out);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }

  private void login(Context ctx, String error, HttpStatus status) {
    ctx.status(status);
    render(ctx, "login.jte", new Login(safeNext(ctx.queryParam("next")), error));
  }

  private void logIn(Context ctx) {
    if (!UiAccess.sameOrigin(ctx)) {
      ctx.status(HttpStatus.FORBIDDEN);
      render(ctx, "message.jte", new Message("Forbidden", "Log in from this UI's own page."));
      return;
    }
    String token = ctx.formParam("token");
    String next = safeNext(ctx.formParam("next"));
    if (!access.needsToken()) {
      ctx.redirect(next, HttpStatus.SEE_OTHER);
      return;
    }
    if (!access.accepts(token == null ? null : token.trim())) {
      LOG.warn("Refused a UI login with a wrong token from {}", ctx.ip());
      ctx.status(HttpStatus.UNAUTHORIZED);
      render(ctx, "login.jte", new Login(next, "That token is not this service's token."));
      return;
    }
    ctx.cookie(sessionCookie(ctx, token.trim(), -1));
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void logOut(Context ctx) {
    if (!UiAccess.sameOrigin(ctx)) {
      ctx.status(HttpStatus.FORBIDDEN);
      return;
    }
    ctx.cookie(sessionCookie(ctx, "", 0));
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private static Cookie sessionCookie(Context ctx, String value, int maxAge) {
    boolean secure =
        "https".equals(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    return new Cookie(
        UiAccess.COOKIE, value, "/", maxAge, secure, 0, true, null, null, SameSite.STRICT);
  }

  /** {@code next} if it is a path of this UI, else {@code /}: never another site. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")) {
      return "/";
    }
    return next;
  }

  private void asset(Context ctx) throws IOException {
    String resource = ASSET_FILES.get(ctx.pathParam("file"));
    if (resource == null) {
      throw new NotFound("No such asset: " + ctx.pathParam("file"));
    }
    try (InputStream in = WebUi.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new NotFound("Missing asset: " + resource);
      }
      String file = ctx.pathParam("file");
      ctx.contentType(
              file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
          .result(in.readAllBytes());
    }
  }

  private void downloadLog(Context ctx) throws IOException {
    TaskPath task = Pages.taskPath(ctx);
    int attempt = Pages.attemptNumber(ctx);
    LogStream stream = Pages.stream(ctx);
    Optional<InputStream> log = pages.openLog(task, attempt, stream);
    if (log.isEmpty()) {
      throw new NotFound("No " + ctx.pathParam("stream") + " log stored for attempt " + attempt);
    }
    try (InputStream in = log.get()) {
      ctx.contentType("text/plain; charset=utf-8");
      if (ctx.queryParam("download") != null) {
        ctx.header(
            "Content-Disposition",
            "attachment; filename=\""
                + String.join("-", task.flow(), task.runId(), task.step(), task.taskId())
                    .replaceAll("[^A-Za-z0-9._-]", "_")
                + "-"
                + attempt
                + "."
                + ctx.pathParam("stream")
                + ".log\"");
      }
      ctx.result(in.readAllBytes());
    }
  }

  /**
   * The login page.
   *
   * @param next where to go once logged in
   * @param error why the last attempt was refused, or null
   */
  public record Login(String next, String error) {}

  /**
   * A page that only says something.
   *
   * @param title its title
   * @param text what it says
   */
  public record Message(String title, String text) {}

  /** A page or item that does not exist; answered with 404 and its message. */
  static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message, null, false, false);
    }
  }
}
