package org.homefirst.workers.council;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilAdultSocialCare.Progress;
import org.homefirst.workers.council.CouncilAdultSocialCare.RequestType;
import org.homefirst.workers.council.CouncilAdultSocialCare.Status;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerExchanges.Exchange;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The council adapter against a council simulator on a random port and a real PostgreSQL. */
class CouncilAdultSocialCareTest {

  private final PartnerExchanges exchanges = PartnerTestDatabase.exchanges();
  private final PartnerReferrals referrals = PartnerTestDatabase.referrals();
  private CouncilSimulator simulator;
  private CouncilAdultSocialCare council;
  private UUID referralId;
  private long jobKey;

  @BeforeEach
  void start() {
    simulator = CouncilSimulator.start("lbh", 0);
    council = new CouncilAdultSocialCare("lbh", simulator.baseUrl(), new PartnerHttp("council-lbh",
        new PartnerHttp.Settings(Duration.ofMillis(400), 3, Duration.ofMillis(10), null), exchanges), referrals);
    referralId = UUID.randomUUID();
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private CouncilAdultSocialCare.Request request() {
    return new CouncilAdultSocialCare.Request(referralId, RequestType.CARE_PACKAGE, NhsNumber.parse("9434765919"),
        "Ada", "Jones", LocalDate.of(1941, 3, 2), "bhrut-queens", "Ward 7", Map.of());
  }

  @Test
  void requestsOnceAndReadsTheDecision() {
    PartnerReferral first = council.request(request(), jobKey);

    assertThat(first.status()).isEqualTo("requested");
    assertThat(simulator.referrals()).singleElement().satisfies(r -> {
      assertThat(r.id()).isEqualTo(first.downstreamId());
      assertThat(r.type()).isEqualTo("care-package");
      assertThat(r.nhsNumber()).isEqualTo("9434765919");
      assertThat(r.idempotencyKey()).isEqualTo(Idempotency.key(jobKey));
    });
    assertThat(council.progress(first).status()).isEqualTo(Status.RECEIVED);

    simulator.accept(first.downstreamId());
    // a retried job gets its referral from our record, without asking the council
    int asked = simulator.requestCount();
    assertThat(council.request(request(), jobKey)).isEqualTo(first);
    assertThat(simulator.requestCount()).isEqualTo(asked);
    Progress decided = council.progress(first);
    assertThat(decided.downstreamId()).isEqualTo(first.downstreamId());
    assertThat(decided.status()).isEqualTo(Status.ACCEPTED);
    assertThat(decided.correlationId()).isNotBlank();

    assertThat(simulator.referrals()).hasSize(1);
    assertThat(referrals.byKey(Idempotency.key(jobKey))).get()
        .satisfies(r -> assertThat(r.status()).as("reading a decision records nothing").isEqualTo("requested"));
    // the request is on the journey; the reads, mostly finding nothing new, are logged by key only
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::system, Exchange::operation, Exchange::responseStatus)
        .containsExactly(tuple("council-lbh", "request-care-package", 201));
    assertThat(PartnerTestDatabase.jdbc().sql("select count(*) from partner_exchange where idempotency_key = ? "
            + "and operation = 'read-referral' and referral_id is null").param(Idempotency.key(jobKey))
        .query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void aJobRetriedAfterItsAnswerWasLostGetsTheSameReferral() {
    simulator.slow(Duration.ofMillis(1500));
    assertThatThrownBy(() -> council.request(request(), jobKey)).isInstanceOf(PartnerUnavailable.class);
    assertThat(simulator.referrals()).hasSize(1);

    simulator.normal();
    PartnerReferral retried = council.request(request(), jobKey);

    assertThat(simulator.referrals()).singleElement().satisfies(r -> assertThat(r.id()).isEqualTo(retried.downstreamId()));
  }

  @Test
  void failingThenDownThenBack() {
    simulator.failing(500);
    assertThatThrownBy(() -> council.request(request(), jobKey))
        .isInstanceOf(PartnerUnavailable.class).hasMessageContaining("HTTP 500");
    simulator.down();
    assertThatThrownBy(() -> council.request(request(), jobKey))
        .isInstanceOf(PartnerUnavailable.class).hasMessageContaining("not reachable");
    assertThat(referrals.forReferral(referralId)).isEmpty();

    simulator.up();
    simulator.normal();
    assertThat(council.request(request(), jobKey).status()).isEqualTo("requested");
    assertThat(simulator.referrals()).hasSize(1);
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::outcome)
        .containsExactly("http-error", "http-error", "http-error", "unreachable", "unreachable", "unreachable", "ok");
  }

  @Test
  void aDeclineInTheAnswerToTheRequestIsRecordedWithItsReason() {
    simulator.declining("Needs are met by the existing package");

    PartnerReferral made = council.request(request(), jobKey);

    assertThat(made.status()).isEqualTo("rejected");
    assertThat(made.statusReason()).isEqualTo("Needs are met by the existing package");
    assertThat(referrals.byKey(Idempotency.key(jobKey))).get().satisfies(r -> {
      assertThat(r.status()).isEqualTo("rejected");
      assertThat(r.statusReason()).isEqualTo("Needs are met by the existing package");
    });
  }

  @Test
  void anAnswerThatIsNotJsonIsRejectedAndNothingIsStored() {
    simulator.behave(Behaviour.MALFORMED);

    assertThatThrownBy(() -> council.request(request(), jobKey))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("Bad data from council-lbh")
        .hasMessageContaining("not JSON");
    assertThat(referrals.forReferral(referralId)).isEmpty();
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::outcome).containsExactly("bad-data");
  }

  @Test
  void anUnknownStatusCodeIsRejectedAndNothingIsStored() {
    simulator.behave(Behaviour.UNKNOWN_CODES);

    assertThatThrownBy(() -> council.request(request(), jobKey))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("unknown referral status awaiting-panel");
    assertThat(referrals.forReferral(referralId)).isEmpty();
  }

  @Test
  void aReadWithAnUnknownStatusOrAboutAnotherReferralIsRejected() {
    PartnerReferral made = council.request(request(), jobKey);
    simulator.accept(made.downstreamId());
    simulator.behave(Behaviour.UNKNOWN_CODES);

    assertThatThrownBy(() -> council.progress(made))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("unknown referral status");
    assertThat(referrals.byKey(Idempotency.key(jobKey))).get().satisfies(r -> assertThat(r.status()).isEqualTo("requested"));
  }
}
