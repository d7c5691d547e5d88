package org.homefirst.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.simulators.voluntary.VoluntarySimulator;
import org.homefirst.workers.council.CouncilCallbackProperties;
import org.homefirst.workers.council.CouncilCallbacks;
import org.homefirst.workers.council.CouncilDecisions;
import org.homefirst.workers.council.CouncilProperties;
import org.homefirst.workers.council.Councils;
import org.homefirst.workers.journey.ServiceRequestCancellation;
import org.homefirst.workers.nelft.NelftDecisions;
import org.homefirst.workers.nelft.NelftProperties;
import org.homefirst.workers.nelft.RehabBedRequests;
import org.homefirst.workers.partners.CircuitBreakerProperties;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.reablement.ReablementRequests;
import org.homefirst.workers.voluntary.VoluntaryProperties;
import org.homefirst.workers.withdrawal.ReferralWithdrawals;
import org.homefirst.workers.withdrawal.WithdrawalProperties;
import javax.sql.DataSource;
import org.homefirst.workers.cluster.ClusterSchedules;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The partner adapters as the application wires them: the documented configuration keys bind,
 * simulators start when {@code simulate} is on and stop with the application.
 */
class PartnerWiringTest {

  @Configuration(proxyBeanMethods = false)
  @ComponentScan({"org.homefirst.workers.partners", "org.homefirst.workers.nelft", "org.homefirst.workers.council",
      "org.homefirst.workers.voluntary", "org.homefirst.workers.reablement", "org.homefirst.workers.withdrawal"})
  static class PartnerWorkers {}

  private final ApplicationContextRunner app = new ApplicationContextRunner()
      .withBean(JdbcClient.class, PartnerTestDatabase::jdbc)
      .withBean(Clock.class, Clock::systemUTC)
      // the cluster lock the polls take, on the test PostgreSQL (no engine: decisions stay undelivered)
      .withBean(DataSource.class, TestDatabase::dataSource)
      .withUserConfiguration(ClusterSchedules.class)
      .withUserConfiguration(PartnerWorkers.class, ServiceRequestCancellation.class);

  @Test
  void theDemoDefaultsStartASimulatorForEveryPartnerAndStopThemAfter() {
    int[] port = new int[1];
    app.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(RehabBedRequests.class).hasSingleBean(ReablementRequests.class)
          .hasSingleBean(PartnerDecisions.class).hasSingleBean(NelftDecisions.class).hasSingleBean(CouncilDecisions.class)
          .hasSingleBean(ReferralWithdrawals.class).hasSingleBean(ServiceRequestCancellation.class);
      assertThat(context.getBean(WithdrawalProperties.class).jobBackoff()).hasSeconds(30);
      port[0] = context.getBean(NelftSimulator.class).port();
      assertThat(listening(port[0])).isTrue();
      assertThat(context.getBean(VoluntarySimulator.class).port()).isPositive();
      assertThat(context.getBean(Councils.class).of("lbbd").borough()).isEqualTo("lbbd");
      assertThat(context.getBean(Councils.class).of("lbr").borough()).isEqualTo("lbr");
    });
    assertThat(listening(port[0])).isFalse();
  }

  @Test
  void productionKeysBind() {
    app.withPropertyValues(
            "homefirst.partners.nelft.simulate=false",
            "homefirst.partners.nelft.base-url=https://fhir.nelft.example/R4",
            "homefirst.partners.nelft.poll-interval=PT2M",
            "homefirst.partners.council.poll-interval=PT10M",
            "homefirst.partners.withdrawal.job-backoff=PT1M",
            "homefirst.partners.council.simulate=false",
            "homefirst.partners.council.boroughs.lbh.base-url=https://asc.havering.example/api/v1",
            "homefirst.partners.council.boroughs.lbh.shared-secret=lbh-secret",
            "homefirst.partners.council.callbacks.replay-window=PT2M",
            "homefirst.partners.council.callbacks.max-body=32KB",
            "homefirst.partners.voluntary.simulate=false",
            "homefirst.partners.voluntary.base-url=https://referrals.voluntary.example/api",
            "homefirst.partners.voluntary.services.redcross-hnh.fallback-email=hnh@example.org")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(NelftSimulator.class);
          assertThat(context.getBean(NelftProperties.class).pollInterval()).hasMinutes(2);
          assertThat(context.getBean(CouncilProperties.class).pollInterval()).hasMinutes(10);
          assertThat(context.getBean(WithdrawalProperties.class).jobBackoff()).hasMinutes(1);
          assertThat(context.getBean(Councils.class).of("lbh").borough()).isEqualTo("lbh");
          assertThatThrownBy(() -> context.getBean(Councils.class).of("lbr"))
              .hasMessageContaining("homefirst.partners.council.boroughs.lbr.base-url");
          byte[] body = "{\"id\":\"ASC-LBH-none\",\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);
          String now = String.valueOf(Instant.now().getEpochSecond());
          CouncilCallbacks callbacks = context.getBean(CouncilCallbacks.class);
          assertThat(callbacks.receive("lbh", body, now, CouncilCallbacks.sign("lbh-secret", now, body))
              .verdict()).as("the secret bound: the signature is accepted, the referral is unknown")
              .isEqualTo(CouncilCallbacks.Verdict.UNKNOWN_REFERRAL);
          assertThat(context.getBean(CouncilCallbackProperties.class).replayWindow()).hasMinutes(2);
          assertThat(callbacks.maxBodyBytes()).isEqualTo(32 * 1024);
          assertThat(context.getBean(VoluntaryProperties.class).services().get("redcross-hnh").fallbackEmail())
              .isEqualTo("hnh@example.org");
        });
  }

  @Test
  void theCircuitBreakerKeysBindWithDefaults() {
    app.run(context -> assertThat(context.getBean(CircuitBreakerProperties.class))
        .isEqualTo(new CircuitBreakerProperties(10, Duration.ofSeconds(30))));
    app.withPropertyValues("homefirst.partners.circuit-breaker.failures=4",
            "homefirst.partners.circuit-breaker.open-for=PT2M")
        .run(context -> assertThat(context.getBean(CircuitBreakerProperties.class))
            .isEqualTo(new CircuitBreakerProperties(4, Duration.ofMinutes(2))));
    app.withPropertyValues("homefirst.partners.circuit-breaker.failures=0")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void aRealEndpointIsRequiredWhenNotSimulating() {
    app.withPropertyValues("homefirst.partners.nelft.simulate=false")
        .run(context -> assertThat(context).hasFailed().getFailure()
            .hasRootCauseMessage("homefirst.partners.nelft.base-url is required when simulate is false"));
  }

  private static boolean listening(int port) {
    try (Socket ignored = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
