package io.fluxo.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxo.runtime.error.PlatformException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * The PostgreSQL database the service keeps metadata in, behind a connection pool: a server given
 * by its JDBC URL, or an embedded PostgreSQL (a real server from Maven, started as a child process)
 * for local use, demos and tests. Closing it closes the pool and stops an embedded server.
 */
final class Database implements AutoCloseable {
  /** Connections the pool keeps at most. */
  static final int POOL_SIZE = 16;

  private final HikariDataSource pool;
  private final EmbeddedPostgres embedded;
  private final String description;

  private Database(HikariDataSource pool, EmbeddedPostgres embedded, String description) {
    this.pool = pool;
    this.embedded = embedded;
    this.description = description;
  }

  /** A pool on the server at {@code jdbcUrl}; {@code password} may be null. */
  static Database connect(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "Invalid database URL " + jdbcUrl + ": expected jdbc:postgresql://host:port/database");
    }
    return new Database(pool(jdbcUrl, user, password), null, jdbcUrl);
  }

  private static HikariDataSource pool(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(POOL_SIZE);
    config.setPoolName("fluxo-metadata");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new PlatformException(
          e, "Cannot connect to the database %s as %s: %s", jdbcUrl, user, e.getMessage());
    }
  }

  /**
   * Starts an embedded PostgreSQL on a free port of 127.0.0.1 whose data lives in {@code dataDir}
   * (kept between starts, and then durable: fsync and synchronous commits on), or in a temporary
   * folder removed on close if {@code dataDir} is null (fast settings: nothing to keep). Either way
   * it takes a password, random and kept in {@value #PASSWORD_FILE} (mode 0600) in its data folder,
   * so that no other local user can connect past the service's token.
   *
   * @throws PlatformException with one line if it cannot start, e.g. because a PostgreSQL left
   *     running by a killed service holds {@code dataDir} (the message names its PID)
   */
  static Database embedded(Path dataDir) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        refuseStaleServer(dataDir);
        builder
            .setDataDirectory(dataDir)
            .setCleanDataDirectory(false)
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
        Path kept = dataDir.resolve(PASSWORD_FILE);
        if (Files.exists(kept)) {
          // the start-up check connects too
          builder.setConnectConfig("password", Files.readString(kept).strip());
        }
      }
      AtomicReference<Path> data = new AtomicReference<>();
      builder.setDataDirectoryCustomizer(
          dir -> {
            data.set(dir.toPath());
            if (Files.exists(dir.toPath().resolve(PASSWORD_FILE))) {
              requirePasswords(dir.toPath());
            }
          });
      EmbeddedPostgres postgres = builder.start();
      HikariDataSource pool;
      try {
        String password = password(postgres, data.get());
        pool = pool(postgres.getJdbcUrl(SUPERUSER, "postgres"), SUPERUSER, password);
      } catch (RuntimeException | IOException | SQLException e) {
        postgres.close();
        throw e;
      }
      return new Database(
          pool,
          postgres,
          "embedded PostgreSQL on port "
              + postgres.getPort()
              + (dataDir == null ? " (temporary data)" : " (data in " + dataDir + ")"));
    } catch (IOException | SQLException | IllegalStateException e) {
      throw new PlatformException(
          e,
          "Cannot start an embedded PostgreSQL%s: %s",
          dataDir == null ? "" : " in " + dataDir,
          e.getMessage());
    }
  }

  /** The file in the data folder holding the embedded server's password. */
  static final String PASSWORD_FILE = "fluxo-password";

  private static final String SUPERUSER = "postgres";

  /**
   * The superuser's password: the one kept in {@code dataDir}, or, on the first start (initdb
   * trusts local connections), a new random one, set, kept (0600) and then required.
   */
  private static String password(EmbeddedPostgres postgres, Path dataDir)
      throws IOException, SQLException {
    Path file = dataDir.resolve(PASSWORD_FILE);
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("ALTER USER " + SUPERUSER + " PASSWORD '" + password + "'");
      Files.writeString(
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
          password);
      requirePasswords(dataDir);
      statement.execute("SELECT pg_reload_conf()");
    }
    return password;
  }

  /** Makes the server in {@code dataDir} take passwords only, locally and over loopback TCP. */
  private static void requirePasswords(Path dataDir) {
    try {
      Files.writeString(
          dataDir.resolve("pg_hba.conf"),
          "# written by Fluxo: every connection gives the password in "
              + PASSWORD_FILE
              + "\nlocal all all scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\nhost all"
              + " all ::1/128 scram-sha-256\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails naming the PID when a PostgreSQL that a killed service left running holds the folder. */
  private static void refuseStaleServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
    try {
      long pid = Long.parseLong(first);
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        throw new IllegalStateException(
            "a PostgreSQL left running by an earlier service (PID "
                + pid
                + ", in "
                + pidFile
                + ") holds it; stop it with 'kill "
                + pid
                + "' and start the service again");
      }
    } catch (NumberFormatException e) {
      // not a PID: PostgreSQL itself reports the file when it starts
    }
  }

  DataSource dataSource() {
    return pool;
  }

  /**
   * The database for messages: its URL or the embedded server's port and folder, never a password.
   */
  String describe() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new PlatformException(e, "Cannot stop the embedded PostgreSQL: %s", e.getMessage());
      }
    }
  }
}
