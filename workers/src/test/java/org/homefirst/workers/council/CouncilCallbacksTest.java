package org.homefirst.workers.council;

import static org.homefirst.workers.TestEngine.journey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.CouncilCallbacks.Verdict;
import org.homefirst.workers.partners.Idempotency;
import org.homefirst.workers.partners.PartnerDecisions;
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.RequestThenWait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.homefirst.workers.TestEngine;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.cluster.ClusterSchedules;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.partners.RecordingMessages;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed council callbacks on a real Operaton engine: a genuine decision is recorded once
 * and published to the journey waiting for it; a forged, unknown or malformed one changes
 * nothing and publishes nothing.
 */
class CouncilCallbacksTest {

  private static final String SECRET = "lbh-callback-secret";

  @RegisterExtension
  static ProcessEngineExtension extension = TestEngine.extension();

  private final RecordingMessages messages = new RecordingMessages();
  private PartnerExchanges exchanges;
  private PartnerReferrals referrals;
  private CouncilCallbacks callbacks;
  private CouncilSimulator simulator;
  private UUID referralId;
  private String journey;
  private String key;
  private String councilId;

  @BeforeEach
  void referSomeone() {
    simulator = CouncilSimulator.start("lbh", 0);
    JdbcClient db = PartnerTestDatabase.fresh();
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    PartnerDecisions decisions = new PartnerDecisions(referrals, exchanges, messages);
    callbacks = new CouncilCallbacks(Map.of("lbh", SECRET), referrals, exchanges, decisions);
    CouncilProperties properties = new CouncilProperties(Duration.ofMillis(500), 2, Duration.ofMillis(10),
        Duration.ofMinutes(1), Duration.ofSeconds(5), false, Duration.ZERO, Map.of());
    CouncilRequests worker = new CouncilRequests(new Councils(Map.of("lbh", new CouncilAdultSocialCare("lbh",
        simulator.baseUrl(), new PartnerHttp("council-lbh", properties.http(null), exchanges), referrals))),
        properties, decisions);
    RequestThenWait.deploy("interim-bed", "homefirst.council.request-interim-bed", "interimBedRequestKey");
    referralId = UUID.randomUUID();
    journey = TestEngine.start("interim-bed", Map.of("referralId", referralId.toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "borough", "lbh", "hospital", "bhrut-kgh",
            "ward", "Ward 7"));
    Job job = TestEngine.runner(worker.jobWorkers()).runOnce().get(0);
    key = Idempotency.key(job.key());
    councilId = simulator.referrals().get(0).id();
    journey(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }


  private CouncilCallbacks.Result receive(String borough, String body, String signature) {
    CouncilCallbacks.Result result = callbacks.receive(borough, body, signature);
    return result;
  }

  private String status() {
    return referrals.byKey(key).orElseThrow().status();
  }

  @Test
  void aSignedDecisionIsRecordedAndPublishedToTheWaitingJourneyOnce() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"declined\",\"reason\":\"Not eligible\"}";
    int asked = simulator.requestCount();

    CouncilCallbacks.Result result = receive("lbh", body, CouncilCallbacks.sign(SECRET, body));

    assertThat(result.verdict()).isEqualTo(Verdict.APPLIED);
    assertThat(result.verdict().httpStatus()).isEqualTo(204);
    assertThat(status()).isEqualTo("rejected");
    journey(journey).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "Not eligible").hasVariableWithValue("rejectedBy", "council-lbh");
    assertThat(simulator.requestCount()).as("the council is not asked").isEqualTo(asked);
    assertThat(exchanges.forReferral(referralId)).anySatisfy(e -> assertThat(e.operation()).isEqualTo("callback"));

    // the same callback again, then later news: on record, never a second decision
    assertThat(receive("lbh", body, CouncilCallbacks.sign(SECRET, body)).verdict()).isEqualTo(Verdict.APPLIED);
    String closed = "{\"id\":\"" + councilId + "\",\"status\":\"closed\"}";
    assertThat(receive("lbh", closed, CouncilCallbacks.sign(SECRET, closed)).verdict()).isEqualTo(Verdict.APPLIED);
    assertThat(status()).isEqualTo("completed");
    assertThat(messages.published(key)).singleElement()
        .isEqualTo(Map.of("partnerDecision", "rejected", "rejectionReason", "Not eligible", "rejectedBy", "council-lbh"));
  }

  @Test
  void aForgedCallbackIsRefusedAndChangesNothing() {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"accepted\"}";
    int exchangesBefore = exchanges.forReferral(referralId).size();

    assertThat(receive("lbh", body, CouncilCallbacks.sign("guessed-secret", body)).verdict())
        .isEqualTo(Verdict.FORGED);
    assertThat(receive("lbh", body, null).verdict()).isEqualTo(Verdict.FORGED);
    String signedOther = "{\"id\":\"" + councilId + "\",\"status\":\"received\"}";
    assertThat(receive("lbh", body, CouncilCallbacks.sign(SECRET, signedOther)).verdict())
        .isEqualTo(Verdict.FORGED);
    assertThat(receive("lbr", body, CouncilCallbacks.sign(SECRET, body)).verdict())
        .isEqualTo(Verdict.FORGED);

    assertThat(status()).isEqualTo("requested");
    assertThat(exchanges.forReferral(referralId)).hasSize(exchangesBefore);
    assertThat(messages.published(key)).isEmpty();
    journey(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }

  @Test
  void aCallbackAboutAReferralWeNeverMadeIsRefused() {
    String body = "{\"id\":\"ASC-LBH-unknown\",\"status\":\"accepted\"}";

    CouncilCallbacks.Result result = receive("lbh", body, CouncilCallbacks.sign(SECRET, body));

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN_REFERRAL);
    assertThat(result.message()).contains("ASC-LBH-unknown");
    assertThat(status()).isEqualTo("requested");
    assertThat(messages.published(key)).isEmpty();
  }

  @Test
  void aSignedCallbackWithAnUnknownStatusOrBrokenBodyIsRefused() {
    String unknown = "{\"id\":\"" + councilId + "\",\"status\":\"maybe\"}";
    String broken = "{\"id\":";

    assertThat(receive("lbh", unknown, CouncilCallbacks.sign(SECRET, unknown)).verdict())
        .isEqualTo(Verdict.BAD_DATA);
    assertThat(receive("lbh", broken, CouncilCallbacks.sign(SECRET, broken)).verdict())
        .isEqualTo(Verdict.BAD_DATA);
    assertThat(status()).isEqualTo("requested");
    assertThat(messages.published(key)).isEmpty();
    journey(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }
}
