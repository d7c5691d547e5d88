package org.homefirst.workers.voluntary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.voluntary.VoluntarySimulator;
import org.homefirst.workers.partners.AwaitingPartner;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.homefirst.workers.jobs.BpmnRefusal;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code homefirst.voluntary.request-support} with the real adapter, the simulator and PostgreSQL. */
class VoluntarySupportRequestsTest {

  private final JdbcClient db = PartnerTestDatabase.jdbc();
  private VoluntarySimulator simulator;
  private VoluntarySupportRequests worker;
  private long jobKey;
  private String referralId;

  @BeforeEach
  void start() {
    simulator = VoluntarySimulator.start(0);
    VoluntaryProperties properties = new VoluntaryProperties(simulator.baseUrl(), Duration.ofMillis(400), 2,
        Duration.ofMillis(10), null, Duration.ofMinutes(5), Duration.ofSeconds(5), false, 0,
        Map.of("redcross-hnh", new VoluntaryProperties.Service("British Red Cross Help Not Hospital",
            "hnh.referrals@example.org")));
    worker = new VoluntarySupportRequests(new VoluntaryServices(properties.baseUrl(),
        new PartnerHttp(VoluntaryServices.SYSTEM, properties.http(), PartnerTestDatabase.exchanges()),
        PartnerTestDatabase.referrals(), db, Clock.systemUTC(), properties.services()), properties);
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    referralId = UUID.randomUUID().toString();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private VoluntarySupportRequests.Variables to(String service) {
    return new VoluntarySupportRequests.Variables(referralId, service, "9434765919", "Ada", "Jones", "lbh",
        "bhrut-queens", "Ward 7", "2026-11-24T11:00:00");
  }

  private int outboxRows() {
    return db.sql("select count(*) from partner_outbox where idempotency_key = ?").param(Idempotency.key(jobKey))
        .query(Integer.class).single();
  }

  @Test
  void anAcceptedReferralCompletesAndARetryMakesNoSecond() {
    Map<String, Object> first = worker.handle(to("redcross-hnh"), jobKey);
    Map<String, Object> retried = worker.handle(to("redcross-hnh"), jobKey);

    String reference = simulator.referrals().get(0).reference();
    assertThat(first).isEqualTo(Map.of("voluntarySupportStatus", "accepted", "voluntaryReferralReference", reference));
    assertThat(retried).isEqualTo(first);
    assertThat(simulator.referrals()).singleElement().satisfies(r -> {
      assertThat(r.service()).isEqualTo("redcross-hnh");
      assertThat(r.idempotencyKey()).isEqualTo(Idempotency.key(jobKey));
    });
  }

  @Test
  void aDeclineIsTheBpmnErrorWithItsReason() {
    simulator.declining("No volunteers free on the discharge day");

    assertThatThrownBy(() -> worker.handle(to("ageuk-escort"), jobKey))
        .isInstanceOfSatisfying(BpmnRefusal.class, e -> {
          assertThat(e.code()).isEqualTo("homefirst.rejected");
          assertThat(e.variables()).containsEntry("rejectionReason", "No volunteers free on the discharge day");
        });
  }

  @Test
  void aReferralInTriageIsPolled() {
    simulator.triaging();
    assertThatThrownBy(() -> worker.handle(to("redcross-hnh"), jobKey)).isInstanceOf(AwaitingPartner.class);

    simulator.decide(simulator.referrals().get(0).reference(), true, null);

    assertThat(worker.handle(to("redcross-hnh"), jobKey)).containsEntry("voluntarySupportStatus", "accepted");
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void whenTheApiIsDownTheReferralGoesByEmailOnce() {
    simulator.down();

    Map<String, Object> result = worker.handle(to("redcross-hnh"), jobKey);
    simulator.up();
    Map<String, Object> retried = worker.handle(to("redcross-hnh"), jobKey);

    assertThat(result).containsEntry("voluntarySupportStatus", "referred-by-email");
    assertThat(retried).isEqualTo(result);
    assertThat(outboxRows()).isEqualTo(1);
    assertThat(db.sql("select recipient, body from partner_outbox where idempotency_key = ?")
        .param(Idempotency.key(jobKey)).query((rs, n) -> rs.getString(1) + "|" + rs.getString(2)).single())
        .startsWith("hnh.referrals@example.org|")
        .contains("NHS number 943 476 5919");
    assertThat(simulator.referrals()).as("no API referral once it went by e-mail").isEmpty();
  }

  @Test
  void withoutAnEmailFallbackADownApiIsAFault() {
    simulator.down();

    assertThatThrownBy(() -> worker.handle(to("ageuk-escort"), jobKey)).isInstanceOf(PartnerUnavailable.class);
    assertThat(outboxRows()).isZero();
  }

  @Test
  void anUnknownStatusIsBadDataAndNothingIsStored() {
    simulator.behave(Behaviour.UNKNOWN_CODES);

    assertThatThrownBy(() -> worker.handle(to("redcross-hnh"), jobKey))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("unknown referral status waitlisted");
    assertThat(PartnerTestDatabase.referrals().byKey(Idempotency.key(jobKey))).isEmpty();
  }

  @Test
  void noVoluntaryServiceForTheBoroughMeansNoCall() {
    assertThat(worker.handle(to("none"), jobKey)).isEqualTo(Map.of("voluntarySupportStatus", "none"));
    assertThat(simulator.requestCount()).isZero();
  }
}
