package org.homefirst.workers.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.jobs.BpmnRefusal;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code homefirst.council.request-telecare} (pendant alarm, key safe) with the real council
 * adapter, the council simulator and PostgreSQL: the same idempotency and fault rules as the other
 * council requests.
 */
class TelecareRequestsTest {

  private CouncilSimulator redbridge;
  private CouncilRequests worker;
  private long jobKey;

  @BeforeEach
  void start() {
    redbridge = CouncilSimulator.start("lbr", 0);
    CouncilProperties properties = new CouncilProperties(Duration.ofMillis(500), 2, Duration.ofMillis(10),
        Duration.ofSeconds(45), Duration.ofSeconds(5), false, Duration.ZERO, Map.of());
    worker = new CouncilRequests(new Councils(Map.of("lbr", new CouncilAdultSocialCare("lbr", redbridge.baseUrl(),
        new PartnerHttp("council-lbr", properties.http(null), PartnerTestDatabase.exchanges()),
        PartnerTestDatabase.referrals()))), properties,
        new PartnerDecisions(PartnerTestDatabase.referrals(), PartnerTestDatabase.exchanges(), null));
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  @AfterEach
  void stop() {
    redbridge.close();
  }

  private static CouncilRequests.Variables telecareFor(String referralId) {
    return new CouncilRequests.Variables(referralId, "9434765919", "Ada", "Jones", "1941-03-02", "lbr", "bhrut-kgh",
        "Ward 7", null, "Pendant alarm, key safe");
  }

  @Test
  void theCouncilGetsOneTelecareRequestHoweverOftenTheJobRuns() {
    CouncilRequests.Variables ada = telecareFor(UUID.randomUUID().toString());

    Map<String, Object> first = worker.handle(RequestType.TELECARE, ada, jobKey);
    Map<String, Object> retried = worker.handle(RequestType.TELECARE, ada, jobKey);

    String id = redbridge.referrals().get(0).id();
    assertThat(first).isEqualTo(Map.of("telecareReferralId", id, "telecareRequestKey", Idempotency.key(jobKey)));
    assertThat(retried).isEqualTo(first);
    assertThat(redbridge.referrals()).singleElement().satisfies(r -> {
      assertThat(r.type()).isEqualTo("telecare");
      assertThat(r.idempotencyKey()).isEqualTo(Idempotency.key(jobKey));
    });
    assertThat(redbridge.detail(id, "equipment")).isEqualTo("Pendant alarm, key safe");
  }

  @Test
  void aCouncilThatIsDownIsAFaultAndNothingIsRecorded() {
    redbridge.down();

    assertThatThrownBy(() -> worker.handle(RequestType.TELECARE, telecareFor(UUID.randomUUID().toString()), jobKey))
        .isInstanceOf(PartnerUnavailable.class);
    assertThat(PartnerTestDatabase.referrals().byKey(Idempotency.key(jobKey))).isEmpty();

    redbridge.up();
    worker.handle(RequestType.TELECARE, telecareFor(UUID.randomUUID().toString()), jobKey);
    assertThat(redbridge.referrals()).hasSize(1);
  }

  @Test
  void aRefusalInTheCouncilsAnswerIsTheBpmnError() {
    redbridge.declining("Already has a community alarm");

    assertThatThrownBy(() -> worker.handle(RequestType.TELECARE, telecareFor(UUID.randomUUID().toString()), jobKey))
        .isInstanceOfSatisfying(BpmnRefusal.class, e -> {
          assertThat(e.code()).isEqualTo("homefirst.rejected");
          assertThat(e.variables()).containsEntry("rejectionReason", "Already has a community alarm")
              .containsEntry("rejectedBy", "council-lbr");
        });
  }
}
