package org.homefirst.workers.partners;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import javax.sql.DataSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real PostgreSQL for the workers' tests, started once per test run, with the workers' own
 * migrations (V100-V109) applied in order.
 */
public final class PartnerTestDatabase {

  private static JdbcClient db;
  private static EmbeddedPostgres postgres;
  private static int databases;

  private PartnerTestDatabase() {}

  public static synchronized JdbcClient jdbc() {
    if (db == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is going anyway
          }
        }));
        db = migrated(postgres.getPostgresDatabase());
      } catch (IOException e) {
        throw new IllegalStateException("cannot start embedded PostgreSQL", e);
      }
    }
    return db;
  }

  /**
   * A new, empty database with the migrations applied: for tests whose engine starts afresh each
   * time (Zeebe Process Test), so that job keys, which restart with the engine, meet no old rows.
   */
  public static synchronized JdbcClient fresh() {
    jdbc();
    String name = "workers_" + (++databases);
    db.sql("create database " + name).update();
    return migrated(postgres.getDatabase("postgres", name));
  }

  private static JdbcClient migrated(DataSource dataSource) {
    try {
      Resource[] migrations = new PathMatchingResourcePatternResolver()
          .getResources("classpath*:db/migration/V10?__*.sql");
      Arrays.sort(migrations, Comparator.comparing(Resource::getFilename));
      new ResourceDatabasePopulator(migrations).execute(dataSource);
      return JdbcClient.create(dataSource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the migrations", e);
    }
  }

  public static PartnerExchanges exchanges() {
    return new PartnerExchanges(jdbc(), Clock.systemUTC());
  }

  public static PartnerReferrals referrals() {
    return new PartnerReferrals(jdbc(), Clock.systemUTC());
  }
}
