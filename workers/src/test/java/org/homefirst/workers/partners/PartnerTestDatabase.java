package org.homefirst.workers.partners;

import java.time.Clock;
import org.homefirst.workers.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The workers' test PostgreSQL ({@link TestDatabase}), with the partner records over it. */
public final class PartnerTestDatabase {

  private PartnerTestDatabase() {}

  public static JdbcClient jdbc() {
    return TestDatabase.jdbc();
  }

  /** A new, empty database: see {@link TestDatabase#fresh()}. */
  public static JdbcClient fresh() {
    return TestDatabase.fresh();
  }

  public static PartnerExchanges exchanges() {
    return new PartnerExchanges(jdbc(), Clock.systemUTC());
  }

  public static PartnerReferrals referrals() {
    return new PartnerReferrals(jdbc(), Clock.systemUTC());
  }
}
