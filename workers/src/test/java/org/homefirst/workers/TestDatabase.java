package org.homefirst.workers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A real PostgreSQL for the workers' tests, started once per test run, with the tables the
 * workers use: ours from {@code db/migration} (the same files Flyway runs in the application) and
 * a test copy of the application's {@code hospital_request}. Tests use fresh referral ids and job
 * keys, so they share it safely.
 */
public final class TestDatabase {

  private static final String[] SCRIPTS = {
    "db/test-schema/hospital_request.sql",
    "db/migration/V110__notifications.sql",
    "db/migration/V111__cancel_requests.sql",
    "db/migration/V112__chc_commissioning.sql",
  };

  private static JdbcClient client;

  private TestDatabase() {}

  public static synchronized JdbcClient jdbc() {
    if (client == null) {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        DataSource dataSource = postgres.getPostgresDatabase();
        try (Connection connection = dataSource.getConnection()) {
          for (String script : SCRIPTS) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource(script));
          }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is ending anyway
          }
        }));
        client = JdbcClient.create(dataSource);
      } catch (IOException | SQLException e) {
        throw new IllegalStateException("embedded PostgreSQL did not start", e);
      }
    }
    return client;
  }
}
