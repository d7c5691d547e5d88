package org.homefirst.workers.council;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.CircuitBreakerProperties;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires one council adapter per configured borough, or, with
 * {@code homefirst.partners.council.simulate} on, one local council simulator per borough
 * ({@code lbbd}, {@code lbh}, {@code lbr}) that accepts each request after
 * {@code simulator-decide-after} (the demo).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CouncilProperties.class, CouncilCallbackProperties.class})
class CouncilConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CouncilConfiguration.class);
  private static final List<String> BOROUGHS = List.of("lbbd", "lbh", "lbr");

  @Bean(destroyMethod = "close")
  LocalCouncils localCouncils(CouncilProperties properties) {
    LocalCouncils local = new LocalCouncils();
    if (properties.simulate()) {
      for (String borough : BOROUGHS) {
        CouncilSimulator simulator = CouncilSimulator.start(borough, 0);
        simulator.decideAutomatically(CouncilSimulator.Decision.ACCEPT, properties.simulatorDecideAfter());
        local.simulators.put(borough, simulator);
        CouncilProperties.Borough configured = properties.boroughs().get(borough);
        local.secrets.put(borough, configured != null && configured.sharedSecret() != null
            ? configured.sharedSecret() : LocalCouncils.newSecret());
      }
      log.warn("Council requests go to local council simulators {} (homefirst.partners.council.simulate=true); set it "
          + "to false and homefirst.partners.council.boroughs.<borough>.base-url for real endpoints",
          local.simulators.values().stream().map(CouncilSimulator::baseUrl).toList());
    }
    return local;
  }

  @Bean
  Councils councils(CouncilProperties properties, LocalCouncils local, PartnerExchanges exchanges,
      PartnerReferrals referrals, CircuitBreakerProperties breaker) {
    Map<String, CouncilAdultSocialCare> byBorough = new LinkedHashMap<>();
    properties.boroughs().forEach((borough, config) -> {
      if (config.baseUrl() != null && !local.simulators.containsKey(borough)) {
        byBorough.put(borough, adapter(borough, config.baseUrl(), config.apiKey(), properties, breaker, exchanges, referrals));
      }
    });
    local.simulators.forEach((borough, simulator) -> byBorough.put(borough,
        adapter(borough, simulator.baseUrl(), null, properties, breaker, exchanges, referrals)));
    return new Councils(byBorough);
  }

  private static CouncilAdultSocialCare adapter(String borough, URI baseUrl, String apiKey, CouncilProperties properties,
      CircuitBreakerProperties breaker, PartnerExchanges exchanges, PartnerReferrals referrals) {
    return new CouncilAdultSocialCare(borough, baseUrl,
        new PartnerHttp(CouncilAdultSocialCare.system(borough), properties.http(apiKey).with(breaker), exchanges), referrals);
  }

  @Bean
  CouncilRequests councilRequests(Councils councils, CouncilProperties properties, PartnerDecisions decisions) {
    return new CouncilRequests(councils, properties, decisions);
  }

  @Bean(destroyMethod = "close")
  CouncilDecisions councilDecisions(Councils councils, PartnerReferrals referrals, PartnerDecisions decisions,
      CouncilProperties properties, OncePerCluster cluster) {
    return new CouncilDecisions(councils, referrals, decisions, properties.pollInterval(), cluster);
  }

  @Bean
  CallbackNonces callbackNonces(JdbcClient db) {
    return new CallbackNonces(db);
  }

  @Bean
  CouncilCallbacks councilCallbacks(CouncilProperties properties, CouncilCallbackProperties limits, LocalCouncils local,
      CallbackNonces nonces, PartnerReferrals referrals, PartnerExchanges exchanges, PartnerDecisions decisions) {
    // A local simulator signs with the secret it was given at start (the configured one if any).
    Map<String, String> secrets = new LinkedHashMap<>(local.secrets);
    properties.boroughs().forEach((borough, config) -> {
      if (config.sharedSecret() != null) {
        secrets.put(borough, config.sharedSecret());
      }
    });
    return new CouncilCallbacks(secrets, limits, nonces, referrals, exchanges, decisions);
  }
}
