package org.homefirst.workers.withdrawal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.simulators.voluntary.VoluntarySimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.council.Councils;
import org.homefirst.workers.nelft.NelftCommunitySystem;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.homefirst.workers.voluntary.VoluntaryProperties;
import org.homefirst.workers.voluntary.VoluntaryServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Withdrawing a journey's open partner referrals, through every adapter, once. */
class ReferralWithdrawalsTest {

  private final PartnerHttp.Settings http = new PartnerHttp.Settings(Duration.ofMillis(400), 2, Duration.ofMillis(10), null);
  private final PartnerReferrals referrals = PartnerTestDatabase.referrals();
  private final UUID referralId = UUID.randomUUID();
  private final NhsNumber ada = NhsNumber.parse("9434765919");
  private NelftSimulator nelftSimulator;
  private CouncilSimulator havering;
  private VoluntarySimulator voluntarySimulator;
  private NelftCommunitySystem nelft;
  private CouncilAdultSocialCare council;
  private VoluntaryServices voluntary;
  private ReferralWithdrawals withdrawals;

  @BeforeEach
  void start() {
    nelftSimulator = NelftSimulator.start(0);
    havering = CouncilSimulator.start("lbh", 0);
    voluntarySimulator = VoluntarySimulator.start(0);
    nelft = new NelftCommunitySystem(nelftSimulator.baseUrl(), new PartnerHttp("nelft", http,
        PartnerTestDatabase.exchanges()), referrals, Clock.systemUTC());
    council = new CouncilAdultSocialCare("lbh", havering.baseUrl(), new PartnerHttp("council-lbh", http,
        PartnerTestDatabase.exchanges()), referrals);
    voluntary = new VoluntaryServices(voluntarySimulator.baseUrl(), new PartnerHttp("voluntary", http,
        PartnerTestDatabase.exchanges()), referrals, PartnerTestDatabase.jdbc(), Clock.systemUTC(),
        Map.of("redcross-hnh", new VoluntaryProperties.Service("Help Not Hospital", "hnh@example.org")));
    withdrawals = new ReferralWithdrawals(referrals, nelft, new Councils(Map.of("lbh", council)), voluntary);
  }

  @AfterEach
  void stop() {
    nelftSimulator.close();
    havering.close();
    voluntarySimulator.close();
  }

  private static long job() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private CouncilAdultSocialCare.Request councilRequest(RequestType type) {
    return new CouncilAdultSocialCare.Request(referralId, type, ada, "Ada", "Jones", LocalDate.of(1941, 3, 2),
        "bhrut-queens", "Ward 7", Map.of());
  }

  private VoluntaryServices.Referral voluntaryReferral() {
    return new VoluntaryServices.Referral(referralId, "redcross-hnh", ada, "Ada", "Jones", "lbh", "bhrut-queens",
        "Ward 7", null);
  }

  @Test
  void everyOpenReferralIsWithdrawnOnceAndClosedOnesAreLeftAlone() {
    nelftSimulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    nelft.refer(new NelftCommunitySystem.Referral(referralId, ada, "Ada", "Jones", null, "bhrut-queens", "Ward 7",
        NelftCommunitySystem.Service.IRS_BED), job());
    council.request(councilRequest(RequestType.CARE_PACKAGE), job());
    String declined = council.request(councilRequest(RequestType.PLACEMENT), job()).downstreamId();
    havering.decline(declined, "Not eligible");
    // as the councils' decision poller records it
    referrals.decide(referrals.forReferral(referralId).stream().filter(r -> r.downstreamId().equals(declined))
        .findFirst().orElseThrow().idempotencyKey(), "rejected", "Not eligible");
    voluntary.refer(voluntaryReferral(), job());
    voluntarySimulator.down();
    voluntary.refer(voluntaryReferral(), job());
    voluntarySimulator.up();

    long cancellation = job();
    int withdrawn = withdrawals.withdrawAll(referralId, "Patient declined support", cancellation);

    assertThat(withdrawn).isEqualTo(4);
    assertThat(referrals.forReferral(referralId)).extracting(PartnerReferral::status)
        .containsExactly("cancelled", "cancelled", "rejected", "cancelled", "cancelled");
    assertThat(nelftSimulator.referrals()).singleElement().satisfies(r -> {
      assertThat(r.taskStatus()).isEqualTo("cancelled");
      assertThat(r.statusReason()).isEqualTo("Patient declined support");
    });
    assertThat(havering.referrals()).extracting(CouncilSimulator.StoredReferral::status)
        .containsExactly("cancelled", "declined");
    assertThat(voluntarySimulator.referrals()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("cancelled"));
    assertThat(PartnerTestDatabase.jdbc().sql("select count(*) from partner_outbox where referral_id = ? and subject like 'Withdrawn:%'")
        .param(referralId).query(Integer.class).single()).isEqualTo(1);

    int requests = nelftSimulator.requestCount() + havering.requestCount() + voluntarySimulator.requestCount();
    assertThat(withdrawals.withdrawAll(referralId, "Patient declined support", cancellation))
        .as("the same job again: the same count, no call").isEqualTo(4);
    assertThat(withdrawals.withdrawAll(referralId, "Patient declined support", job()))
        .as("another job: nothing left to withdraw").isZero();
    assertThat(nelftSimulator.requestCount() + havering.requestCount() + voluntarySimulator.requestCount())
        .isEqualTo(requests);
    List<String> withdrawalKeys = referrals.forReferral(referralId).stream()
        .filter(r -> r.status().equals("cancelled") && !r.downstreamId().startsWith("email:"))
        .map(r -> "homefirst-job-" + cancellation + "-withdraw-" + r.jobKey()).toList();
    assertThat(PartnerTestDatabase.exchanges().forReferral(referralId)).filteredOn(e -> e.operation().startsWith("cancel")
            || e.operation().startsWith("revoke") || e.operation().equals("read-service-request"))
        .extracting(e -> e.idempotencyKey())
        .as("withdrawal calls carry keys derived from the withdrawing job, one per referral withdrawn by API")
        .containsOnlyElementsOf(withdrawalKeys).containsAll(withdrawalKeys).hasSize(4);
  }

  @Test
  void aPartnerThatIsDownLeavesItsReferralForTheRetry() {
    nelft.refer(new NelftCommunitySystem.Referral(referralId, ada, "Ada", "Jones", null, "bhrut-queens", "Ward 7",
        NelftCommunitySystem.Service.IRS_BED), job());
    council.request(councilRequest(RequestType.CARE_PACKAGE), job());
    havering.down();

    long cancellation = job();
    assertThatThrownBy(() -> withdrawals.withdrawAll(referralId, "Patient died", cancellation))
        .isInstanceOf(PartnerUnavailable.class);
    assertThat(referrals.forReferral(referralId)).extracting(PartnerReferral::status)
        .containsExactly("cancelled", "requested");

    havering.up();
    int nelftCalls = nelftSimulator.requestCount();
    assertThat(withdrawals.withdrawAll(referralId, "Patient died", cancellation)).isEqualTo(2);
    assertThat(nelftSimulator.requestCount()).as("NELFT's referral is not withdrawn again").isEqualTo(nelftCalls);
    assertThat(havering.referrals()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("cancelled"));
  }
}
