package io.fluxo.service;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.fluxo.runtime.error.PlatformException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * (kept between starts), or in a temporary folder removed on close if {@code dataDir} is null.
   */
  static Database embedded(Path dataDir) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
      if (dataDir != null) {
        Files.createDirectories(dataDir);
        builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
      }
      EmbeddedPostgres postgres = builder.start();
      HikariDataSource pool;
      try {
        pool = pool(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null);
      } catch (RuntimeException e) {
        postgres.close();
        throw e;
      }
      return new Database(
          pool,
          postgres,
          "embedded PostgreSQL on port "
              + postgres.getPort()
              + (dataDir == null ? " (temporary data)" : " (data in " + dataDir + ")"));
    } catch (IOException e) {
      throw new PlatformException(
          e,
          "Cannot start an embedded PostgreSQL%s: %s",
          dataDir == null ? "" : " in " + dataDir,
          e.getMessage());
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
