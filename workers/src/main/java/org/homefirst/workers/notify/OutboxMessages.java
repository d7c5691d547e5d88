package org.homefirst.workers.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.workers.notify.GovUkNotify.Channel;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two outboxes the relay empties: {@code partner_outbox} (e-mails to partners whose API was
 * down, and their withdrawals) and the {@code notification} rows on the {@code email-outbox} and
 * {@code sms-outbox} channels (messages to a patient's named contact). A row is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so relays on several application instances never take the same
 * one, and held for a lease rather than a lock, so no transaction stays open during a call to
 * Notify; the claim counts the attempt first, so a row whose sending was cut short (a crash) is
 * known to have perhaps reached Notify already.
 */
class OutboxMessages {

  /** Where a message waits. */
  enum Outbox {
    PARTNER_OUTBOX("partner_outbox", "homefirst-outbox-"),
    NOTIFICATION("notification", "homefirst-notification-");

    final String table;
    final String referencePrefix;

    Outbox(String table, String referencePrefix) {
      this.table = table;
      this.referencePrefix = referencePrefix;
    }
  }

  /** A claimed message; {@code attempts} counts this one. */
  record OutboxMessage(Outbox outbox, long id, UUID referralId, Channel channel, String recipient, String subject,
      String body, int attempts) {

    /** Notify's {@code reference}: unique per row, so an earlier send can be found again. */
    String reference() {
      return outbox.referencePrefix + id;
    }
  }

  /** Subjects of the named-contact messages, by notification kind (partner e-mails carry their own). */
  private static final Map<String, String> SUBJECTS = Map.of("contact-discharge", "Leaving hospital");
  private static final String DEFAULT_SUBJECT = "A message from the hospital discharge team";

  private final JdbcClient db;

  OutboxMessages(JdbcClient db) {
    this.db = db;
  }

  /** Claims the oldest message due in either outbox until {@code until}, or none. */
  Optional<OutboxMessage> claim(Instant now, Instant until) {
    Optional<OutboxMessage> partner = db.sql("""
            update partner_outbox o set attempts = o.attempts + 1, claimed_until = :until
            where o.id = (select id from partner_outbox
                          where status = 'QUEUED' and (next_attempt_at is null or next_attempt_at <= :now)
                            and (claimed_until is null or claimed_until <= :now)
                          order by id limit 1 for update skip locked)
            returning o.id, o.referral_id, o.recipient, o.subject, o.body, o.attempts""")
        .param("now", Timestamp.from(now)).param("until", Timestamp.from(until))
        .query((rs, n) -> new OutboxMessage(Outbox.PARTNER_OUTBOX, rs.getLong(1), rs.getObject(2, UUID.class),
            Channel.EMAIL, rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6)))
        .optional();
    if (partner.isPresent()) {
      return partner;
    }
    return db.sql("""
            update notification n set attempts = n.attempts + 1, claimed_until = :until
            where n.id = (select id from notification
                          where status = 'QUEUED' and channel in ('email-outbox', 'sms-outbox')
                            and (next_attempt_at is null or next_attempt_at <= :now)
                            and (claimed_until is null or claimed_until <= :now)
                          order by id limit 1 for update skip locked)
            returning n.id, n.referral_id, n.recipient, n.kind, n.channel, n.message, n.attempts""")
        .param("now", Timestamp.from(now)).param("until", Timestamp.from(until))
        .query(OutboxMessages::contactMessage)
        .optional();
  }

  void sent(OutboxMessage message, UUID notifyId, Instant at) {
    update(message, "status = 'SENT', sent_at = :at, notify_id = :notifyId, last_error = null"
        + (message.outbox() == Outbox.NOTIFICATION ? ", response_code = 201" : ""),
        Map.of("at", Timestamp.from(at), "notifyId", notifyId));
  }

  /** Leaves it queued, to be tried again from {@code at}. */
  void retryLater(OutboxMessage message, String error, Instant at) {
    update(message, "last_error = :error, next_attempt_at = :at", Map.of("error", error, "at", Timestamp.from(at)));
  }

  /** Leaves it queued and uncounted: the attempt never reached the point of sending. */
  void putBack(OutboxMessage message, String error) {
    update(message, "attempts = attempts - 1, last_error = :error", Map.of("error", error));
  }

  void failed(OutboxMessage message, String error) {
    update(message, "status = 'FAILED', last_error = :error", Map.of("error", error));
  }

  private void update(OutboxMessage message, String set, Map<String, Object> params) {
    db.sql("update " + message.outbox().table + " set " + set + ", claimed_until = null where id = :id")
        .params(params).param("id", message.id())
        .update();
  }

  private static OutboxMessage contactMessage(ResultSet rs, int n) throws SQLException {
    String recipient = rs.getString(3);
    return new OutboxMessage(Outbox.NOTIFICATION, rs.getLong(1), rs.getObject(2, UUID.class),
        "sms-outbox".equals(rs.getString(5)) ? Channel.SMS : Channel.EMAIL,
        recipient.startsWith("contact:") ? recipient.substring("contact:".length()) : recipient,
        SUBJECTS.getOrDefault(rs.getString(4), DEFAULT_SUBJECT), rs.getString(6), rs.getInt(7));
  }
}
