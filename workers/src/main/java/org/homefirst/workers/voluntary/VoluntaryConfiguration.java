package org.homefirst.workers.voluntary;

import java.time.Clock;
import org.homefirst.simulators.voluntary.VoluntarySimulator;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.CircuitBreakerProperties;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires the voluntary services adapter to {@code homefirst.partners.voluntary.base-url}, or, with
 * {@code simulate} on, to a local simulator that accepts every referral (the demo).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoluntaryProperties.class)
class VoluntaryConfiguration {

  private static final Logger log = LoggerFactory.getLogger(VoluntaryConfiguration.class);

  @Bean
  VoluntaryServices voluntaryServices(VoluntaryProperties properties, PartnerExchanges exchanges,
      PartnerReferrals referrals, JdbcClient db, Clock clock, ObjectProvider<VoluntarySimulator> simulator,
      CircuitBreakerProperties breaker) {
    VoluntaryProperties effective = properties;
    if (properties.simulate()) {
      VoluntarySimulator local = simulator.getObject();
      log.warn("Voluntary service referrals go to the local simulator at {} (homefirst.partners.voluntary.simulate=true);"
          + " set it to false and homefirst.partners.voluntary.base-url for a real endpoint", local.baseUrl());
      effective = properties.withBaseUrl(local.baseUrl());
    } else if (properties.baseUrl() == null) {
      throw new IllegalStateException("homefirst.partners.voluntary.base-url is required when simulate is false");
    }
    return new VoluntaryServices(effective.baseUrl(),
        new PartnerHttp(VoluntaryServices.SYSTEM, effective.http().with(breaker), exchanges), referrals, db, clock,
        effective.services());
  }

  @Bean(destroyMethod = "close")
  @Lazy
  @ConditionalOnProperty(name = "homefirst.partners.voluntary.simulate", havingValue = "true", matchIfMissing = true)
  VoluntarySimulator voluntarySimulator(VoluntaryProperties properties) {
    return VoluntarySimulator.start(properties.simulatorPort());
  }

  @Bean
  HandypersonRequests handypersonRequests(VoluntaryServices services, VoluntaryProperties properties) {
    return new HandypersonRequests(services, properties);
  }

  @Bean
  VoluntarySupportRequests voluntarySupportRequests(VoluntaryServices services, VoluntaryProperties properties) {
    return new VoluntarySupportRequests(services, properties);
  }
}
