package org.homefirst.workers.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.partners.CircuitBreakerProperties;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerExchanges.Exchange;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker every partner adapter has, through the council adapter against a council
 * simulator: a partner that keeps failing is no longer called until a trial call finds it back.
 * The breaker's clock is the adapter's, moved on by hand, so nothing waits for it.
 */
class PartnerCircuitBreakerTest {

  /** A clock the test moves on. */
  private static final class TestClock extends Clock {
    private volatile Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }
  }

  private static final Duration OPEN_FOR = Duration.ofMinutes(1);

  private final TestClock clock = new TestClock();
  private final PartnerExchanges exchanges = new PartnerExchanges(PartnerTestDatabase.jdbc(), clock);
  private CouncilSimulator simulator;
  private PartnerHttp http;
  private CouncilAdultSocialCare council;
  private UUID referralId;

  @BeforeEach
  void start() {
    simulator = CouncilSimulator.start("lbh", 0);
    // 2 attempts per call, open after 3 failed attempts in a row
    http = new PartnerHttp("council-lbh", new PartnerHttp.Settings(Duration.ofMillis(400), 2, Duration.ofMillis(10),
        null, new CircuitBreakerProperties(3, OPEN_FOR)), exchanges);
    council = new CouncilAdultSocialCare("lbh", simulator.baseUrl(), http, PartnerTestDatabase.referrals());
    referralId = UUID.randomUUID();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private CouncilAdultSocialCare.Request request() {
    return new CouncilAdultSocialCare.Request(referralId, RequestType.CARE_PACKAGE, NhsNumber.parse("9434765919"),
        "Ada", "Jones", LocalDate.of(1941, 3, 2), "bhrut-queens", "Ward 7", Map.of());
  }

  private static long jobKey() {
    return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  @Test
  void aPartnerThatKeepsFailingIsRefusedAtOnceAndEachRefusalIsRecorded() {
    simulator.failing(503);
    assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("failed after 2 attempts").hasMessageContaining("HTTP 503");
    assertThat(http.breakerState()).isEqualTo(State.CLOSED);

    // the third failed attempt opens the breaker: the call's second attempt is not made
    assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("circuit breaker open");
    assertThat(http.breakerState()).isEqualTo(State.OPEN);
    assertThat(simulator.requestCount()).isEqualTo(3);

    // open: the council is not called at all, the job gets the same fault as for a partner down
    assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("not called: circuit breaker open after 3 failed attempts in a row");
    assertThat(simulator.requestCount()).isEqualTo(3);

    assertThat(exchanges.forReferral(referralId))
        .extracting(Exchange::attempt, Exchange::responseStatus, Exchange::outcome)
        .containsExactly(
            tuple(1, 503, "http-error"), tuple(2, 503, "http-error"),
            tuple(1, 503, "http-error"), tuple(2, null, "circuit-open"),
            tuple(1, null, "circuit-open"));
    assertThat(exchanges.forReferral(referralId)).filteredOn(e -> e.outcome().equals("circuit-open"))
        .allSatisfy(e -> {
          assertThat(e.system()).isEqualTo("council-lbh");
          assertThat(e.idempotencyKey()).as("the refused call's key is on its row").startsWith("homefirst-job-");
          assertThat(e.error()).contains("not called").contains("3 failed attempts in a row");
        });
  }

  @Test
  void aTrialCallAfterTheWaitClosesTheBreakerWhenThePartnerIsBack() {
    simulator.down();
    assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class);
    assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class);
    assertThat(http.breakerState()).isEqualTo(State.OPEN);

    simulator.up();
    simulator.behave(Behaviour.NORMAL);
    // back, but the breaker has not waited yet: still refused without a call
    assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("not called");
    assertThat(simulator.requestCount()).isZero();

    clock.advance(OPEN_FOR.plusSeconds(1));
    assertThat(council.request(request(), jobKey()).status()).isEqualTo("requested");
    assertThat(http.breakerState()).isEqualTo(State.CLOSED);
    assertThat(council.request(request(), jobKey()).status()).isEqualTo("requested");
    assertThat(simulator.referrals()).hasSize(2);
  }

  @Test
  void aTrialCallThatFailsOpensTheBreakerAgain() {
    simulator.failing(500);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class);
    }
    assertThat(http.breakerState()).isEqualTo(State.OPEN);
    int asked = simulator.requestCount();

    clock.advance(OPEN_FOR.plusSeconds(1));
    assertThatThrownBy(() -> council.request(request(), jobKey())).isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("circuit breaker open");
    assertThat(simulator.requestCount()).as("one trial attempt, then refused again").isEqualTo(asked + 1);
    assertThat(http.breakerState()).isEqualTo(State.OPEN);
  }

  @Test
  void aCouncilDecliningIsAnAnswerThatKeepsTheBreakerClosed() {
    simulator.declining("No capacity in the borough");
    for (int i = 0; i < 4; i++) {
      council.request(request(), jobKey());
    }
    assertThat(http.breakerState()).isEqualTo(State.CLOSED);
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::attempt).containsOnly(1);
  }
}
