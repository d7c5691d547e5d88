package org.homefirst.workers.partners;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code partner_referral} table: which downstream referral a job's idempotency key created,
 * and what the partner last said about it. A retried job reads its row here instead of asking
 * the partner for a second referral.
 */
public class PartnerReferrals {

  /** A referral held by a partner system for one of our jobs. */
  public record PartnerReferral(String system, String operation, String idempotencyKey, long jobKey, UUID referralId,
      String downstreamId, String status, String statusReason, Instant createdAt, Instant updatedAt) {}

  private final JdbcClient db;
  private final Clock clock;

  public PartnerReferrals(JdbcClient db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Optional<PartnerReferral> byKey(String idempotencyKey) {
    return db.sql(SELECT + " where idempotency_key = ?").param(idempotencyKey).query(PartnerReferrals::map).optional();
  }

  public Optional<PartnerReferral> byDownstreamId(String system, String downstreamId) {
    return db.sql(SELECT + " where system = ? and downstream_id = ?").params(system, downstreamId)
        .query(PartnerReferrals::map).optional();
  }

  public List<PartnerReferral> forReferral(UUID referralId) {
    return db.sql(SELECT + " where referral_id = ? order by id").param(referralId).query(PartnerReferrals::map).list();
  }

  /**
   * Records the downstream referral for a key; if a concurrent run of the same job recorded it
   * first, keeps that one and returns it.
   */
  public PartnerReferral record(String system, String operation, String idempotencyKey, long jobKey, UUID referralId,
      String downstreamId, String status, String statusReason) {
    Timestamp now = Timestamp.from(clock.instant());
    db.sql("""
            insert into partner_referral (system, operation, idempotency_key, job_key, referral_id, downstream_id,
                status, status_reason, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (idempotency_key) do nothing""")
        .params(system, operation, idempotencyKey, jobKey, referralId, downstreamId, status, statusReason, now, now)
        .update();
    return byKey(idempotencyKey).orElseThrow();
  }

  /** Records what the partner now says about a referral, unless we withdrew it. */
  public void updateStatus(String idempotencyKey, String status, String statusReason) {
    db.sql("""
            update partner_referral set status = ?, status_reason = ?, updated_at = ?
            where idempotency_key = ? and withdrawn_by_job is null""")
        .params(status, statusReason, Timestamp.from(clock.instant()), idempotencyKey)
        .update();
  }

  /**
   * Referrals of the systems matching {@code systemPattern} (SQL {@code like}, e.g.
   * {@code council-%}) that still wait for the partner's decision, oldest first.
   */
  public List<PartnerReferral> undecided(String systemPattern) {
    return db.sql(SELECT + " where status = 'requested' and system like ? order by id").param(systemPattern)
        .query(PartnerReferrals::map).list();
  }

  /**
   * Records the partner's decision on a referral that was waiting for one. Only the first
   * decision counts: a referral already decided, or withdrawn by us, is left as it is, so two
   * sources racing (a callback and a poll, two application instances) record it once.
   *
   * @return whether this call recorded it
   */
  public boolean decide(String idempotencyKey, String status, String statusReason) {
    return db.sql("""
            update partner_referral set status = ?, status_reason = ?, updated_at = ?
            where idempotency_key = ? and status = 'requested' and withdrawn_by_job is null""")
        .params(status, statusReason, Timestamp.from(clock.instant()), idempotencyKey)
        .update() == 1;
  }

  /**
   * Decided referrals of the matching systems whose decision has not reached the engine yet
   * (the engine was unreachable when it was recorded), oldest first.
   */
  public List<PartnerReferral> undelivered(String systemPattern) {
    return db.sql(SELECT + " where status <> 'requested' and decision_delivered_at is null"
            + " and withdrawn_by_job is null and system like ? order by id").param(systemPattern)
        .query(PartnerReferrals::map).list();
  }

  /** Records that the referral's decision reached the engine (a message, or the BPMN error of a refusal). */
  public void delivered(String idempotencyKey) {
    db.sql("update partner_referral set decision_delivered_at = ? where idempotency_key = ? and decision_delivered_at is null")
        .params(Timestamp.from(clock.instant()), idempotencyKey)
        .update();
  }

  /** Whether the referral's decision has reached the engine. */
  public boolean isDelivered(String idempotencyKey) {
    return db.sql("select decision_delivered_at is not null from partner_referral where idempotency_key = ?")
        .param(idempotencyKey).query(Boolean.class).optional().orElse(false);
  }

  /** Records that a job withdrew the referral (the partner confirmed it): {@code cancelled}. */
  public void withdrawn(String idempotencyKey, String reason, long byJob) {
    db.sql("""
            update partner_referral set status = 'cancelled', status_reason = ?, withdrawn_by_job = ?, updated_at = ?
            where idempotency_key = ?""")
        .params(reason, byJob, Timestamp.from(clock.instant()), idempotencyKey)
        .update();
  }

  /** How many of a journey's referrals that job has withdrawn, over all its attempts. */
  public int withdrawnBy(UUID referralId, long jobKey) {
    return db.sql("select count(*) from partner_referral where referral_id = ? and withdrawn_by_job = ?")
        .params(referralId, jobKey).query(Integer.class).single();
  }

  private static final String SELECT = """
      select system, operation, idempotency_key, job_key, referral_id, downstream_id, status, status_reason,
             created_at, updated_at
      from partner_referral""";

  private static PartnerReferral map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new PartnerReferral(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8),
        rs.getTimestamp(9).toInstant(), rs.getTimestamp(10).toInstant());
  }
}
