package org.homefirst.workers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A real PostgreSQL for the workers' tests, started once per test run, with the tables the
 * workers use: a test copy of the application's {@code hospital_request}, then every workers
 * migration from {@code db/migration} in version order (the same files Flyway runs in the
 * application). Tests use fresh referral ids and job keys, so they share it safely.
 */
public final class TestDatabase {

  private static EmbeddedPostgres postgres;
  private static DataSource dataSource;
  private static JdbcClient client;
  private static int databases;

  private TestDatabase() {}

  public static synchronized JdbcClient jdbc() {
    if (client == null) {
      try {
        postgres = EmbeddedPostgres.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is ending anyway
          }
        }));
        dataSource = postgres.getPostgresDatabase();
        client = migrated(dataSource);
      } catch (IOException e) {
        throw new IllegalStateException("embedded PostgreSQL did not start", e);
      }
    }
    return client;
  }

  /** The shared database's data source (the engine's tables go there too, as in the application). */
  public static synchronized DataSource dataSource() {
    jdbc();
    return dataSource;
  }

  /**
   * A new, empty database with the same tables: for tests whose engine starts afresh each time
   * (none since the engine's ids come from its database), or that need a table to themselves.
   */
  public static synchronized JdbcClient fresh() {
    jdbc();
    String name = "workers_" + (++databases);
    client.sql("create database " + name).update();
    return migrated(postgres.getDatabase("postgres", name));
  }

  private static JdbcClient migrated(DataSource dataSource) {
    try {
      Resource[] migrations = new PathMatchingResourcePatternResolver().getResources("classpath*:db/migration/V1*__*.sql");
      Arrays.sort(migrations, Comparator.comparing(Resource::getFilename));
      List<Resource> scripts = new ArrayList<>();
      scripts.add(new ClassPathResource("db/test-schema/hospital_request.sql"));
      scripts.addAll(Arrays.asList(migrations));
      new ResourceDatabasePopulator(scripts.toArray(Resource[]::new)).execute(dataSource);
      return JdbcClient.create(dataSource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the migrations", e);
    }
  }
}
