package org.homefirst.workers.nelft;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.nelft.NelftSimulator;
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
 * NELFT's decision poller on Zeebe Process Test's engine with the NELFT simulator and
 * PostgreSQL: one search for all open referrals, each decision published once to the journey
 * waiting for it; NELFT down, an answer we cannot trust, or the engine not taking the message
 * lose nothing: the next run picks it up.
 */
@ZeebeProcessTest
class NelftDecisionsTest {

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  private NelftSimulator simulator;
  private NelftCommunitySystem nelft;
  private RehabBedRequests worker;
  private NelftDecisions decisions;
  private PartnerReferrals referrals;
  private PartnerExchanges exchanges;
  private JdbcClient db;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void deploy() {
    simulator = NelftSimulator.start(0);
    NelftProperties properties = new NelftProperties(simulator.baseUrl(), Duration.ofMillis(400), 2,
        Duration.ofMillis(10), null, Duration.ofMinutes(1), Duration.ofSeconds(30), false, 0, Duration.ZERO);
    db = PartnerTestDatabase.fresh();
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    nelft = new NelftCommunitySystem(properties.baseUrl(),
        new PartnerHttp(NelftCommunitySystem.SYSTEM, properties.http(), exchanges), referrals, Clock.systemUTC());
    PartnerDecisions partnerDecisions = new PartnerDecisions(referrals, exchanges, client, Duration.ofDays(1));
    worker = new RehabBedRequests(nelft, properties, partnerDecisions);
    decisions = poller(partnerDecisions);
    RequestThenWait.deploy(client, "rehab-bed", RehabBedRequests.JOB_TYPE, "rehabBedRequestKey");
  }

  private NelftDecisions poller(PartnerDecisions partnerDecisions) {
    NelftDecisions poller = new NelftDecisions(nelft, referrals, partnerDecisions, Duration.ofMinutes(1));
    closing.add(poller);
    return poller;
  }

  @AfterEach
  void stop() throws Exception {
    simulator.close();
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  /** A journey whose bed request NELFT now holds; returns the instance and the request's key. */
  private Map.Entry<ProcessInstanceEvent, String> requested() throws Exception {
    ProcessInstanceEvent instance = client.newCreateInstanceCommand().bpmnProcessId("rehab-bed").latestVersion()
        .variables(Map.of("referralId", UUID.randomUUID().toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "hospital", "bhrut-kgh", "ward", "Ward 7"))
        .send().join();
    idle();
    ActivatedJob job = client.newActivateJobsCommand().jobType(RehabBedRequests.JOB_TYPE).maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(5)).send().join().getJobs().get(0);
    worker.requestRehabBed(client, job);
    idle();
    assertThat(instance).isWaitingAtElements(RequestThenWait.WAIT);
    return Map.entry(instance, Idempotency.key(job.getKey()));
  }

  private String serviceRequest(String key) {
    return referrals.byKey(key).orElseThrow().downstreamId();
  }

  private NelftDecisions.Run poll(NelftDecisions poller) throws Exception {
    NelftDecisions.Run run = poller.poll();
    idle();
    return run;
  }

  private void idle() throws Exception {
    engine.waitForIdleState(Duration.ofSeconds(5));
  }

  @Test
  void oneSearchAsksAboutEveryOpenReferralAndEachDecisionIsPublishedOnce() throws Exception {
    var accepted = requested();
    var rejected = requested();
    var undecided = requested();
    simulator.accept(serviceRequest(accepted.getValue()));
    simulator.reject(serviceRequest(rejected.getValue()), "Patient needs a stroke unit bed");
    int calls = simulator.requestCount();

    NelftDecisions.Run run = poll(decisions);

    assertThat(run).isEqualTo(new NelftDecisions.Run(3, 2, 0));
    assertThat(simulator.requestCount() - calls).as("one search, not one read per referral").isEqualTo(1);
    assertThat(accepted.getKey()).isCompleted().hasPassedElement("End_Accepted");
    assertThat(rejected.getKey()).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "Patient needs a stroke unit bed");
    assertThat(undecided.getKey()).isWaitingAtElements(RequestThenWait.WAIT);

    assertThat(poll(decisions)).as("only the undecided one is asked about again").isEqualTo(new NelftDecisions.Run(1, 0, 0));
    assertThat(RequestThenWait.published(accepted.getValue())).hasSize(1);
    assertThat(RequestThenWait.published(rejected.getValue())).singleElement().isEqualTo(Map.of(
        "partnerDecision", "rejected", "rejectionReason", "Patient needs a stroke unit bed", "rejectedBy", "NELFT"));
    assertThat(RequestThenWait.published(undecided.getValue())).isEmpty();
  }

  @Test
  void whileNelftIsDownEveryReferralKeepsWaitingAndNothingIsLost() throws Exception {
    var journey = requested();
    simulator.accept(serviceRequest(journey.getValue()));
    simulator.down();

    assertThat(poll(decisions).decided()).isZero();
    assertThat(journey.getKey()).isWaitingAtElements(RequestThenWait.WAIT);
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("requested");
    assertThat(RequestThenWait.published(journey.getValue())).isEmpty();

    simulator.up();
    assertThat(poll(decisions).decided()).isEqualTo(1);

    assertThat(journey.getKey()).isCompleted().hasPassedElement("End_Accepted");
  }

  @Test
  void anAnswerWeCannotTrustIsRefusedAndNothingIsRecordedOrPublished() throws Exception {
    var journey = requested();
    simulator.accept(serviceRequest(journey.getValue()));

    for (Behaviour bad : List.of(Behaviour.MALFORMED, Behaviour.UNKNOWN_CODES)) {
      simulator.behave(bad);
      assertThat(poll(decisions).decided()).as("%s", bad).isZero();
    }

    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("requested");
    assertThat(RequestThenWait.published(journey.getValue())).isEmpty();
    assertThat(journey.getKey()).isWaitingAtElements(RequestThenWait.WAIT);
    assertThat(db.sql("select outcome from partner_exchange where operation = 'search-tasks' order by id")
        .query(String.class).list()).as("both answers on record as bad data").containsExactly("bad-data", "bad-data");
    simulator.normal();
    assertThat(poll(decisions).decided()).as("asked again once NELFT answers properly").isEqualTo(1);
    assertThat(journey.getKey()).isCompleted();
  }

  @Test
  void aDecisionTheEngineDidNotTakeIsPublishedByTheNextRun() throws Exception {
    var journey = requested();
    simulator.reject(serviceRequest(journey.getValue()), "No IRS bed in the next 72 hours");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ZeebeClient unreachable = ZeebeClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + closedPort))
        .usePlaintext().defaultRequestTimeout(Duration.ofSeconds(2)).build();
    closing.add(unreachable);
    NelftDecisions whileEngineDown = poller(new PartnerDecisions(referrals, exchanges, unreachable, Duration.ofDays(1)));

    assertThat(poll(whileEngineDown).decided()).as("recorded, not delivered").isEqualTo(1);
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("rejected");
    assertThat(referrals.isDelivered(journey.getValue())).isFalse();
    assertThat(journey.getKey()).isWaitingAtElements(RequestThenWait.WAIT);

    NelftDecisions.Run next = poll(decisions);

    assertThat(next.redelivered()).isEqualTo(1);
    assertThat(next.asked()).as("decided: NELFT is not asked again").isZero();
    assertThat(referrals.isDelivered(journey.getValue())).isTrue();
    assertThat(journey.getKey()).isCompleted().hasPassedElement("End_Rejected")
        .hasVariableWithValue("rejectionReason", "No IRS bed in the next 72 hours");
  }
}
