package io.fluxo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fluxo.runtime.error.PlatformException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL of {@code flow service --embedded}: durable, and closed to others. */
class EmbeddedDatabaseIT {
  @TempDir Path dir;

  @Test
  void keptData_isDurable_andTakesOnlyItsPassword_acrossRestarts() throws Exception {
    Path data = dir.resolve("service-db");
    int port;
    try (Database database = Database.embedded(data)) {
      port = Integer.parseInt(query(database, "SELECT inet_server_port()"));
      assertThat(query(database, "SHOW fsync")).isEqualTo("on");
      assertThat(query(database, "SHOW synchronous_commit")).isEqualTo("on");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(data.resolve(Database.PASSWORD_FILE))))
          .isEqualTo("rw-------");
      String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess").close())
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed");
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", null).close())
          .isInstanceOf(SQLException.class);
    }
    try (Database again = Database.embedded(data)) {
      assertThat(query(again, "SELECT 1")).isEqualTo("1");
    }
  }

  @Test
  void aServerLeftRunning_isNamedByItsPid() throws Exception {
    Path data = Files.createDirectories(dir.resolve("held"));
    long alive = ProcessHandle.current().pid();
    Files.writeString(data.resolve("postmaster.pid"), alive + "\n" + data + "\n");

    assertThatThrownBy(() -> Database.embedded(data))
        .isInstanceOf(PlatformException.class)
        .hasMessageContaining("PID " + alive)
        .hasMessageContaining("kill " + alive);
  }

  private static String query(Database database, String sql) throws SQLException {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getString(1);
    }
  }
}
