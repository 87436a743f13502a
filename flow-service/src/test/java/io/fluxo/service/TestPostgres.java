package io.fluxo.service;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL per test JVM (started on first use, stopped when the JVM exits), and a
 * fresh database in it for each caller, so test classes never see each other's runs.
 */
final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres cluster;

  private TestPostgres() {}

  static synchronized EmbeddedPostgres cluster() {
    if (cluster == null) {
      try {
        EmbeddedPostgres started = EmbeddedPostgres.start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        started.close();
                      } catch (IOException e) {
                        // the JVM is exiting; the temporary cluster goes with it
                      }
                    }));
        cluster = started;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return cluster;
  }

  /** A new, empty database, migrated to the newest schema. */
  static Database freshDatabase() {
    String name = "fluxo_test_" + DATABASES.incrementAndGet();
    try (Connection connection = cluster().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    Database database = Database.connect(cluster().getJdbcUrl("postgres", name), "postgres", null);
    Migrations.apply(database.dataSource());
    return database;
  }
}
