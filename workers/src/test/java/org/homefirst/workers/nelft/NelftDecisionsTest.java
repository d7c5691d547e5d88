package org.homefirst.workers.nelft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.workers.TestEngine.ended;
import static org.homefirst.workers.TestEngine.passed;
import static org.homefirst.workers.TestEngine.updates;
import static org.homefirst.workers.TestEngine.variable;
import static org.homefirst.workers.TestEngine.waitsAt;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.TestEngine;
import org.homefirst.workers.cluster.ClusterSchedules;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.jobs.EmbeddedJobRunner;
import org.homefirst.workers.jobs.EngineJourneyMessages;
import org.homefirst.workers.jobs.Job;
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
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * NELFT's decision poller on a real Operaton engine with the NELFT simulator and PostgreSQL: one
 * search for all open referrals, each decision delivered once to the journey waiting for it;
 * NELFT down, an answer we cannot trust, or a decision found where there is no engine (the worker
 * process) lose nothing: the next run picks it up.
 */
class NelftDecisionsTest {

  @RegisterExtension
  static ProcessEngineExtension extension = TestEngine.extension();

  private final ProcessEngine engine = TestEngine.engine();
  private EmbeddedJobRunner runner;
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
    PartnerDecisions partnerDecisions = new PartnerDecisions(referrals, exchanges,
        new EngineJourneyMessages(engine.getRuntimeService()));
    worker = new RehabBedRequests(nelft, properties, partnerDecisions);
    runner = TestEngine.runner(worker.jobWorkers());
    decisions = poller(partnerDecisions);
    RequestThenWait.deploy("rehab-bed", RehabBedRequests.JOB_TYPE, "rehabBedRequestKey");
  }

  private NelftDecisions poller(PartnerDecisions partnerDecisions) {
    NelftDecisions poller = new NelftDecisions(nelft, referrals, partnerDecisions, Duration.ofMinutes(1),
        new OncePerCluster(ClusterSchedules.lockProvider(TestDatabase.dataSource())));
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
  private Map.Entry<String, String> requested() {
    String instance = engine.getRuntimeService().startProcessInstanceByKey("rehab-bed",
        Map.of("referralId", UUID.randomUUID().toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "hospital", "bhrut-kgh", "ward", "Ward 7")).getId();
    Job job = runner.runOnce().get(0);
    assertThat(waitsAt(instance, RequestThenWait.WAIT)).isTrue();
    return Map.entry(instance, Idempotency.key(job.key()));
  }

  private String serviceRequest(String key) {
    return referrals.byKey(key).orElseThrow().downstreamId();
  }

  private NelftDecisions.Run poll(NelftDecisions poller) {
    return poller.poll();
  }

  @Test
  void oneSearchAsksAboutEveryOpenReferralAndEachDecisionIsPublishedOnce() {
    var accepted = requested();
    var rejected = requested();
    var undecided = requested();
    simulator.accept(serviceRequest(accepted.getValue()));
    simulator.reject(serviceRequest(rejected.getValue()), "Patient needs a stroke unit bed");
    int calls = simulator.requestCount();

    NelftDecisions.Run run = poll(decisions);

    assertThat(run).isEqualTo(new NelftDecisions.Run(3, 2, 0));
    assertThat(simulator.requestCount() - calls).as("one search, not one read per referral").isEqualTo(1);
    assertThat(passed(accepted.getKey(), "End_Accepted")).isTrue();
    assertThat(passed(rejected.getKey(), "End_Rejected")).isTrue();
    assertThat(variable(rejected.getKey(), "rejectionReason")).isEqualTo("Patient needs a stroke unit bed");
    assertThat(variable(rejected.getKey(), "rejectedBy")).isEqualTo("NELFT");
    assertThat(waitsAt(undecided.getKey(), RequestThenWait.WAIT)).isTrue();

    assertThat(poll(decisions)).as("only the undecided one is asked about again").isEqualTo(new NelftDecisions.Run(1, 0, 0));
    assertThat(updates(accepted.getKey(), "partnerDecision")).as("delivered once").isEqualTo(1);
    assertThat(updates(rejected.getKey(), "partnerDecision")).as("delivered once").isEqualTo(1);
    assertThat(variable(undecided.getKey(), "partnerDecision")).isNull();
  }

  @Test
  void whileNelftIsDownEveryReferralKeepsWaitingAndNothingIsLost() {
    var journey = requested();
    simulator.accept(serviceRequest(journey.getValue()));
    simulator.down();

    assertThat(poll(decisions).decided()).isZero();
    assertThat(waitsAt(journey.getKey(), RequestThenWait.WAIT)).isTrue();
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("requested");

    simulator.up();
    assertThat(poll(decisions).decided()).isEqualTo(1);

    assertThat(passed(journey.getKey(), "End_Accepted")).isTrue();
  }

  @Test
  void anAnswerWeCannotTrustIsRefusedAndNothingIsRecordedOrPublished() {
    var journey = requested();
    simulator.accept(serviceRequest(journey.getValue()));

    for (Behaviour bad : List.of(Behaviour.MALFORMED, Behaviour.UNKNOWN_CODES)) {
      simulator.behave(bad);
      assertThat(poll(decisions).decided()).as("%s", bad).isZero();
    }

    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("requested");
    assertThat(referrals.isDelivered(journey.getValue())).isFalse();
    assertThat(waitsAt(journey.getKey(), RequestThenWait.WAIT)).isTrue();
    assertThat(db.sql("select outcome from partner_exchange where operation = 'search-tasks' order by id")
        .query(String.class).list()).as("both answers on record as bad data").containsExactly("bad-data", "bad-data");
    simulator.normal();
    assertThat(poll(decisions).decided()).as("asked again once NELFT answers properly").isEqualTo(1);
    assertThat(ended(journey.getKey())).isTrue();
  }

  @Test
  void aDecisionFoundWhereThereIsNoEngineIsDeliveredByTheApplicationsNextRun() {
    var journey = requested();
    simulator.reject(serviceRequest(journey.getValue()), "No IRS bed in the next 72 hours");
    // the worker process has no engine to correlate with (its REST access is external tasks only)
    NelftDecisions inWorkerProcess = poller(new PartnerDecisions(referrals, exchanges, null));

    assertThat(poll(inWorkerProcess).decided()).as("recorded, not delivered").isEqualTo(1);
    assertThat(referrals.byKey(journey.getValue()).orElseThrow().status()).isEqualTo("rejected");
    assertThat(referrals.isDelivered(journey.getValue())).isFalse();
    assertThat(waitsAt(journey.getKey(), RequestThenWait.WAIT)).isTrue();
    assertThat(poll(inWorkerProcess).redelivered()).as("still no engine there").isZero();

    NelftDecisions.Run next = poll(decisions);

    assertThat(next.redelivered()).isEqualTo(1);
    assertThat(next.asked()).as("decided: NELFT is not asked again").isZero();
    assertThat(referrals.isDelivered(journey.getValue())).isTrue();
    assertThat(passed(journey.getKey(), "End_Rejected")).isTrue();
    assertThat(variable(journey.getKey(), "rejectionReason")).isEqualTo("No IRS bed in the next 72 hours");
  }
}
