package org.homefirst.workers.nelft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.patient.NhsNumber;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.nelft.NelftCommunitySystem.Progress;
import org.homefirst.workers.nelft.NelftCommunitySystem.Status;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDataRejected;
import org.homefirst.workers.partners.PartnerExchanges.Exchange;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals.PartnerReferral;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.PartnerUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The NELFT adapter against the NELFT FHIR simulator on a random port and a real PostgreSQL. */
class NelftCommunitySystemTest {

  private final PartnerExchanges exchanges = PartnerTestDatabase.exchanges();
  private final PartnerReferrals referrals = PartnerTestDatabase.referrals();
  private NelftSimulator simulator;
  private NelftCommunitySystem nelft;
  private UUID referralId;
  private long jobKey;

  @BeforeEach
  void start() {
    simulator = NelftSimulator.start(0);
    nelft = new NelftCommunitySystem(simulator.baseUrl(), new PartnerHttp(NelftCommunitySystem.SYSTEM,
        new PartnerHttp.Settings(Duration.ofMillis(400), 3, Duration.ofMillis(10), null), exchanges),
        referrals, Clock.systemUTC());
    referralId = UUID.randomUUID();
    jobKey = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private NelftCommunitySystem.Referral referral() {
    return new NelftCommunitySystem.Referral(referralId, NhsNumber.parse("943 476 5919"), "Ada", "Jones",
        LocalDate.of(1941, 3, 2), "bhrut-queens", "Ward 7", NelftCommunitySystem.Service.IRS_BED);
  }

  @Test
  void refersThePatientByNhsNumberOnceAndReadsTheDecisionFromTheTask() {
    PartnerReferral first = nelft.refer(referral(), jobKey);

    assertThat(first.status()).isEqualTo("requested");
    assertThat(first.idempotencyKey()).isEqualTo(Idempotency.key(jobKey));
    assertThat(simulator.referrals()).singleElement().satisfies(r -> {
      assertThat(r.serviceRequestId()).isEqualTo(first.downstreamId());
      assertThat(r.nhsNumber()).isEqualTo("9434765919");
      assertThat(r.service()).isEqualTo("nelft-irs");
      assertThat(r.idempotencyKey()).isEqualTo(Idempotency.key(jobKey));
      assertThat(r.identifier()).isEqualTo(Idempotency.key(jobKey));
    });
    assertThat(nelft.decisionsOn(List.of(first))).extracting(Progress::status).containsExactly(Status.REQUESTED);

    simulator.accept(first.downstreamId());
    PartnerReferral again = nelft.refer(referral(), jobKey);

    assertThat(again).isEqualTo(first);
    assertThat(nelft.decisionsOn(List.of(first))).singleElement().satisfies(p -> {
      assertThat(p.downstreamId()).isEqualTo(first.downstreamId());
      assertThat(p.status()).isEqualTo(Status.ACCEPTED);
      assertThat(p.reason()).isNull();
      assertThat(p.correlationId()).isNotBlank();
    });
    assertThat(simulator.referrals()).hasSize(1);
    assertThat(referrals.byKey(Idempotency.key(jobKey))).get()
        .satisfies(r -> {
          assertThat(r.downstreamId()).isEqualTo(first.downstreamId());
          assertThat(r.status()).as("reading a decision records nothing").isEqualTo("requested");
          assertThat(r.referralId()).isEqualTo(referralId);
        });
    // the journey shows the referral; the searches, about many referrals at once, belong to none
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::operation, Exchange::responseStatus,
            Exchange::outcome)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("create-service-request", 201, "ok"));
    assertThat(exchanges.forReferral(referralId)).allSatisfy(e -> {
      assertThat(e.idempotencyKey()).isEqualTo(Idempotency.key(jobKey));
      assertThat(e.correlationId()).isNotBlank();
      assertThat(e.requestSummary()).doesNotContain("9434765919");
    });
  }

  @Test
  void oneSearchReadsTheDecisionsOnManyReferrals() {
    List<PartnerReferral> made = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      made.add(nelft.refer(referral(), jobKey + i));
    }
    simulator.accept(made.get(0).downstreamId());
    simulator.reject(made.get(2).downstreamId(), "No IRS bed in the next 72 hours");
    int before = simulator.requestCount();

    List<Progress> found = nelft.decisionsOn(made);

    assertThat(simulator.requestCount() - before).isEqualTo(1);
    assertThat(found).extracting(Progress::downstreamId, Progress::status, Progress::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(made.get(0).downstreamId(), Status.ACCEPTED, null),
        org.assertj.core.groups.Tuple.tuple(made.get(1).downstreamId(), Status.REQUESTED, null),
        org.assertj.core.groups.Tuple.tuple(made.get(2).downstreamId(), Status.REJECTED, "No IRS bed in the next 72 hours"));
  }

  /**
   * The simulator, like a FHIR server, knows no Idempotency-Key: only the conditional create on
   * our identifier keeps the retries (three attempts, then the job's retry) from making four.
   */
  @Test
  void aJobRetriedAfterItsAnswerWasLostGetsTheSameReferral() {
    simulator.slow(Duration.ofMillis(1500));

    assertThatThrownBy(() -> nelft.refer(referral(), jobKey))
        .isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("no answer within");
    // NELFT did the work although every answer came too late; the retries found it by our identifier
    assertThat(simulator.referrals()).hasSize(1);
    assertThat(referrals.byKey(Idempotency.key(jobKey))).isEmpty();

    simulator.normal();
    PartnerReferral retried = nelft.refer(referral(), jobKey);

    assertThat(simulator.referrals()).singleElement()
        .satisfies(r -> assertThat(r.serviceRequestId()).isEqualTo(retried.downstreamId()));
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::outcome)
        .containsExactly("timeout", "timeout", "timeout", "ok");
  }

  @Test
  void aJobRetriedAfterACrashBeforeRecordingGetsTheSameReferral() {
    PartnerReferral first = nelft.refer(referral(), jobKey);
    PartnerTestDatabase.jdbc().sql("delete from partner_referral where idempotency_key = ?")
        .param(Idempotency.key(jobKey)).update();

    PartnerReferral second = nelft.refer(referral(), jobKey);

    assertThat(second.downstreamId()).isEqualTo(first.downstreamId());
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void differentJobsMakeDifferentReferrals() {
    nelft.refer(referral(), jobKey);
    nelft.refer(referral(), jobKey + 1);

    assertThat(simulator.referrals()).hasSize(2);
  }

  @Test
  void aFailingPartnerIsRetriedWithBackoffThenReportedAsAFault() {
    simulator.failing(503);

    assertThatThrownBy(() -> nelft.refer(referral(), jobKey))
        .isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("after 3 attempts")
        .hasMessageContaining("HTTP 503")
        .satisfies(e -> assertThat(((PartnerUnavailable) e).lastStatus()).isEqualTo(503));
    assertThat(simulator.referrals()).isEmpty();
    assertThat(referrals.forReferral(referralId)).isEmpty();
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::attempt, Exchange::responseStatus)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 503), org.assertj.core.groups.Tuple.tuple(2, 503),
            org.assertj.core.groups.Tuple.tuple(3, 503));

    simulator.normal();
    assertThat(nelft.refer(referral(), jobKey).status()).isEqualTo("requested");
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void passingFailuresAreRidOutWithinOneCall() {
    simulator.failNext(2, 500);

    PartnerReferral made = nelft.refer(referral(), jobKey);

    assertThat(made.status()).isEqualTo("requested");
    assertThat(simulator.referrals()).hasSize(1);
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::responseStatus)
        .containsExactly(500, 500, 201);
  }

  @Test
  void aPartnerThatIsDownIsAFaultUntilItComesBack() {
    simulator.down();

    assertThatThrownBy(() -> nelft.refer(referral(), jobKey))
        .isInstanceOf(PartnerUnavailable.class)
        .hasMessageContaining("not reachable");
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::outcome)
        .containsExactly("unreachable", "unreachable", "unreachable");

    simulator.up();
    assertThat(nelft.refer(referral(), jobKey).status()).isEqualTo("requested");
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void aRejectionComesBackWithItsReason() {
    simulator.rejecting("No IRS bed in the next 72 hours");

    PartnerReferral made = nelft.refer(referral(), jobKey);

    assertThat(nelft.decisionsOn(List.of(made))).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo(Status.REJECTED);
      assertThat(p.reason()).isEqualTo("No IRS bed in the next 72 hours");
    });
  }

  @Test
  void malformedFhirIsRejectedClearlyAndNothingIsStored() {
    simulator.behave(Behaviour.MALFORMED);

    assertThatThrownBy(() -> nelft.refer(referral(), jobKey))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("Bad data from NELFT")
        .hasMessageContaining("FHIR R4");
    assertThat(referrals.forReferral(referralId)).isEmpty();
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::outcome).containsExactly("bad-data");
  }

  @Test
  void anUnknownTaskStatusOrABrokenSearchIsRefusedAndChangesNothing() {
    PartnerReferral made = nelft.refer(referral(), jobKey);
    simulator.accept(made.downstreamId());

    simulator.behave(Behaviour.UNKNOWN_CODES);
    assertThatThrownBy(() -> nelft.decisionsOn(List.of(made)))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("pending-review");
    simulator.behave(Behaviour.MALFORMED);
    assertThatThrownBy(() -> nelft.decisionsOn(List.of(made)))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("Bad data from NELFT");

    assertThat(referrals.byKey(Idempotency.key(jobKey))).get()
        .satisfies(r -> assertThat(r.status()).isEqualTo("requested"));
    assertThat(PartnerTestDatabase.jdbc().sql(
            "select outcome from partner_exchange where operation = 'search-tasks' order by id desc limit 2")
        .query(String.class).list()).as("both searches are on record as bad data").containsOnly("bad-data");
  }

  @Test
  void aJobKeyAlreadyUsedForAnotherPatientIsNeverAnsweredWithTheirReferral() {
    nelft.refer(referral(), jobKey);
    referralId = UUID.randomUUID();

    assertThatThrownBy(() -> nelft.refer(referral(), jobKey))
        .isInstanceOf(org.homefirst.workers.partners.IdempotencyConflict.class)
        .hasMessageContaining("engine state reset");
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void twoServiceRequestsCarryingOurIdentifierAreRefusedNotChosenBetween() throws Exception {
    String key = Idempotency.key(jobKey);
    String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(nelft.serviceRequest(referral(), key));
    HttpClient client = HttpClient.newHttpClient();
    for (int i = 0; i < 2; i++) {
      // made without the condition (another system, or a copy): NELFT holds two with our identifier
      client.send(HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/ServiceRequest"))
          .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.discarding());
    }

    assertThatThrownBy(() -> nelft.refer(referral(), jobKey))
        .isInstanceOf(PartnerDataRejected.class)
        .hasMessageContaining("HTTP 412 duplicate");
    assertThat(simulator.referrals()).hasSize(2);
    assertThat(referrals.byKey(key)).isEmpty();
  }
}
