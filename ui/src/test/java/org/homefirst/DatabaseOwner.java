package org.homefirst;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import org.postgresql.Driver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The test database as the schema's owner ({@code spring.flyway.user}), for what the application's
 * role may not do: set an audit row's date back, install a trigger that makes a write fail.
 */
public final class DatabaseOwner {

  private DatabaseOwner() {}

  public static JdbcClient jdbc(EmbeddedPostgres postgres, String owner) {
    return JdbcClient.create(new SimpleDriverDataSource(new Driver(),
        "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", owner, ""));
  }

  /** The SQL state of the database's refusal behind an exception (42501: permission denied). */
  public static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }
}
