package org.homefirst.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.homefirst.referral.ReferralIntake;
import org.homefirst.referral.ReferralRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Referrals for a newcomer to work on, created once through the same intake as real ones. */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "homefirst.demo-data", havingValue = "true", matchIfMissing = true)
class DemoReferrals implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoReferrals.class);

  private final ReferralIntake intake;
  private final JdbcClient db;
  private final Clock clock;

  DemoReferrals(ReferralIntake intake, JdbcClient db, Clock clock) {
    this.intake = intake;
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (db.sql("select count(*) from referral").query(Integer.class).single() > 0) {
      return;
    }
    Instant now = clock.instant();
    List<ReferralRequest> referrals =
        List.of(
            referral("0830166130", "Margaret", "Okafor", "1938-05-14", "lbh", "bhrut-queens", "Ward 7 (Elm)", now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(2))),
            referral("1860913903", "Harold", "Whitfield", "1944-11-02", "lbbd", "bhrut-kgh", "Ward 3 (Sunflower)", now.minus(Duration.ofDays(4)), null),
            referral("9960308243", "Nasreen", "Akhtar", "1951-01-23", "lbr", "barts-whipps", "Curie Ward", now.minus(Duration.ofDays(22)), now.minus(Duration.ofDays(5))),
            referral("6281948211", "Derek", "Osei", "1947-07-30", "lbr", "bhrut-kgh", "Ward 12 (Frail Elderly)", now.minus(Duration.ofDays(6)), now.minus(Duration.ofHours(20))),
            referral("9935181901", "Eileen", "Brennan", "1935-09-09", "lbbd", "barts-whipps", "Bracken Ward", now.minus(Duration.ofDays(3)), null));
    for (ReferralRequest r : referrals) {
      intake.receive(r, "demo-data");
    }
    log.info("Created {} demo referrals", referrals.size());
  }

  private static ReferralRequest referral(
      String nhs, String given, String family, String dob, String borough, String hospital, String ward, Instant admitted, Instant ready) {
    return new ReferralRequest(
        nhs, given, family, dob, borough, hospital, ward, admitted.toString(), ready == null ? null : ready.toString());
  }
}
