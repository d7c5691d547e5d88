package org.homefirst.workers.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.simulators.voluntary.VoluntarySimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare;
import org.homefirst.workers.council.Councils;
import org.homefirst.workers.nelft.NelftCommunitySystem;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.voluntary.VoluntaryServices;
import org.homefirst.workers.withdrawal.ReferralWithdrawals;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * NELFT, the Havering council and the voluntary services as local simulators, with our adapters
 * to them on a given database: a journey's partners, for the cancellation tests to open
 * referrals with and then see them withdrawn.
 */
final class OpenPartnerReferrals implements AutoCloseable {

  static final NhsNumber ADA = NhsNumber.parse("9434765919");

  final NelftSimulator nelftSimulator = NelftSimulator.start(0);
  final CouncilSimulator havering = CouncilSimulator.start("lbh", 0);
  final VoluntarySimulator voluntarySimulator = VoluntarySimulator.start(0);
  final PartnerReferrals referrals;
  final PartnerExchanges exchanges;
  final ReferralWithdrawals withdrawals;
  private final NelftCommunitySystem nelft;
  private final CouncilAdultSocialCare council;

  OpenPartnerReferrals(JdbcClient db) {
    PartnerHttp.Settings http = new PartnerHttp.Settings(Duration.ofMillis(400), 2, Duration.ofMillis(10), null);
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    nelft = new NelftCommunitySystem(nelftSimulator.baseUrl(), new PartnerHttp("nelft", http, exchanges), referrals,
        Clock.systemUTC());
    council = new CouncilAdultSocialCare("lbh", havering.baseUrl(), new PartnerHttp("council-lbh", http, exchanges),
        referrals);
    VoluntaryServices voluntary = new VoluntaryServices(voluntarySimulator.baseUrl(),
        new PartnerHttp("voluntary", http, exchanges), referrals, db, Clock.systemUTC(), Map.of());
    withdrawals = new ReferralWithdrawals(referrals, nelft, new Councils(Map.of("lbh", council)), voluntary);
  }

  /** NELFT accepts a rehab bed referral for the patient. */
  void nelftBed(UUID referralId) {
    nelftSimulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    nelft.refer(new NelftCommunitySystem.Referral(referralId, ADA, "Ada", "Jones", LocalDate.of(1941, 3, 2),
        "bhrut-queens", "Ward 7", NelftCommunitySystem.Service.IRS_BED), job());
  }

  /** Havering receives a care package request (not decided yet). */
  void councilCarePackage(UUID referralId) {
    council.request(new CouncilAdultSocialCare.Request(referralId, CouncilAdultSocialCare.RequestType.CARE_PACKAGE,
        ADA, "Ada", "Jones", LocalDate.of(1941, 3, 2), "bhrut-queens", "Ward 7", Map.of()), job());
  }

  int partnerRequests() {
    return nelftSimulator.requestCount() + havering.requestCount() + voluntarySimulator.requestCount();
  }

  private static long job() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  @Override
  public void close() {
    nelftSimulator.close();
    havering.close();
    voluntarySimulator.close();
  }
}
