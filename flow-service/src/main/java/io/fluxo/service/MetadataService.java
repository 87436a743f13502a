package io.fluxo.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.fluxo.runtime.client.DatastoreReader;
import io.fluxo.runtime.spi.FluxoVersion;
import io.fluxo.runtime.spi.rest.Resources.ErrorBody;
import io.fluxo.ui.UiAccess;
import io.fluxo.ui.WebUi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata service: a Javalin server over {@link MetadataRepository}. Requests under {@code
 * /v1} need {@code Authorization: Bearer <token>} unless authentication is disabled; {@code
 * /health} and {@code /version} are open. Every error is answered as JSON {@code {"error": "...",
 * "status": N}}: 400 for malformed input, 401 without the token, 404 for unknown ids, 409 for
 * conflicting writes, 413 for oversized bodies; 500 only for faults of the service itself.
 */
final class MetadataService implements AutoCloseable {

  /** The API version, the path prefix of every route. */
  static final String API = "v1";

  private static final Logger LOG = LoggerFactory.getLogger(MetadataService.class);

  /**
   * How the service runs.
   *
   * @param host the address to bind, {@code 127.0.0.1} by default
   * @param port the port, or 0 for any free one
   * @param token the bearer token requests must carry; null only if {@code authDisabled}
   * @param authDisabled whether to accept requests without a token (local use only)
   * @param heartbeatTimeout how long a running run (or task) may go without a heartbeat before it
   *     reads as failed
   * @param maxBodyBytes the largest request body accepted
   */
  record Settings(
      String host,
      int port,
      String token,
      boolean authDisabled,
      Duration heartbeatTimeout,
      long maxBodyBytes) {
    Settings {
      if (!authDisabled && (token == null || token.isBlank())) {
        throw new IllegalArgumentException(
            "A bearer token is required unless authentication is disabled");
      }
      if (!authDisabled && token.length() < MIN_TOKEN_LENGTH) {
        throw new IllegalArgumentException(
            "the bearer token has "
                + token.length()
                + " characters; use at least "
                + MIN_TOKEN_LENGTH
                + ", e.g. from 'openssl rand -hex 24'");
      }
      if (authDisabled && !LOOPBACK.contains(host)) {
        throw new IllegalArgumentException(
            "without authentication the service listens on this machine only (--host 127.0.0.1),"
                + " not on "
                + host);
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("Invalid port: " + port);
      }
      if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
        throw new IllegalArgumentException("Invalid heartbeat timeout: " + heartbeatTimeout);
      }
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException(
            "Invalid body limit: " + maxBodyBytes + " bytes; at least 1024");
      }
    }
  }

  /** The shortest bearer token accepted. */
  static final int MIN_TOKEN_LENGTH = 32;

  /** Addresses that only this machine reaches. */
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  /** How often refused authentications are logged at most. */
  private static final Duration AUTH_LOG_INTERVAL = Duration.ofSeconds(10);

  private final Javalin app;
  private final Settings settings;
  private final String schemaVersion;

  private MetadataService(Javalin app, Settings settings, String schemaVersion) {
    this.app = app;
    this.settings = settings;
    this.schemaVersion = schemaVersion;
  }

  /**
   * The JSON mapper of the API: snake_case, ISO-8601 instants, strict about unknown fields and
   * trailing data.
   */
  static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new Jdk8Module())
        .addModule(new JavaTimeModule())
        .addModule(new SimpleModule().addDeserializer(Instant.class, new StrictInstant()))
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        // no JSON type stands in for another: 5 is not "5", 1.5 not 1, 1 not an enum or an instant
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.DateTime,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
        .build();
  }

  /**
   * An instant only as ISO-8601 text ({@code 2026-01-02T03:04:05Z}), from year 1 to 9999, as
   * PostgreSQL stores it: not a number of seconds, and not one the database would refuse.
   */
  private static final class StrictInstant extends StdDeserializer<Instant> {
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    StrictInstant() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        return (Instant)
            context.handleUnexpectedToken(
                Instant.class,
                parser.currentToken(),
                parser,
                "expected an ISO-8601 instant as text, e.g. \"2026-01-02T03:04:05Z\"");
      }
      String text = parser.getText();
      Instant instant;
      try {
        instant = Instant.parse(text);
      } catch (DateTimeParseException e) {
        return (Instant)
            context.handleWeirdStringValue(
                Instant.class, text, "expected an ISO-8601 instant, e.g. 2026-01-02T03:04:05Z");
      }
      if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
        return (Instant)
            context.handleWeirdStringValue(Instant.class, text, "out of range: years 1 to 9999");
      }
      return instant;
    }
  }

  /**
   * Starts the service on a database whose schema is migrated, on the system clock, with the web UI
   * at {@code /} reading logs and artifacts from {@code datastore}; returns once it accepts
   * requests.
   */
  static MetadataService start(
      Settings settings, DataSource dataSource, String schemaVersion, DatastoreReader datastore) {
    return start(settings, dataSource, schemaVersion, Clock.systemUTC(), datastore);
  }

  /**
   * Starts the service on a database whose schema is migrated; every time it records (creation,
   * start, end, heartbeat) and every heartbeat's age is read from {@code clock}; the web UI at
   * {@code /} reads logs and artifacts from {@code datastore}. Returns once it accepts requests.
   */
  static MetadataService start(
      Settings settings,
      DataSource dataSource,
      String schemaVersion,
      Clock clock,
      DatastoreReader datastore) {
    ObjectMapper mapper = mapper();
    Jdbi jdbi = Jdbi.create(dataSource);
    jdbi.registerArrayType(String.class, "text");
    MetadataRepository repository =
        new MetadataRepository(jdbi, settings.heartbeatTimeout(), clock);
    Javalin app =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.maxRequestSize = settings.maxBodyBytes();
              config.http.defaultContentType = "application/json";
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.router.ignoreTrailingSlashes = true;
              config.jetty.modifyServer(
                  server -> server.setErrorHandler(new JsonErrorHandler(mapper)));
            });
    MetadataService service = new MetadataService(app, settings, schemaVersion);
    service.routes(repository, mapper);
    new WebUi(
            new DatabaseRunCatalog(repository),
            datastore,
            settings.authDisabled() ? UiAccess.open() : UiAccess.token(settings.token()),
            clock)
        .register(app);
    app.start(settings.host(), settings.port());
    return service;
  }

  private void routes(MetadataRepository repository, ObjectMapper mapper) {
    app.get(
        "/health",
        ctx -> {
          boolean up = healthy(repository);
          ctx.status(up ? 200 : 503)
              .json(
                  Map.of(
                      "status", up ? "ok" : "unavailable", "database", up ? "ok" : "unreachable"));
        });
    app.get(
        "/version",
        ctx -> {
          Map<String, Object> version = new LinkedHashMap<>();
          version.put("service", "fluxo-metadata");
          version.put("version", FluxoVersion.current());
          version.put("api", API);
          version.put("schema_version", schemaVersion);
          ctx.json(version);
        });
    app.before("/" + API + "/*", MetadataService::requireJsonBody);
    if (settings.authDisabled()) {
      app.before("/" + API + "/*", MetadataService::requireLoopbackHost);
    } else {
      byte[] expected = digest(settings.token());
      RefusalLog refusals = new RefusalLog();
      app.before("/" + API + "/*", ctx -> authenticate(ctx, expected, refusals));
    }
    new MetadataApi(repository, mapper, settings.maxBodyBytes()).register(app);

    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(
        HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
    app.exception(JdbiException.class, (e, ctx) -> databaseError(ctx, e));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("Cannot answer {} {}", ctx.method(), ctx.path(), e);
          error(ctx, 500, "Internal error: " + e.getClass().getSimpleName());
        });
  }

  private static boolean healthy(MetadataRepository repository) {
    try {
      return repository.healthy();
    } catch (RuntimeException e) {
      LOG.warn("Database health check failed: {}", e.getMessage());
      return false;
    }
  }

  /**
   * Compares digests in constant time, so neither the token's content nor its length leaks through
   * timing; the scheme's name is case-insensitive (RFC 7235). Refusals are logged, at most one line
   * per {@link #AUTH_LOG_INTERVAL}.
   */
  private static void authenticate(Context ctx, byte[] expected, RefusalLog refusals) {
    String header = ctx.header("Authorization");
    boolean ok =
        header != null
            && header.regionMatches(true, 0, "Bearer ", 0, 7)
            && MessageDigest.isEqual(digest(header.substring(7).trim()), expected);
    if (!ok) {
      refusals.refused(ctx.ip());
      ctx.header("WWW-Authenticate", "Bearer realm=\"fluxo\"");
      throw new ApiException(
          401,
          header == null
              ? "Missing bearer token: send Authorization: Bearer <token>"
              : "Invalid bearer token");
    }
  }

  /** Counts refused authentications and logs them, one line per interval at most. */
  private static final class RefusalLog {
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong();

    void refused(String from) {
      long refused = count.incrementAndGet();
      long now = System.nanoTime();
      long last = lastLogged.get();
      if ((last == 0 || now - last >= AUTH_LOG_INTERVAL.toNanos())
          && lastLogged.compareAndSet(last, now)) {
        LOG.warn(
            "Refused {} request(s) without a valid bearer token so far; the last from {}",
            refused,
            from);
      }
    }
  }

  /**
   * A write with a body must declare it JSON: a web page can send a cross-site form or {@code
   * text/plain} body without asking, never an {@code application/json} one.
   */
  private static void requireJsonBody(Context ctx) {
    String method = ctx.method().name();
    boolean write = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    boolean hasBody = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
    String type = ctx.contentType();
    if (write
        && hasBody
        && (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))) {
      throw new ApiException(
          415, "Unsupported content type " + type + ": send the body as application/json");
    }
  }

  /**
   * Without authentication, answers only requests addressed to this machine by name: a page on
   * another site whose name was rebound to 127.0.0.1 sends its own name as {@code Host}.
   */
  private static void requireLoopbackHost(Context ctx) {
    String host = ctx.host();
    String name = host == null ? "" : host.replaceFirst(":\\d+$", "").replaceAll("^\\[|\\]$", "");
    if (!LOOPBACK.contains(name)) {
      throw new ApiException(
          403, "Forbidden host " + host + ": without authentication, use 127.0.0.1 or localhost");
    }
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Maps constraint and data errors the checks did not catch onto 4xx; anything else is a 500. */
  private static void databaseError(Context ctx, JdbiException e) {
    String state = sqlState(e);
    // messages say what was wrong with the request, never how the schema is built
    if (state != null && state.equals("23505")) {
      error(ctx, 409, "Conflict: the record already exists (another request may have written it)");
    } else if (state != null && state.equals("23503")) {
      error(ctx, 404, "Cannot write: the record it belongs to does not exist");
    } else if (state != null && (state.equals("23514") || state.equals("23502"))) {
      error(ctx, 400, "Invalid value: a field is missing or out of its range");
    } else if (state != null && state.startsWith("22")) {
      error(ctx, 400, "Invalid value: " + valueMessage(e));
    } else {
      LOG.error("Database error on {} {}", ctx.method(), ctx.path(), e);
      error(
          ctx,
          500,
          "Internal error: the database failed"
              + (state == null ? "" : " (SQLSTATE " + state + ")"));
    }
  }

  private static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }

  /** What PostgreSQL said of a value it refused (a data exception), without its details. */
  private static String valueMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof org.postgresql.util.PSQLException psql
          && psql.getServerErrorMessage() != null) {
        return psql.getServerErrorMessage().getMessage();
      }
    }
    return "refused by the database";
  }

  private static void error(Context ctx, int status, String message) {
    ctx.status(status).json(new ErrorBody(message, status));
  }

  /** The port the service listens on. */
  int port() {
    return app.port();
  }

  /** The service's base URL, e.g. {@code http://127.0.0.1:8780}. */
  URI url() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** Stops accepting requests and waits for those in flight. */
  @Override
  public void close() {
    app.stop();
  }
}
