package org.homefirst.workers.nelft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.spring.common.exception.ZeebeBpmnError;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.partners.AwaitingPartner;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerRejection;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code homefirst.nelft.request-rehab-bed} handler with the real adapter and the NELFT simulator. */
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
    worker = new RehabBedRequests(nelft, properties);
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    variables = new RehabBedRequests.Variables(UUID.randomUUID().toString(), "9434765919", "Ada", "Jones",
        "1941-03-02", "bhrut-kgh", "Ward 7");
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  @Test
  void waitsForNelftThenCompletesWithTheReferralOnceAccepted() {
    assertThatThrownBy(() -> worker.handle(variables, jobKey))
        .isInstanceOfSatisfying(AwaitingPartner.class,
            e -> assertThat(e.pollAfter()).isEqualTo(Duration.ofSeconds(30)));
    String id = simulator.referrals().get(0).serviceRequestId();

    simulator.accept(id);

    assertThat(worker.handle(variables, jobKey))
        .containsEntry("rehabBedReferralId", id)
        .containsEntry("rehabBedStatus", "accepted")
        .hasSize(2);
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void aRejectionIsTheBpmnErrorWithItsReason() {
    simulator.rejecting("No IRS bed in the next 72 hours");

    assertThatThrownBy(() -> worker.handle(variables, jobKey))
        .isInstanceOfSatisfying(ZeebeBpmnError.class, e -> {
          assertThat(e.getErrorCode()).isEqualTo(PartnerRejection.ERROR_CODE).isEqualTo("homefirst.rejected");
          assertThat(e.getVariables()).containsEntry("rejectionReason", "No IRS bed in the next 72 hours");
        });
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
