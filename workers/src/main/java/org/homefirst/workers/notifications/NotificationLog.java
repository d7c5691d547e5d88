package org.homefirst.workers.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code notification} table: one row per job and recipient, with its delivery. */
class NotificationLog {

  record Entry(String status, Integer responseCode, int attempts, Instant sentAt) {
    boolean delivered() {
      return !"PENDING".equals(status) && !"FAILED".equals(status);
    }
  }

  private final JdbcClient db;
  private final Clock clock;

  NotificationLog(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Creates the row for a delivery still to make, or returns the one a previous attempt left. */
  Entry open(long jobKey, UUID referralId, String recipient, String kind, String channel, String message) {
    db.sql("""
            insert into notification (job_key, referral_id, recipient, kind, channel, status, message, created_at)
            values (?, ?, ?, ?, ?, 'PENDING', ?, ?) on conflict (job_key, recipient) do nothing""")
        .params(jobKey, referralId, recipient, kind, channel, message, now())
        .update();
    return find(jobKey, recipient).orElseThrow();
  }

  /** Records a notice that needs no call out: an outbox row or a notice in a team's inbox. */
  Entry record(long jobKey, UUID referralId, String recipient, String kind, String channel, String status, String message) {
    db.sql("""
            insert into notification (job_key, referral_id, recipient, kind, channel, status, message, created_at, sent_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (job_key, recipient) do nothing""")
        .params(jobKey, referralId, recipient, kind, channel, status, message, now(),
            "RECORDED".equals(status) ? now() : null)
        .update();
    return find(jobKey, recipient).orElseThrow();
  }

  void sent(long jobKey, String recipient, int responseCode, int attempts) {
    db.sql("""
            update notification set status = 'SENT', response_code = ?, attempts = attempts + ?, sent_at = ?,
                   last_error = null
            where job_key = ? and recipient = ?""")
        .params(responseCode, attempts, now(), jobKey, recipient)
        .update();
  }

  void failed(long jobKey, String recipient, Integer responseCode, int attempts, String error) {
    db.sql("""
            update notification set status = 'FAILED', response_code = ?, attempts = attempts + ?, last_error = ?
            where job_key = ? and recipient = ?""")
        .params(responseCode, attempts, error, jobKey, recipient)
        .update();
  }

  Optional<Entry> find(long jobKey, String recipient) {
    return db.sql("select status, response_code, attempts, sent_at from notification where job_key = ? and recipient = ?")
        .params(jobKey, recipient)
        .query((rs, n) -> new Entry(
            rs.getString(1),
            (Integer) rs.getObject(2),
            rs.getInt(3),
            rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
        .optional();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }
}
