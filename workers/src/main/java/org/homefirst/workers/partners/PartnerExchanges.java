package org.homefirst.workers.partners;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code partner_exchange} table: one row per HTTP attempt to a partner, with its status,
 * duration and correlation id, so the journey shows every call and every retry (and every call an
 * open circuit breaker refused).
 */
public class PartnerExchanges {

  /** One recorded attempt. */
  public record Exchange(String system, String operation, String idempotencyKey, String correlationId,
      UUID referralId, int attempt, String requestSummary, Integer responseStatus, String outcome, String error,
      long durationMs, Instant at) {}

  private final JdbcClient db;
  private final Clock clock;

  public PartnerExchanges(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Instant now() {
    return clock.instant();
  }

  public Clock clock() {
    return clock;
  }

  public void record(Exchange e) {
    db.sql("""
            insert into partner_exchange (system, operation, idempotency_key, correlation_id, referral_id, attempt,
                request_summary, response_status, outcome, error, duration_ms, at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(e.system(), e.operation(), e.idempotencyKey(), e.correlationId(), e.referralId(), e.attempt(),
            e.requestSummary(), e.responseStatus(), e.outcome(), truncate(e.error()), e.durationMs(),
            Timestamp.from(e.at()))
        .update();
  }

  /** Re-labels the last attempt of a call once the adapter has read the answer (rejected, bad data). */
  public void relabelLast(String correlationId, String outcome, String error) {
    db.sql("""
            update partner_exchange set outcome = ?, error = ?
            where id = (select max(id) from partner_exchange where correlation_id = ?)""")
        .params(outcome, truncate(error), correlationId)
        .update();
  }

  /** Every exchange about a referral, oldest first (for the journey and for tests). */
  public List<Exchange> forReferral(UUID referralId) {
    return db.sql("""
            select system, operation, idempotency_key, correlation_id, referral_id, attempt, request_summary,
                   response_status, outcome, error, duration_ms, at
            from partner_exchange where referral_id = ? order by id""")
        .param(referralId)
        .query((rs, n) -> new Exchange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, UUID.class), rs.getInt(6), rs.getString(7), (Integer) rs.getObject(8), rs.getString(9),
            rs.getString(10), rs.getLong(11), rs.getTimestamp(12).toInstant()))
        .list();
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }
}
