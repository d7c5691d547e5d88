package org.homefirst.workers.nelft;

import java.time.Clock;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.partners.PartnerDecisions;
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

/**
 * Wires the NELFT adapter to {@code homefirst.partners.nelft.base-url}, or, with
 * {@code homefirst.partners.nelft.simulate} on, to a local NELFT simulator started here that
 * accepts each referral after {@code simulator-decide-after} (the demo).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NelftProperties.class)
class NelftConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NelftConfiguration.class);

  @Bean
  NelftCommunitySystem nelftCommunitySystem(NelftProperties properties, PartnerExchanges exchanges,
      PartnerReferrals referrals, Clock clock, ObjectProvider<NelftSimulator> simulator,
      CircuitBreakerProperties breaker) {
    NelftProperties effective = properties;
    if (properties.simulate()) {
      NelftSimulator local = simulator.getObject();
      log.warn("NELFT referrals go to the local NELFT simulator at {} (homefirst.partners.nelft.simulate=true); "
          + "set it to false and homefirst.partners.nelft.base-url for a real endpoint", local.baseUrl());
      effective = properties.withBaseUrl(local.baseUrl());
    } else if (properties.baseUrl() == null) {
      throw new IllegalStateException("homefirst.partners.nelft.base-url is required when simulate is false");
    }
    return new NelftCommunitySystem(effective.baseUrl(),
        new PartnerHttp(NelftCommunitySystem.SYSTEM, effective.http().with(breaker), exchanges), referrals, clock);
  }

  @Bean(destroyMethod = "close")
  @Lazy
  @ConditionalOnProperty(name = "homefirst.partners.nelft.simulate", havingValue = "true", matchIfMissing = true)
  NelftSimulator nelftSimulator(NelftProperties properties) {
    NelftSimulator simulator = NelftSimulator.start(properties.simulatorPort());
    simulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, properties.simulatorDecideAfter());
    return simulator;
  }

  @Bean
  RehabBedRequests rehabBedRequests(NelftCommunitySystem nelft, NelftProperties properties, PartnerDecisions decisions) {
    return new RehabBedRequests(nelft, properties, decisions);
  }

  @Bean(destroyMethod = "close")
  NelftDecisions nelftDecisions(NelftCommunitySystem nelft, PartnerReferrals referrals, PartnerDecisions decisions,
      NelftProperties properties, OncePerCluster cluster) {
    return new NelftDecisions(nelft, referrals, decisions, properties.pollInterval(), cluster);
  }
}
