package io.fluxo.service;

import io.fluxo.runtime.client.DatastoreReader;
import io.fluxo.runtime.config.ConfigSources;
import io.fluxo.runtime.config.FluxoConfig;
import io.fluxo.runtime.error.UsageException;
import io.fluxo.runtime.spi.FluxoVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flow service}: runs the metadata service until the process is stopped, after applying the
 * schema's pending migrations. {@code flow service migrate} only applies them.
 */
@Command(
    name = "service",
    mixinStandardHelpOptions = true,
    versionProvider = ServiceCommand.Version.class,
    description = {
      "Run the metadata service: REST over PostgreSQL, and the web UI at /"
          + " (artifacts and logs from the configured datastore).",
      "The bearer token comes from $FLUXO_SERVICE_TOKEN (else $FLUXO_METADATA_TOKEN); the database password from $FLUXO_DB_PASSWORD."
    },
    subcommands = ServiceCommand.Migrate.class)
public final class ServiceCommand implements Callable<Integer> {
  /** What {@code --version} prints. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Fluxo metadata service " + FluxoVersion.current()};
    }
  }

  /** The service's default port. */
  static final int DEFAULT_PORT = 8780;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--port",
      paramLabel = "N",
      description = "Port to listen on. Default: $FLUXO_SERVICE_PORT, else " + DEFAULT_PORT + ".")
  Integer port;

  @Option(
      names = "--no-auth",
      description =
          "Accept requests without a bearer token. Only for local use: anyone who can reach the port can read and change metadata.")
  boolean noAuth;

  @Option(
      names = "--heartbeat-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "A running run silent this long reads as failed. Default: ${DEFAULT-VALUE}.")
  long heartbeatTimeoutSeconds;

  @Option(
      names = "--max-body-bytes",
      paramLabel = "N",
      defaultValue = "1048576",
      description = "Largest request body. Default: ${DEFAULT-VALUE}.")
  long maxBodyBytes;

  @Mixin DatabaseOptions database;
  @Spec CommandSpec spec;

  /** Reads environment variables; replaced in tests. */
  UnaryOperator<String> environment = System::getenv;

  @Override
  public Integer call() {
    Running running = start();
    try {
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "Fluxo metadata service "
              + FluxoVersion.current()
              + " listening on "
              + running.service().url());
      out.println(
          "Database: "
              + running.database().describe()
              + "; schema version "
              + running.schemaVersion());
      out.println(
          "Web UI: "
              + running.service().url()
              + "/ (artifacts and logs from "
              + running.datastore()
              + ")");
      out.println(
          "Point flows at it with --metadata service --metadata-url "
              + running.service().url()
              + (noAuth ? "" : " (and the token in FLUXO_METADATA_TOKEN)"));
      out.flush();
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                running.close();
                stopped.countDown();
              },
              "fluxo-service-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      stopped.await();
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.close();
      return 1;
    }
  }

  /**
   * Opens the database, applies migrations and starts the service; the caller closes the result.
   */
  Running start() {
    String token = token();
    if (noAuth) {
      spec.commandLine()
          .getErr()
          .println(
              "Warning: authentication is disabled (--no-auth); anyone who can reach "
                  + host
                  + " can read and change metadata.");
    } else if (token == null) {
      throw new UsageException(
          "Cannot start the service without a token: set FLUXO_SERVICE_TOKEN (or pass --no-auth for local use)");
    }
    if (heartbeatTimeoutSeconds < 1) {
      throw new UsageException(
          "Invalid value for option '--heartbeat-timeout': %d; it must be at least 1",
          heartbeatTimeoutSeconds);
    }
    int chosenPort = port != null ? port : intFromEnvironment("FLUXO_SERVICE_PORT", DEFAULT_PORT);
    MetadataService.Settings settings;
    try {
      settings =
          new MetadataService.Settings(
              host,
              chosenPort,
              noAuth ? null : token,
              noAuth,
              Duration.ofSeconds(heartbeatTimeoutSeconds),
              maxBodyBytes);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Cannot start the service: %s", e.getMessage());
    }
    DatastoreReader datastore = DatastoreReader.open(FluxoConfig.load());
    Database db = database.open(environment);
    try {
      String version = Migrations.apply(db.dataSource());
      return new Running(
          MetadataService.start(settings, db.dataSource(), version, datastore),
          db,
          version,
          datastore.location());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  private String token() {
    for (String name : new String[] {"FLUXO_SERVICE_TOKEN", "FLUXO_METADATA_TOKEN"}) {
      String value = environment.apply(name);
      if (value != null && !value.isBlank()) {
        return value.trim();
      }
    }
    return null;
  }

  private int intFromEnvironment(String name, int fallback) {
    String value = environment.apply(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("Invalid %s: '%s'; expected a port number", name, value);
    }
  }

  /**
   * A started service and its database, stopped together.
   *
   * @param service the service
   * @param database its database
   * @param schemaVersion the schema version after migration
   * @param datastore where the UI reads artifacts and logs
   */
  record Running(MetadataService service, Database database, String schemaVersion, String datastore)
      implements AutoCloseable {
    @Override
    public void close() {
      service.close();
      database.close();
    }
  }

  /** Where the metadata lives: a server by JDBC URL, or an embedded PostgreSQL. */
  static final class DatabaseOptions {
    @Option(
        names = "--db-url",
        paramLabel = "JDBC_URL",
        description =
            "PostgreSQL to use, e.g. jdbc:postgresql://localhost:5432/fluxo. Default: $FLUXO_DB_URL.")
    String url;

    @Option(
        names = "--db-user",
        paramLabel = "USER",
        description = "Database user. Default: $FLUXO_DB_USER, else fluxo.")
    String user;

    @Option(
        names = "--embedded",
        description =
            "Start an embedded PostgreSQL (for local use and demos) instead of connecting to one.")
    boolean embedded;

    @Option(
        names = "--embedded-dir",
        paramLabel = "DIR",
        description =
            "Data folder of the embedded PostgreSQL, kept between starts. Default: service-db in the local datastore folder.")
    Path embeddedDir;

    Database open(UnaryOperator<String> environment) {
      String jdbcUrl = url != null ? url : environment.apply("FLUXO_DB_URL");
      if (embedded) {
        if (url != null) {
          throw new UsageException("Cannot use --embedded with --db-url: choose one database");
        }
        Path dir =
            embeddedDir != null
                ? embeddedDir
                : ConfigSources.system().localRoot().resolve("service-db");
        return Database.embedded(dir.toAbsolutePath());
      }
      if (jdbcUrl == null || jdbcUrl.isBlank()) {
        throw new UsageException(
            "Missing database: pass --db-url (or set FLUXO_DB_URL), or --embedded for a local one");
      }
      String dbUser = user != null ? user : environment.apply("FLUXO_DB_USER");
      try {
        return Database.connect(
            jdbcUrl, dbUser == null ? "fluxo" : dbUser, environment.apply("FLUXO_DB_PASSWORD"));
      } catch (IllegalArgumentException e) {
        throw new UsageException("%s", e.getMessage());
      }
    }
  }

  /** {@code flow service migrate}: applies the schema's pending migrations and exits. */
  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Apply the metadata schema's pending migrations, then exit.")
  static final class Migrate implements Callable<Integer> {
    @Mixin DatabaseOptions database;
    @Spec CommandSpec spec;

    /** Reads environment variables; replaced in tests. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() {
      try (Database db = database.open(environment)) {
        String version = Migrations.apply(db.dataSource());
        spec.commandLine()
            .getOut()
            .println("Metadata schema of " + db.describe() + " is at version " + version + ".");
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
