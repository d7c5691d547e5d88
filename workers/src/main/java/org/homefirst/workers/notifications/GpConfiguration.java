package org.homefirst.workers.notifications;

import org.homefirst.simulators.gp.GpSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the GP adapter: to {@code homefirst.partners.gp.base-url}, or, with
 * {@code homefirst.partners.gp.simulate} on (the default), to a local GP simulator started here,
 * so the demo and the application's tests deliver real documents over HTTP.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(GpProperties.class)
class GpConfiguration {

  private static final Logger log = LoggerFactory.getLogger(GpConfiguration.class);

  @Bean
  GpNotifications gpNotifications(GpProperties properties, org.springframework.beans.factory.ObjectProvider<GpSimulator> simulator) {
    if (properties.simulate()) {
      GpSimulator local = simulator.getObject();
      log.warn("GP notifications go to the local GP simulator at {} (homefirst.partners.gp.simulate=true); "
          + "set it to false and homefirst.partners.gp.base-url for a real endpoint", local.baseUrl());
      return new GpNotifications(properties.withBaseUrl(local.baseUrl()));
    }
    return new GpNotifications(properties);
  }

  @Bean(destroyMethod = "close")
  @org.springframework.context.annotation.Lazy
  GpSimulator gpSimulator(GpProperties properties) {
    return GpSimulator.start(properties.simulatorPort());
  }
}
