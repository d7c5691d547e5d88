package org.homefirst.workers.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.TestJob;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Cancelling a referral's open requests when the patient declines support, on PostgreSQL. */
class ServiceRequestCancellationTest {

  private static final Instant FIRST = Instant.parse("2026-11-23T12:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-24T12:00:00Z");

  private final JdbcClient db = TestDatabase.jdbc();

  @Test
  void everyOpenRequestOfTheReferralIsCancelledAndNoOtherReferralsRequest() {
    UUID referral = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    request(referral, "tta");
    request(referral, "transport");
    request(other, "tta");

    Map<String, Object> result = worker(FIRST).cancel(job(referral));

    assertThat(result).containsEntry("cancelledServiceRequests", 2);
    assertThat(cancelledAt(referral)).containsOnly(Timestamp.from(FIRST));
    assertThat(cancelledAt(other)).containsOnlyNulls();
  }

  @Test
  void theSameJobRetriedChangesNothing() {
    UUID referral = UUID.randomUUID();
    request(referral, "tta");
    TestJob job = job(referral);
    worker(FIRST).cancel(job);
    request(referral, "equipment");

    Map<String, Object> again = worker(LATER).cancel(job);

    assertThat(again).containsEntry("cancelledServiceRequests", 1);
    assertThat(cancelledAt(referral)).containsExactlyInAnyOrder(Timestamp.from(FIRST), null);
  }

  @Test
  void aLaterDeclineCancelsOnlyWhatIsStillOpen() {
    UUID referral = UUID.randomUUID();
    request(referral, "tta");
    worker(FIRST).cancel(job(referral));
    request(referral, "transport");

    Map<String, Object> result = worker(LATER).cancel(job(referral));

    assertThat(result).containsEntry("cancelledServiceRequests", 1);
    assertThat(cancelledAt(referral)).containsExactlyInAnyOrder(Timestamp.from(FIRST), Timestamp.from(LATER));
  }

  private ServiceRequestCancellation worker(Instant now) {
    return new ServiceRequestCancellation(db, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static TestJob job(UUID referral) {
    return TestJob.of("homefirst.journey.cancel-service-requests", Map.of("referralId", referral.toString()));
  }

  private void request(UUID referral, String kind) {
    db.sql("""
            insert into hospital_request (job_key, referral_id, kind, description, ward, requested_at)
            values (?, ?, ?, ?, 'Ward 7', now())""")
        .params(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), referral, kind, kind)
        .update();
  }

  private List<Timestamp> cancelledAt(UUID referral) {
    return db.sql("select cancelled_at from hospital_request where referral_id = ?")
        .param(referral).query((rs, n) -> rs.getTimestamp(1)).list();
  }
}
