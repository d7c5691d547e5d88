package org.homefirst.workers.voluntary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.voluntary.VoluntarySimulator;
import org.homefirst.workers.jobs.BpmnRefusal;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code homefirst.handyperson.request-visit} with the real voluntary services adapter, its
 * simulator and PostgreSQL: one referral per job however often it runs, a refusal is the BPMN
 * error, a scheme that cannot be reached is a fault (or an e-mail when it has a fallback address).
 */
class HandypersonRequestsTest {

  private final JdbcClient db = PartnerTestDatabase.jdbc();
  private VoluntarySimulator simulator;
  private long jobKey;
  private String referralId;

  @BeforeEach
  void start() {
    simulator = VoluntarySimulator.start(0);
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    referralId = UUID.randomUUID().toString();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private HandypersonRequests worker(Map<String, VoluntaryProperties.Service> services) {
    VoluntaryProperties properties = new VoluntaryProperties(simulator.baseUrl(), Duration.ofMillis(400), 2,
        Duration.ofMillis(10), null, Duration.ofMinutes(5), Duration.ofSeconds(5), false, 0, services);
    return new HandypersonRequests(new VoluntaryServices(properties.baseUrl(),
        new PartnerHttp(VoluntaryServices.SYSTEM, properties.http(), PartnerTestDatabase.exchanges()),
        PartnerTestDatabase.referrals(), db, Clock.systemUTC(), properties.services()), properties);
  }

  private HandypersonRequests.Variables keySafe() {
    return new HandypersonRequests.Variables(referralId, "Key safe; loose stair carpet", "9434765919", "Ada", "Jones",
        "lbbd", "bhrut-kgh", "Ward 7", "2026-11-24T11:00:00");
  }

  @Test
  void aRetriedJobNeverMakesASecondReferral() {
    HandypersonRequests worker = worker(Map.of());

    Map<String, Object> first = worker.handle(keySafe(), jobKey);
    Map<String, Object> retried = worker.handle(keySafe(), jobKey);

    String reference = simulator.referrals().get(0).reference();
    assertThat(first).isEqualTo(Map.of("handypersonStatus", "accepted", "handypersonReferralReference", reference));
    assertThat(retried).isEqualTo(first);
    assertThat(simulator.referrals()).singleElement().satisfies(r -> {
      assertThat(r.service()).isEqualTo("handyperson");
      assertThat(r.idempotencyKey()).isEqualTo(Idempotency.key(jobKey));
    });
    assertThat(PartnerTestDatabase.referrals().byKey(Idempotency.key(jobKey)))
        .hasValueSatisfying(r -> assertThat(r.system()).isEqualTo("voluntary-handyperson"));
  }

  @Test
  void aSchemeThatSaysNoIsTheBpmnErrorWithItsReason() {
    simulator.declining("Outside the scheme's area");

    assertThatThrownBy(() -> worker(Map.of()).handle(keySafe(), jobKey))
        .isInstanceOfSatisfying(BpmnRefusal.class, e -> {
          assertThat(e.code()).isEqualTo("homefirst.rejected");
          assertThat(e.variables()).containsEntry("rejectionReason", "Outside the scheme's area")
              .containsEntry("rejectedBy", "handyperson");
        });
  }

  @Test
  void aSchemeThatIsDownIsAFaultAndARetryAfterwardsMakesOneReferral() {
    HandypersonRequests worker = worker(Map.of());
    simulator.down();

    assertThatThrownBy(() -> worker.handle(keySafe(), jobKey)).isInstanceOf(PartnerUnavailable.class);
    assertThat(PartnerTestDatabase.referrals().byKey(Idempotency.key(jobKey))).isEmpty();

    simulator.up();
    worker.handle(keySafe(), jobKey);
    worker.handle(keySafe(), jobKey);
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void withAFallbackAddressTheWorkAskedForGoesByEmailOnce() {
    HandypersonRequests worker = worker(Map.of("handyperson",
        new VoluntaryProperties.Service("Borough handyperson scheme", "handyperson@example.org")));
    simulator.down();

    Map<String, Object> result = worker.handle(keySafe(), jobKey);
    Map<String, Object> retried = worker.handle(keySafe(), jobKey);

    assertThat(result).containsEntry("handypersonStatus", "referred-by-email");
    assertThat(retried).isEqualTo(result);
    assertThat(db.sql("select body from partner_outbox where idempotency_key = ?").param(Idempotency.key(jobKey))
        .query(String.class).list()).singleElement().asString().contains("Asked for: Key safe; loose stair carpet");
  }
}
