package org.homefirst.workers.nelft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.workers.TestEngine.ended;
import static org.homefirst.workers.TestEngine.incidents;
import static org.homefirst.workers.TestEngine.passed;
import static org.homefirst.workers.TestEngine.updates;
import static org.homefirst.workers.TestEngine.variable;
import static org.homefirst.workers.TestEngine.waitsAt;

import java.time.Clock;
import java.time.Duration;
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
import org.homefirst.workers.partners.PartnerExchanges.Exchange;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.homefirst.workers.partners.RequestThenWait;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.runtime.Incident;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rehab bed worker and NELFT's decision poller on a real Operaton engine (external tasks, the
 * embedded runner), with the NELFT simulator and PostgreSQL: the job completes as soon as NELFT
 * holds the request and the journey waits; NELFT's decision comes back as message
 * {@code homefirst.partner-decided} to the wait for that request's key (accepted goes on, rejected
 * goes to the rejection path with the reason); faults at request time still retry with backoff,
 * then raise an incident an operator can retry.
 */
class RehabBedRequestOnEngineTest {

  private static final Duration JOB_BACKOFF = Duration.ofSeconds(30);

  @RegisterExtension
  static ProcessEngineExtension extension = TestEngine.extension();

  private final ProcessEngine engine = TestEngine.engine();
  private NelftSimulator simulator;
  private RehabBedRequests worker;
  private EmbeddedJobRunner runner;
  private NelftDecisions decisions;
  private PartnerReferrals referrals;
  private PartnerExchanges exchanges;

  @BeforeEach
  void deploy() {
    simulator = NelftSimulator.start(0);
    NelftProperties properties = new NelftProperties(simulator.baseUrl(), Duration.ofMillis(500), 2,
        Duration.ofMillis(10), null, Duration.ofMinutes(1), JOB_BACKOFF, false, 0, Duration.ZERO);
    // a database of its own for the partner tables: the poller asks about every open NELFT referral
    JdbcClient db = PartnerTestDatabase.fresh();
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    NelftCommunitySystem nelft = new NelftCommunitySystem(properties.baseUrl(),
        new PartnerHttp(NelftCommunitySystem.SYSTEM, properties.http(), exchanges), referrals, Clock.systemUTC());
    PartnerDecisions partnerDecisions = new PartnerDecisions(referrals, exchanges,
        new EngineJourneyMessages(engine.getRuntimeService()));
    worker = new RehabBedRequests(nelft, properties, partnerDecisions);
    runner = TestEngine.runner(worker.jobWorkers());
    decisions = new NelftDecisions(nelft, referrals, partnerDecisions, Duration.ofMinutes(1),
        new OncePerCluster(ClusterSchedules.lockProvider(TestDatabase.dataSource())));
    RequestThenWait.deploy("rehab-bed", RehabBedRequests.JOB_TYPE, "rehabBedRequestKey");
  }

  @AfterEach
  void stop() {
    simulator.close();
    decisions.close();
  }

  private final UUID referralId = UUID.randomUUID();

  private String start() {
    return engine.getRuntimeService().startProcessInstanceByKey("rehab-bed", referralId.toString(),
        Map.of("referralId", referralId.toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "hospital", "bhrut-queens", "ward", "Ward 7",
            "pathway", 2, "borough", "lbh")).getId();
  }

  /** Fetches the job (if the engine offers it now) and runs the worker on it, as the runner does. */
  private List<Job> work() {
    return runner.runOnce();
  }

  private NelftDecisions.Run poll() {
    return decisions.poll();
  }

  @Test
  void theJobCompletesOnceNelftHoldsTheRequestAndTheAcceptanceArrivesByMessage() {
    String instance = start();

    Job job = work().get(0);

    String key = Idempotency.key(job.key());
    String serviceRequest = simulator.referrals().get(0).serviceRequestId();
    assertThat(waitsAt(instance, RequestThenWait.WAIT)).isTrue();
    assertThat(variable(instance, "rehabBedRequestKey")).isEqualTo(key);
    assertThat(variable(instance, "rehabBedReferralId")).isEqualTo(serviceRequest);
    assertThat(poll().decided()).as("NELFT has not decided").isZero();
    assertThat(waitsAt(instance, RequestThenWait.WAIT)).isTrue();

    simulator.accept(serviceRequest);
    assertThat(poll().decided()).isEqualTo(1);

    assertThat(ended(instance)).isTrue();
    assertThat(passed(instance, "End_Accepted")).isTrue();
    assertThat(variable(instance, "partnerDecision")).isEqualTo("accepted");
    assertThat(referrals.byKey(key).orElseThrow().status()).isEqualTo("accepted");
    assertThat(referrals.isDelivered(key)).isTrue();
    assertThat(poll()).as("a decided referral is neither asked about nor delivered again")
        .isEqualTo(new NelftDecisions.Run(0, 0, 0));
    assertThat(updates(instance, "partnerDecision")).as("delivered once").isEqualTo(1);
    assertThat(simulator.referrals()).hasSize(1);
    // the journey shows the request and the decision, not every search in between
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::operation)
        .containsExactly("create-service-request", "decision");
  }

  @Test
  void aRejectionLaterTakesTheRejectedPathWithNelftsReason() {
    simulator.rejecting("No IRS bed in the next 72 hours");
    String instance = start();

    work();
    assertThat(waitsAt(instance, RequestThenWait.WAIT)).as("FHIR's answer to the request carries no decision").isTrue();
    poll();

    assertThat(ended(instance)).isTrue();
    assertThat(passed(instance, "End_Rejected")).isTrue();
    assertThat(passed(instance, "End_Accepted")).isFalse();
    assertThat(variable(instance, "partnerDecision")).isEqualTo("rejected");
    assertThat(variable(instance, "rejectionReason")).isEqualTo("No IRS bed in the next 72 hours");
    assertThat(variable(instance, "rejectedBy")).isEqualTo("NELFT");
    assertThat(incidents(instance)).isEmpty();
  }

  @Test
  void aDecisionReadBeforeTheJourneyWaitsIsDeliveredByTheNextPollOnceItDoes() {
    simulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    String instance = start();
    String taskId = engine.getExternalTaskService().createExternalTaskQuery().processInstanceId(instance)
        .singleResult().getId();
    // the worker's first run made the referral but its job was not completed (crash, lost answer)
    worker.handle(new RehabBedRequests.Variables(referralId.toString(), "9434765919", "Ada", "Jones", "1941-03-02",
        "bhrut-queens", "Ward 7"), Long.parseLong(taskId));
    assertThat(poll().decided()).isEqualTo(1);
    String key = Idempotency.key(Long.parseLong(taskId));
    assertThat(referrals.isDelivered(key)).as("nothing waits for it yet: the engine keeps no message").isFalse();
    assertThat(waitsAt(instance, RequestThenWait.TASK)).isTrue();

    assertThat(work()).extracting(Job::id).as("the same job, so the same key").containsExactly(taskId);
    assertThat(waitsAt(instance, RequestThenWait.WAIT)).isTrue();
    assertThat(poll().redelivered()).isEqualTo(1);

    assertThat(ended(instance)).isTrue();
    assertThat(passed(instance, "End_Accepted")).isTrue();
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void aPartnerThatStaysDownUsesUpTheRetriesWithBackoffThenAnOperatorRetriesTheIncident() {
    simulator.down();
    String instance = start();

    Job first = work().get(0);
    assertThat(first.retries()).as("the engine sets retries with the first failure").isNull();
    assertThat(work()).as("backing off").isEmpty();
    TestEngine.later(JOB_BACKOFF.plusSeconds(1));
    Job second = work().get(0);
    assertThat(second.retries()).isEqualTo(2);
    assertThat(second.id()).as("the external task id is stable across retries").isEqualTo(first.id());
    TestEngine.later(JOB_BACKOFF.plusSeconds(1));
    assertThat(work()).as("the backoff doubled").isEmpty();
    TestEngine.later(JOB_BACKOFF);
    Job last = work().get(0);
    assertThat(last.retries()).isEqualTo(1);

    assertThat(incidents(instance)).singleElement()
        .satisfies(i -> assertThat(i.getIncidentMessage()).contains("not reachable"));
    assertThat(ended(instance)).isFalse();

    simulator.up();
    simulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    engine.getExternalTaskService().setRetries(last.id(), 1);
    assertThat(incidents(instance)).as("resolved by the retry").isEmpty();
    work();
    poll();

    assertThat(ended(instance)).isTrue();
    assertThat(passed(instance, "End_Accepted")).isTrue();
    assertThat(simulator.referrals()).hasSize(1);
    assertThat(simulator.referrals().get(0).idempotencyKey()).isEqualTo(Idempotency.key(first.key()));
  }

  @Test
  void malformedFhirRaisesAnIncidentAtOnce() {
    simulator.behave(Behaviour.MALFORMED);
    String instance = start();

    work();

    assertThat(incidents(instance)).extracting(Incident::getIncidentMessage).singleElement()
        .satisfies(m -> assertThat(m).contains("Bad data from NELFT"));
    assertThat(referrals.forReferral(referralId)).isEmpty();
  }
}
