package org.homefirst.workers.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.TestJob;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.homefirst.workers.withdrawal.WithdrawalProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cancelling a referral's open requests when the patient declines support, on PostgreSQL: the
 * hospital's requests, and the partners' referrals withdrawn over HTTP from their simulators.
 */
class ServiceRequestCancellationTest {

  private static final Instant FIRST = Instant.parse("2026-11-23T12:00:00Z");
  private static final Instant LATER = Instant.parse("2026-11-24T12:00:00Z");

  private final JdbcClient db = TestDatabase.jdbc();
  private final OpenPartnerReferrals partners = new OpenPartnerReferrals(db);

  @AfterEach
  void stop() {
    partners.close();
  }

  @Test
  void everyOpenRequestOfTheReferralIsCancelledAndNoOtherReferralsRequest() {
    UUID referral = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    request(referral, "tta");
    request(referral, "transport");
    request(other, "tta");

    Map<String, Object> result = worker(FIRST).handle(job(referral));

    assertThat(result).containsEntry("cancelledServiceRequests", 2).containsEntry("withdrawnPartnerReferrals", 0);
    assertThat(cancelledAt(referral)).containsOnly(Timestamp.from(FIRST));
    assertThat(cancelledAt(other)).containsOnlyNulls();
  }

  @Test
  void aDeclineWithdrawsEveryOpenPartnerReferralAndARetryOfTheJobChangesNothing() {
    UUID referral = UUID.randomUUID();
    request(referral, "tta");
    request(referral, "equipment");
    partners.nelftBed(referral);
    partners.councilCarePackage(referral);
    Job job = job(referral);

    Map<String, Object> result = worker(FIRST).handle(job);

    assertThat(result).containsEntry("cancelledServiceRequests", 2).containsEntry("withdrawnPartnerReferrals", 2);
    assertThat(partners.nelftSimulator.referrals()).singleElement().satisfies(r -> {
      assertThat(r.taskStatus()).isEqualTo("cancelled");
      assertThat(r.statusReason()).isEqualTo("Patient declined support");
    });
    assertThat(partners.havering.referrals()).singleElement().satisfies(r -> {
      assertThat(r.status()).isEqualTo("cancelled");
      assertThat(r.reason()).isEqualTo("Patient declined support");
    });
    assertThat(partners.referrals.forReferral(referral)).extracting(PartnerReferral::status)
        .containsOnly("cancelled");

    int calls = partners.partnerRequests();
    Map<String, Object> again = worker(LATER).handle(job);

    assertThat(again).isEqualTo(result);
    assertThat(partners.partnerRequests()).as("no partner is called again").isEqualTo(calls);
    assertThat(cancelledAt(referral)).containsOnly(Timestamp.from(FIRST));
  }

  @Test
  void aPartnerThatIsDownFailsTheJobAndKeepsWhatWasDoneForItsRetry() {
    UUID referral = UUID.randomUUID();
    request(referral, "transport");
    partners.nelftBed(referral);
    partners.councilCarePackage(referral);
    partners.havering.down();
    Job job = job(referral);

    assertThatThrownBy(() -> worker(FIRST).handle(job)).isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("council-lbh");
    assertThat(cancelledAt(referral)).as("the hospital's cancellation is kept").containsOnly(Timestamp.from(FIRST));
    assertThat(partners.referrals.forReferral(referral)).extracting(PartnerReferral::system, PartnerReferral::status)
        .containsExactly(tuple("nelft", "cancelled"),
            tuple("council-lbh", "requested"));

    partners.havering.up();
    int nelftCalls = partners.nelftSimulator.requestCount();
    Map<String, Object> retried = worker(LATER).handle(job);

    assertThat(retried).containsEntry("cancelledServiceRequests", 1).containsEntry("withdrawnPartnerReferrals", 2);
    assertThat(partners.nelftSimulator.requestCount()).isEqualTo(nelftCalls);
    assertThat(partners.havering.referrals()).extracting(CouncilSimulator.StoredReferral::status)
        .containsExactly("cancelled");
    assertThat(cancelledAt(referral)).containsOnly(Timestamp.from(FIRST));
  }

  @Test
  void theSameJobRetriedChangesNothing() {
    UUID referral = UUID.randomUUID();
    request(referral, "tta");
    Job job = job(referral);
    worker(FIRST).handle(job);
    request(referral, "equipment");

    Map<String, Object> again = worker(LATER).handle(job);

    assertThat(again).containsEntry("cancelledServiceRequests", 1);
    assertThat(cancelledAt(referral)).containsExactlyInAnyOrder(Timestamp.from(FIRST), null);
  }

  @Test
  void aLaterDeclineCancelsOnlyWhatIsStillOpen() {
    UUID referral = UUID.randomUUID();
    request(referral, "tta");
    worker(FIRST).handle(job(referral));
    request(referral, "transport");

    Map<String, Object> result = worker(LATER).handle(job(referral));

    assertThat(result).containsEntry("cancelledServiceRequests", 1);
    assertThat(cancelledAt(referral)).containsExactlyInAnyOrder(Timestamp.from(FIRST), Timestamp.from(LATER));
  }

  @Test
  void afterADeathPartnersAreToldThatReason() {
    UUID referral = UUID.randomUUID();
    partners.nelftBed(referral);
    Job job = TestJob.of(ServiceRequestCancellation.JOB_TYPE,
        Map.of("referralId", referral.toString(), "withdrawalReason", "Patient died"));

    Map<String, Object> result = worker(FIRST).handle(job);

    assertThat(result).containsEntry("withdrawnPartnerReferrals", 1);
    assertThat(partners.nelftSimulator.referrals()).singleElement().satisfies(r -> {
      assertThat(r.taskStatus()).isEqualTo("cancelled");
      assertThat(r.statusReason()).isEqualTo("Patient died");
    });
  }

  private ServiceRequestCancellation worker(Instant now) {
    return new ServiceRequestCancellation(db, Clock.fixed(now, ZoneOffset.UTC), partners.withdrawals,
        new WithdrawalProperties(Duration.ofSeconds(30)));
  }

  private static Job job(UUID referral) {
    return TestJob.of(ServiceRequestCancellation.JOB_TYPE, Map.of("referralId", referral.toString()));
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
