package org.homefirst.workers.partners;

import io.camunda.zeebe.client.ZeebeClient;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The two tables every partner adapter writes (exchanges and the referrals partners hold), and
 * the hand-over of partners' decisions to the engine.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DecisionProperties.class)
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
  PartnerDecisions partnerDecisions(PartnerReferrals referrals, PartnerExchanges exchanges, ZeebeClient engine,
      DecisionProperties properties) {
    return new PartnerDecisions(referrals, exchanges, engine, properties.messageTimeToLive());
  }
}
