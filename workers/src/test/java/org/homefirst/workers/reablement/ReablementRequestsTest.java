package org.homefirst.workers.reablement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare;
import org.homefirst.workers.council.Councils;
import org.homefirst.workers.nelft.NelftCommunitySystem;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.homefirst.workers.jobs.BpmnRefusal;
import org.junit.jupiter.api.Test;

/** The pathway 1 reablement request goes to the right partner for the borough's team. */
class ReablementRequestsTest {

  private final PartnerHttp.Settings http = new PartnerHttp.Settings(Duration.ofMillis(400), 2, Duration.ofMillis(10), null);
  private NelftSimulator nelftSimulator;
  private CouncilSimulator barking;
  private ReablementRequests worker;
  private long jobKey;

  @BeforeEach
  void start() {
    nelftSimulator = NelftSimulator.start(0);
    barking = CouncilSimulator.start("lbbd", 0);
    NelftCommunitySystem nelft = new NelftCommunitySystem(nelftSimulator.baseUrl(),
        new PartnerHttp("nelft", http, PartnerTestDatabase.exchanges()), PartnerTestDatabase.referrals(),
        Clock.systemUTC());
    Councils councils = new Councils(Map.of("lbbd", new CouncilAdultSocialCare("lbbd", barking.baseUrl(),
        new PartnerHttp("council-lbbd", http, PartnerTestDatabase.exchanges()), PartnerTestDatabase.referrals())));
    worker = new ReablementRequests(nelft, councils, new PartnerDecisions(PartnerTestDatabase.referrals(),
        PartnerTestDatabase.exchanges(), null), new ReablementProperties(Duration.ofSeconds(30)));
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  @AfterEach
  void stop() {
    nelftSimulator.close();
    barking.close();
  }

  private static ReablementRequests.Variables forTeam(String team) {
    return new ReablementRequests.Variables(UUID.randomUUID().toString(), team, "9434765919", "Ada", "Jones",
        "1941-03-02", "bhrut-queens", "Ward 7");
  }

  @Test
  void haveringReablementGoesToNelft() {
    Map<String, Object> result = worker.handle(forTeam("nelft-reablement"), jobKey);

    assertThat(nelftSimulator.referrals()).singleElement()
        .satisfies(r -> assertThat(r.service()).isEqualTo("nelft-reablement"));
    assertThat(result).isEqualTo(Map.of("reablementReferralId", nelftSimulator.referrals().get(0).serviceRequestId(),
        "reablementRequestKey", Idempotency.key(jobKey)));
    assertThat(barking.referrals()).isEmpty();
  }

  @Test
  void barkingCrisisInterventionGoesToTheCouncilAndARefusalInItsAnswerIsTheBpmnError() {
    ReablementRequests.Variables ada = forTeam("lbbd-crisis");
    Map<String, Object> result = worker.handle(ada, jobKey);
    CouncilSimulator.StoredReferral referral = barking.referrals().get(0);
    assertThat(referral.type()).isEqualTo("reablement");
    assertThat(result).containsEntry("reablementReferralId", referral.id());

    barking.declining("No reablement capacity this week");

    assertThatThrownBy(() -> worker.handle(forTeam("lbbd-crisis"), jobKey + 1))
        .isInstanceOfSatisfying(BpmnRefusal.class, e -> {
          assertThat(e.code()).isEqualTo("homefirst.rejected");
          assertThat(e.variables()).containsEntry("rejectionReason", "No reablement capacity this week")
              .containsEntry("rejectedBy", "council-lbbd");
        });
    assertThat(nelftSimulator.referrals()).isEmpty();
  }

  @Test
  void anUnknownTeamIsAClearError() {
    assertThatThrownBy(() -> worker.handle(forTeam("nobody"), jobKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No reablement service is known for team 'nobody'");
  }
}
