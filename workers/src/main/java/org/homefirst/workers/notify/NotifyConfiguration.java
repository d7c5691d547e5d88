package org.homefirst.workers.notify;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.homefirst.simulators.notify.NotifySimulator;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.partners.PartnerExchanges;
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
 * Wires the outbox relay to GOV.UK Notify at {@code homefirst.partners.notify.base-url} with the
 * configured API key and templates, or, with {@code simulate} on (the default), to a local Notify
 * simulator started here with a key of its own (the demo). Nothing is wired with
 * {@code homefirst.partners.notify.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
@ConditionalOnProperty(name = "homefirst.partners.notify.enabled", havingValue = "true", matchIfMissing = true)
class NotifyConfiguration {

  private static final Logger log = LoggerFactory.getLogger(NotifyConfiguration.class);

  @Bean(destroyMethod = "close")
  OutboxRelay outboxRelay(NotifyProperties properties, JdbcClient db, PartnerExchanges exchanges, Clock clock,
      ObjectProvider<NotifySimulator> simulator, OncePerCluster cluster) {
    NotifyProperties effective = properties;
    if (properties.simulate()) {
      NotifySimulator local = simulator.getObject();
      log.warn("Outbox e-mails and text messages go to the local GOV.UK Notify simulator at {} "
          + "(homefirst.partners.notify.simulate=true); set it to false, with api-key and the template ids, "
          + "to send them for real", local.baseUrl());
      effective = properties.withEndpoint(local.baseUrl(), local.apiKey(),
          orDemo(properties.emailTemplateId(), "email"), orDemo(properties.smsTemplateId(), "sms"));
    } else {
      require(properties.apiKey(), "api-key (HOMEFIRST_NOTIFY_API_KEY)");
      require(properties.emailTemplateId(), "email-template-id");
      require(properties.smsTemplateId(), "sms-template-id");
    }
    GovUkNotify notify = new GovUkNotify(effective.baseUrl(), effective.http(), effective.apiKey(), exchanges);
    return new OutboxRelay(new OutboxMessages(db), notify, effective, clock, cluster);
  }

  @Bean(destroyMethod = "close")
  @Lazy
  @ConditionalOnProperty(name = "homefirst.partners.notify.simulate", havingValue = "true", matchIfMissing = true)
  NotifySimulator notifySimulator(NotifyProperties properties) {
    return NotifySimulator.start(properties.simulatorPort());
  }

  private static String orDemo(String templateId, String channel) {
    return templateId != null ? templateId
        : UUID.nameUUIDFromBytes(("homefirst-demo-" + channel + "-template").getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("homefirst.partners.notify." + key + " is required when simulate is false");
    }
  }
}
