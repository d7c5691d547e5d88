package org.homefirst.workers.retention;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the workers keep about a referral, in the tables this module owns: every exchange with a
 * partner, the referrals partners hold for us, the e-mail outbox, notifications sent, CHC
 * commissioning. The application's retention purge asks this module to forget a referral whose
 * records have expired, in its own transaction, so no copy outlives the record.
 */
@Component
public class WorkerRecords {

  /** The tables, in the order their rows are removed. */
  static final List<String> TABLES =
      List.of("partner_exchange", "partner_referral", "partner_outbox", "notification", "chc_commissioning");

  private final JdbcClient db;

  WorkerRecords(JdbcClient db) {
    this.db = db;
  }

  /** Removes every row of these referrals from the workers' tables; the rows removed, by table. */
  public Map<String, Integer> forget(Collection<UUID> referralIds) {
    Map<String, Integer> removed = new LinkedHashMap<>();
    if (referralIds.isEmpty()) {
      return removed;
    }
    String[] ids = referralIds.stream().map(UUID::toString).toArray(String[]::new);
    for (String table : TABLES) {
      removed.put(table, db.sql("delete from " + table + " where referral_id = any(cast(? as uuid[]))")
          .param(ids).update());
    }
    return removed;
  }
}
