package org.homefirst.workers.partners;

import java.time.Clock;
import org.homefirst.workers.jobs.JourneyMessages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two tables every partner adapter writes (exchanges and the referrals partners hold), the
 * hand-over of partners' decisions to the engine (none in the worker process: decisions wait on
 * {@code partner_referral} for the application's next poll), and the circuit breaker settings
 * every adapter shares.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CircuitBreakerProperties.class)
class PartnerRecords {

  @Bean
  PartnerExchanges partnerExchanges(JdbcClient db, Clock clock) {
    return new PartnerExchanges(db, clock);
  }

  @Bean
  PartnerReferrals partnerReferrals(JdbcClient db, Clock clock) {
    return new PartnerReferrals(db, clock);
  }

  @Bean
  PartnerDecisions partnerDecisions(PartnerReferrals referrals, PartnerExchanges exchanges,
      ObjectProvider<JourneyMessages> messages) {
    return new PartnerDecisions(referrals, exchanges, messages.getIfAvailable());
  }
}
