package io.fluxo.service;

import io.fluxo.runtime.error.PlatformException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The service's schema, versioned by Flyway from {@code db/migration/postgres/V<n>__<name>.sql}.
 * Applying is idempotent: a database already at the newest version is left as it is.
 */
final class Migrations {
  static final String LOCATION = "classpath:db/migration/postgres";

  private Migrations() {}

  /** Applies every pending migration and returns the schema version the database is then at. */
  static String apply(DataSource dataSource) {
    try {
      Flyway flyway = Flyway.configure().dataSource(dataSource).locations(LOCATION).load();
      flyway.migrate();
      MigrationVersion version = flyway.info().current().getVersion();
      return version.getVersion();
    } catch (FlywayException e) {
      throw new PlatformException(e, "Cannot migrate the metadata schema: %s", e.getMessage());
    }
  }
}
