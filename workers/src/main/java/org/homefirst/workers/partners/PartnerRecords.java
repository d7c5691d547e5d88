package org.homefirst.workers.partners;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The two tables every partner adapter writes: exchanges and the referrals partners hold. */
@Configuration(proxyBeanMethods = false)
class PartnerRecords {

  @Bean
  PartnerExchanges partnerExchanges(JdbcClient db, Clock clock) {
    return new PartnerExchanges(db, clock);
  }

  @Bean
  PartnerReferrals partnerReferrals(JdbcClient db, Clock clock) {
    return new PartnerReferrals(db, clock);
  }
}
