package org.homefirst.workers.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.homefirst.workers.jobs.BpmnRefusal;
import org.junit.jupiter.api.Test;

/**
 * The council job handlers with real adapters and two council simulators
 * engine (for the decisions they hand on).
 */
class CouncilRequestsTest {

  private CouncilSimulator havering;
  private CouncilSimulator redbridge;
  private CouncilRequests worker;
  private long jobKey;

  @BeforeEach
  void start() {
    havering = CouncilSimulator.start("lbh", 0);
    redbridge = CouncilSimulator.start("lbr", 0);
    CouncilProperties properties = new CouncilProperties(Duration.ofMillis(500), 2, Duration.ofMillis(10),
        Duration.ofSeconds(45), Duration.ofSeconds(5), false, Duration.ZERO, Map.of());
    worker = new CouncilRequests(new Councils(Map.of(
        "lbh", adapter("lbh", havering, properties), "lbr", adapter("lbr", redbridge, properties))), properties,
        new PartnerDecisions(PartnerTestDatabase.referrals(), PartnerTestDatabase.exchanges(), null));
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private static CouncilAdultSocialCare adapter(String borough, CouncilSimulator simulator, CouncilProperties p) {
    return new CouncilAdultSocialCare(borough, simulator.baseUrl(),
        new PartnerHttp("council-" + borough, p.http(null), PartnerTestDatabase.exchanges()),
        PartnerTestDatabase.referrals());
  }

  @AfterEach
  void stop() {
    havering.close();
    redbridge.close();
  }

  private static CouncilRequests.Variables patientIn(String borough) {
    return new CouncilRequests.Variables(UUID.randomUUID().toString(), "9434765919", "Ada", "Jones", "1941-03-02",
        borough, "bhrut-kgh", "Ward 7", "Cedar Lodge");
  }

  @Test
  void goesToThePatientsOwnCouncilAndCompletesAsSoonAsItHoldsTheRequest() {
    CouncilRequests.Variables ada = patientIn("lbr");

    Map<String, Object> result = worker.handle(RequestType.PLACEMENT, ada, jobKey);

    assertThat(havering.referrals()).isEmpty();
    String id = redbridge.referrals().get(0).id();
    assertThat(result).isEqualTo(Map.of("placementReferralId", id, "placementRequestKey", Idempotency.key(jobKey)));
    assertThat(worker.handle(RequestType.PLACEMENT, ada, jobKey)).as("the same job run again").isEqualTo(result);
    assertThat(redbridge.referrals()).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("placement"));
  }

  @Test
  void anInterimBedDeclinedInTheAnswerToTheRequestIsTheBpmnErrorWithItsReason() {
    havering.declining("No interim D2A bed available this week");

    assertThatThrownBy(() -> worker.handle(RequestType.INTERIM_BED, patientIn("lbh"), jobKey))
        .isInstanceOfSatisfying(BpmnRefusal.class, e -> {
          assertThat(e.code()).isEqualTo("homefirst.rejected");
          assertThat(e.variables())
              .containsEntry("rejectionReason", "No interim D2A bed available this week")
              .containsEntry("rejectedBy", "council-lbh");
        });
  }

  @Test
  void aBoroughWithNoCouncilConfiguredIsAClearError() {
    assertThatThrownBy(() -> worker.handle(RequestType.CARE_PACKAGE, patientIn("lbbd"), jobKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No council adult social care system is configured for borough 'lbbd'");
  }

  @Test
  void resultVariablesAreNamedAfterTheRequest() {
    assertThat(CouncilRequests.prefix(RequestType.CARE_PACKAGE)).isEqualTo("carePackage");
    assertThat(CouncilRequests.prefix(RequestType.LONG_TERM_CARE)).isEqualTo("longTermCare");
    assertThat(CouncilRequests.prefix(RequestType.INTERIM_BED)).isEqualTo("interimBed");
  }
}
