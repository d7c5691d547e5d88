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

  private PartnerTestDatabase() {}

  public static synchronized JdbcClient jdbc() {
    if (db == null) {
      try {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            postgres.close();
          } catch (IOException ignored) {
            // the JVM is going anyway
          }
        }));
        DataSource dataSource = postgres.getPostgresDatabase();
        Resource[] migrations = new PathMatchingResourcePatternResolver()
            .getResources("classpath*:db/migration/V10?__*.sql");
        Arrays.sort(migrations, Comparator.comparing(Resource::getFilename));
        new ResourceDatabasePopulator(migrations).execute(dataSource);
        db = JdbcClient.create(dataSource);
      } catch (IOException e) {
        throw new IllegalStateException("cannot start embedded PostgreSQL", e);
      }
    }
    return db;
  }

  public static PartnerExchanges exchanges() {
    return new PartnerExchanges(jdbc(), Clock.systemUTC());
  }

  public static PartnerReferrals referrals() {
    return new PartnerReferrals(jdbc(), Clock.systemUTC());
  }
}
