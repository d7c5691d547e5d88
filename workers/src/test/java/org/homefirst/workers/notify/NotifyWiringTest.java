package org.homefirst.workers.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.homefirst.simulators.notify.NotifySimulator;
import org.homefirst.workers.TestDatabase;
import javax.sql.DataSource;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.cluster.ClusterSchedules;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The relay as the application wires it: the demo defaults send to a started simulator on
 * Spring's schedule, {@code enabled=false} wires nothing, production keys bind and are required.
 */
class NotifyWiringTest {

  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  @ComponentScan({"org.homefirst.workers.partners", "org.homefirst.workers.notify"})
  static class Relay {}

  private final JdbcClient db = TestDatabase.fresh();
  private final ApplicationContextRunner app = new ApplicationContextRunner()
      .withBean(JdbcClient.class, () -> db)
      .withBean(Clock.class, Clock::systemUTC)
      // the cluster lock the polls take, on the test PostgreSQL (no engine: decisions stay undelivered)
      .withBean(DataSource.class, TestDatabase::dataSource)
      .withUserConfiguration(ClusterSchedules.class)
      .withUserConfiguration(Relay.class);

  @Test
  void theDemoDefaultsRelayQueuedMessagesToTheSimulatorOnSchedule() {
    long queued = db.sql("""
            insert into partner_outbox (system, idempotency_key, referral_id, recipient, subject, body, created_at)
            values ('voluntary-redcross-hnh', 'homefirst-job-1', ?, 'hnh@example.org', 'Referral', 'Body', now())
            returning id""").param(UUID.randomUUID()).query(Long.class).single();

    app.withPropertyValues("homefirst.partners.notify.relay-interval=PT0.2S").run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(OutboxRelay.class);
      NotifySimulator simulator = context.getBean(NotifySimulator.class);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (simulator.messages().isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(simulator.messages()).singleElement()
          .satisfies(m -> assertThat(m.reference()).isEqualTo("homefirst-outbox-" + queued));
    });
  }

  @Test
  void disabledWiresNeitherRelayNorSimulator() {
    app.withPropertyValues("homefirst.partners.notify.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(OutboxRelay.class).doesNotHaveBean(NotifySimulator.class);
    });
  }

  @Test
  void productionKeysBindAndNoSimulatorStarts() {
    String key = "homefirst_live-" + UUID.randomUUID() + "-" + UUID.randomUUID();
    app.withPropertyValues(
            "homefirst.partners.notify.simulate=false",
            "homefirst.partners.notify.api-key=" + key,
            "homefirst.partners.notify.email-template-id=" + UUID.randomUUID(),
            "homefirst.partners.notify.sms-template-id=" + UUID.randomUUID(),
            "homefirst.partners.notify.max-attempts=4")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(OutboxRelay.class).doesNotHaveBean(NotifySimulator.class);
          NotifyProperties properties = context.getBean(NotifyProperties.class);
          assertThat(properties.baseUrl()).hasToString("https://api.notifications.service.gov.uk");
          assertThat(properties.maxAttempts()).isEqualTo(4);
          assertThat(properties.toString()).doesNotContain(key.substring(key.length() - 36));
        });
  }

  @Test
  void aRealServiceNeedsItsKeyAndTemplates() {
    app.withPropertyValues("homefirst.partners.notify.simulate=false")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseMessage("homefirst.partners.notify.api-key (HOMEFIRST_NOTIFY_API_KEY) is required when simulate is false"));
    app.withPropertyValues("homefirst.partners.notify.simulate=false", "homefirst.partners.notify.api-key=not-a-key",
            "homefirst.partners.notify.email-template-id=" + UUID.randomUUID(),
            "homefirst.partners.notify.sms-template-id=" + UUID.randomUUID())
        .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
            .hasMessageContaining("is not a GOV.UK Notify API key").hasMessageNotContaining("not-a-key"));
  }
}
