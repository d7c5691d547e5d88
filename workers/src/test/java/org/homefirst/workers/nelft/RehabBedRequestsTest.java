package org.homefirst.workers.nelft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerRejection;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.homefirst.workers.jobs.BpmnRefusal;
import org.junit.jupiter.api.Test;

/**
 * The {@code homefirst.nelft.request-rehab-bed} handler with the real adapter, the NELFT simulator
 * and Zeebe Process Test's engine (for the decisions it hands on).
 */
class RehabBedRequestsTest {

  private NelftSimulator simulator;
  private RehabBedRequests worker;
  private long jobKey;
  private RehabBedRequests.Variables variables;

  @BeforeEach
  void start() {
    simulator = NelftSimulator.start(0);
    NelftProperties properties = new NelftProperties(simulator.baseUrl(), Duration.ofMillis(500), 2,
        Duration.ofMillis(10), null, Duration.ofSeconds(30), Duration.ofSeconds(5), false, 0, Duration.ZERO);
    NelftCommunitySystem nelft = new NelftCommunitySystem(properties.baseUrl(),
        new PartnerHttp(NelftCommunitySystem.SYSTEM, properties.http(), PartnerTestDatabase.exchanges()),
        PartnerTestDatabase.referrals(), Clock.systemUTC());
    worker = new RehabBedRequests(nelft, properties, new PartnerDecisions(PartnerTestDatabase.referrals(),
        PartnerTestDatabase.exchanges(), null));
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    variables = new RehabBedRequests.Variables(UUID.randomUUID().toString(), "9434765919", "Ada", "Jones",
        "1941-03-02", "bhrut-kgh", "Ward 7");
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void completesAsSoonAsNelftHoldsTheRequestWithTheKeyItsDecisionWillCarry() {
    Map<String, Object> result = worker.handle(variables, jobKey);

    String id = simulator.referrals().get(0).serviceRequestId();
    assertThat(result).isEqualTo(Map.of("rehabBedReferralId", id, "rehabBedRequestKey", Idempotency.key(jobKey)));
    assertThat(worker.handle(variables, jobKey)).as("the same job run again").isEqualTo(result);
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void aJobRunAgainAfterNelftRejectedIsTheBpmnErrorWithItsReason() {
    worker.handle(variables, jobKey);
    PartnerTestDatabase.referrals().decide(Idempotency.key(jobKey), "rejected", "No IRS bed in the next 72 hours");

    assertThatThrownBy(() -> worker.handle(variables, jobKey))
        .isInstanceOfSatisfying(BpmnRefusal.class, e -> {
          assertThat(e.code()).isEqualTo(PartnerRejection.ERROR_CODE).isEqualTo("homefirst.rejected");
          assertThat(e.variables()).containsEntry("rejectionReason", "No IRS bed in the next 72 hours")
              .containsEntry("rejectedBy", "NELFT");
        });
    assertThat(PartnerTestDatabase.referrals().isDelivered(Idempotency.key(jobKey))).isTrue();
  }

  @Test
  void anInvalidNhsNumberFailsBeforeAnyCall() {
    RehabBedRequests.Variables bad = new RehabBedRequests.Variables(variables.referralId(), "943 476 5918",
        "Ada", "Jones", "1941-03-02", "bhrut-kgh", "Ward 7");

    assertThatThrownBy(() -> worker.handle(bad, jobKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Modulus 11");
    assertThat(simulator.requestCount()).isZero();
  }

  @Test
  void theWorkflowSeesNoFhir() {
    simulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);

    assertThat(worker.handle(variables, jobKey).values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
  }
}
