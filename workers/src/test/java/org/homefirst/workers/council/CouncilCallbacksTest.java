package org.homefirst.workers.council;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signed council callbacks on Zeebe Process Test's engine: a genuine decision is recorded once
 * and published to the journey waiting for it; a forged, unknown or malformed one changes
 * nothing and publishes nothing.
 */
@ZeebeProcessTest
class CouncilCallbacksTest {

  private static final String SECRET = "lbh-callback-secret";

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  private PartnerExchanges exchanges;
  private PartnerReferrals referrals;
  private CouncilCallbacks callbacks;
  private CouncilSimulator simulator;
  private UUID referralId;
  private ProcessInstanceEvent journey;
  private String key;
  private String councilId;

  @BeforeEach
  void referSomeone() throws Exception {
    simulator = CouncilSimulator.start("lbh", 0);
    JdbcClient db = PartnerTestDatabase.fresh();
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    PartnerDecisions decisions = new PartnerDecisions(referrals, exchanges, client, Duration.ofDays(1));
    callbacks = new CouncilCallbacks(Map.of("lbh", SECRET), referrals, exchanges, decisions);
    CouncilProperties properties = new CouncilProperties(Duration.ofMillis(500), 2, Duration.ofMillis(10),
        Duration.ofMinutes(1), Duration.ofSeconds(5), false, Duration.ZERO, Map.of());
    CouncilRequests worker = new CouncilRequests(new Councils(Map.of("lbh", new CouncilAdultSocialCare("lbh",
        simulator.baseUrl(), new PartnerHttp("council-lbh", properties.http(null), exchanges), referrals))),
        properties, decisions);
    RequestThenWait.deploy(client, "interim-bed", "homefirst.council.request-interim-bed", "interimBedRequestKey");
    referralId = UUID.randomUUID();
    journey = client.newCreateInstanceCommand().bpmnProcessId("interim-bed").latestVersion()
        .variables(Map.of("referralId", referralId.toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "borough", "lbh", "hospital", "bhrut-kgh",
            "ward", "Ward 7"))
        .send().join();
    idle();
    ActivatedJob job = client.newActivateJobsCommand().jobType("homefirst.council.request-interim-bed")
        .maxJobsToActivate(1).send().join().getJobs().get(0);
    worker.requestInterimBed(client, job);
    idle();
    key = Idempotency.key(job.getKey());
    councilId = simulator.referrals().get(0).id();
    assertThat(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private void idle() throws Exception {
    engine.waitForIdleState(Duration.ofSeconds(5));
  }

  private CouncilCallbacks.Result receive(String borough, String body, String signature) throws Exception {
    CouncilCallbacks.Result result = callbacks.receive(borough, body, signature);
    idle();
    return result;
  }

  private String status() {
    return referrals.byKey(key).orElseThrow().status();
  }

  @Test
  void aSignedDecisionIsRecordedAndPublishedToTheWaitingJourneyOnce() throws Exception {
    String body = "{\"id\":\"" + councilId + "\",\"status\":\"declined\",\"reason\":\"Not eligible\"}";
    int asked = simulator.requestCount();

    CouncilCallbacks.Result result = receive("lbh", body, CouncilCallbacks.sign(SECRET, body));

    assertThat(result.verdict()).isEqualTo(Verdict.APPLIED);
    assertThat(result.verdict().httpStatus()).isEqualTo(204);
    assertThat(status()).isEqualTo("rejected");
    assertThat(journey).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "Not eligible").hasVariableWithValue("rejectedBy", "council-lbh");
    assertThat(simulator.requestCount()).as("the council is not asked").isEqualTo(asked);
    assertThat(exchanges.forReferral(referralId)).anySatisfy(e -> assertThat(e.operation()).isEqualTo("callback"));

    // the same callback again, then later news: on record, never a second decision
    assertThat(receive("lbh", body, CouncilCallbacks.sign(SECRET, body)).verdict()).isEqualTo(Verdict.APPLIED);
    String closed = "{\"id\":\"" + councilId + "\",\"status\":\"closed\"}";
    assertThat(receive("lbh", closed, CouncilCallbacks.sign(SECRET, closed)).verdict()).isEqualTo(Verdict.APPLIED);
    assertThat(status()).isEqualTo("completed");
    assertThat(RequestThenWait.published(key)).singleElement()
        .isEqualTo(Map.of("partnerDecision", "rejected", "rejectionReason", "Not eligible", "rejectedBy", "council-lbh"));
  }

  @Test
  void aForgedCallbackIsRefusedAndChangesNothing() throws Exception {
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
    assertThat(RequestThenWait.published(key)).isEmpty();
    assertThat(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }

  @Test
  void aCallbackAboutAReferralWeNeverMadeIsRefused() throws Exception {
    String body = "{\"id\":\"ASC-LBH-unknown\",\"status\":\"accepted\"}";

    CouncilCallbacks.Result result = receive("lbh", body, CouncilCallbacks.sign(SECRET, body));

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN_REFERRAL);
    assertThat(result.message()).contains("ASC-LBH-unknown");
    assertThat(status()).isEqualTo("requested");
    assertThat(RequestThenWait.published(key)).isEmpty();
  }

  @Test
  void aSignedCallbackWithAnUnknownStatusOrBrokenBodyIsRefused() throws Exception {
    String unknown = "{\"id\":\"" + councilId + "\",\"status\":\"maybe\"}";
    String broken = "{\"id\":";

    assertThat(receive("lbh", unknown, CouncilCallbacks.sign(SECRET, unknown)).verdict())
        .isEqualTo(Verdict.BAD_DATA);
    assertThat(receive("lbh", broken, CouncilCallbacks.sign(SECRET, broken)).verdict())
        .isEqualTo(Verdict.BAD_DATA);
    assertThat(status()).isEqualTo("requested");
    assertThat(RequestThenWait.published(key)).isEmpty();
    assertThat(journey).isWaitingAtElements(RequestThenWait.WAIT);
  }
}
