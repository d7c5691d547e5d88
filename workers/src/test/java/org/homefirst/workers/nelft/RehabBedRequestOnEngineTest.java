package org.homefirst.workers.nelft;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.homefirst.simulators.SimulatedPartner.Behaviour;
import org.homefirst.simulators.nelft.NelftSimulator;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rehab bed worker and NELFT's decision poller on Zeebe Process Test's engine, with the NELFT
 * simulator and PostgreSQL: the job completes as soon as NELFT holds the request and the journey
 * waits; NELFT's decision comes back as message {@code homefirst.partner-decided} on that request's
 * key (accepted goes on, rejected goes to the rejection path with the reason); faults at request
 * time still retry with backoff, then raise an incident an operator can retry.
 */
@ZeebeProcessTest
class RehabBedRequestOnEngineTest {

  private static final Duration JOB_BACKOFF = Duration.ofSeconds(30);

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  private NelftSimulator simulator;
  private RehabBedRequests worker;
  private NelftDecisions decisions;
  private PartnerReferrals referrals;
  private PartnerExchanges exchanges;

  @BeforeEach
  void deploy() {
    simulator = NelftSimulator.start(0);
    NelftProperties properties = new NelftProperties(simulator.baseUrl(), Duration.ofMillis(500), 2,
        Duration.ofMillis(10), null, Duration.ofMinutes(1), JOB_BACKOFF, false, 0, Duration.ZERO);
    // a database of its own: the engine's job keys, and so the request keys, restart with each test
    JdbcClient db = PartnerTestDatabase.fresh();
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    exchanges = new PartnerExchanges(db, Clock.systemUTC());
    NelftCommunitySystem nelft = new NelftCommunitySystem(properties.baseUrl(),
        new PartnerHttp(NelftCommunitySystem.SYSTEM, properties.http(), exchanges), referrals, Clock.systemUTC());
    PartnerDecisions partnerDecisions = new PartnerDecisions(referrals, exchanges, client, Duration.ofDays(1));
    worker = new RehabBedRequests(nelft, properties, partnerDecisions);
    decisions = new NelftDecisions(nelft, referrals, partnerDecisions, Duration.ofMinutes(1));
    RequestThenWait.deploy(client, "rehab-bed", RehabBedRequests.JOB_TYPE, "rehabBedRequestKey");
  }

  @AfterEach
  void stop() {
    simulator.close();
    decisions.close();
  }

  private final UUID referralId = UUID.randomUUID();

  private ProcessInstanceEvent start() {
    return client.newCreateInstanceCommand().bpmnProcessId("rehab-bed").latestVersion()
        .variables(Map.of("referralId", referralId.toString(), "nhsNumber", "9434765919", "givenName", "Ada",
            "familyName", "Jones", "dateOfBirth", "1941-03-02", "hospital", "bhrut-queens", "ward", "Ward 7",
            "pathway", 2, "borough", "lbh"))
        .send().join();
  }

  /** Activates the job (if the engine offers it now) and runs the worker on it. */
  private List<ActivatedJob> work() throws Exception {
    List<ActivatedJob> jobs = activate();
    jobs.forEach(job -> worker.requestRehabBed(client, job));
    idle();
    return jobs;
  }

  private List<ActivatedJob> activate() throws Exception {
    idle();
    return client.newActivateJobsCommand().jobType(RehabBedRequests.JOB_TYPE).maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(5)).send().join().getJobs();
  }

  private NelftDecisions.Run poll() throws Exception {
    NelftDecisions.Run run = decisions.poll();
    idle();
    return run;
  }

  private void idle() throws Exception {
    engine.waitForIdleState(Duration.ofSeconds(5));
  }

  private static List<Record<IncidentRecordValue>> incidentRecords(ProcessInstanceEvent instance) {
    return StreamSupport.stream(BpmnAssert.getRecordStream().incidentRecords().spliterator(), false)
        .filter(r -> r.getIntent() == IncidentIntent.CREATED)
        .filter(r -> r.getValue().getProcessInstanceKey() == instance.getProcessInstanceKey())
        .toList();
  }

  private static List<IncidentRecordValue> incidents(ProcessInstanceEvent instance) {
    return incidentRecords(instance).stream().map(Record::getValue).toList();
  }

  @Test
  void theJobCompletesOnceNelftHoldsTheRequestAndTheAcceptanceArrivesByMessage() throws Exception {
    ProcessInstanceEvent instance = start();

    ActivatedJob job = work().get(0);

    String key = Idempotency.key(job.getKey());
    String serviceRequest = simulator.referrals().get(0).serviceRequestId();
    assertThat(instance).isWaitingAtElements(RequestThenWait.WAIT)
        .hasVariableWithValue("rehabBedRequestKey", key).hasVariableWithValue("rehabBedReferralId", serviceRequest);
    assertThat(poll().decided()).as("NELFT has not decided").isZero();
    assertThat(instance).isWaitingAtElements(RequestThenWait.WAIT);

    simulator.accept(serviceRequest);
    assertThat(poll().decided()).isEqualTo(1);

    assertThat(instance).isCompleted().hasPassedElement("End_Accepted").hasVariableWithValue("partnerDecision", "accepted");
    assertThat(referrals.byKey(key).orElseThrow().status()).isEqualTo("accepted");
    assertThat(poll().asked()).as("a decided referral is not asked about again").isZero();
    assertThat(RequestThenWait.published(key)).as("published once").containsExactly(Map.of("partnerDecision", "accepted"));
    assertThat(simulator.referrals()).hasSize(1);
    // the journey shows the request and the decision, not every search in between
    assertThat(exchanges.forReferral(referralId)).extracting(Exchange::operation)
        .containsExactly("create-service-request", "decision");
  }

  @Test
  void aRejectionLaterTakesTheRejectedPathWithNelftsReason() throws Exception {
    simulator.rejecting("No IRS bed in the next 72 hours");
    ProcessInstanceEvent instance = start();

    work();
    assertThat(instance).as("FHIR's answer to the request carries no decision").isWaitingAtElements(RequestThenWait.WAIT);
    poll();

    assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("End_Accepted")
        .hasVariableWithValue("partnerDecision", "rejected")
        .hasVariableWithValue("rejectionReason", "No IRS bed in the next 72 hours")
        .hasVariableWithValue("rejectedBy", "NELFT");
    assertThat(incidents(instance)).isEmpty();
  }

  @Test
  void aDecisionReadBeforeTheJourneyWaitsIsKeptForIt() throws Exception {
    simulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    ProcessInstanceEvent instance = start();
    ActivatedJob job = activate().get(0);
    // the worker's first run made the referral but its job was not completed (crash, lost answer)
    worker.handle(job.getVariablesAsType(RehabBedRequests.Variables.class), job.getKey());
    assertThat(poll().decided()).isEqualTo(1);
    assertThat(instance).isWaitingAtElements(RequestThenWait.TASK);

    worker.requestRehabBed(client, job);
    idle();

    assertThat(instance).isCompleted().hasPassedElement("End_Accepted");
    assertThat(RequestThenWait.published(Idempotency.key(job.getKey()))).as("the repeat is dropped").hasSize(1);
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void aPartnerThatStaysDownUsesUpTheRetriesWithBackoffThenAnOperatorRetriesTheIncident() throws Exception {
    simulator.down();
    ProcessInstanceEvent instance = start();

    assertThat(work().get(0).getRetries()).isEqualTo(3);
    assertThat(work()).as("backing off").isEmpty();
    engine.increaseTime(JOB_BACKOFF);
    assertThat(work().get(0).getRetries()).isEqualTo(2);
    engine.increaseTime(JOB_BACKOFF.multipliedBy(2));
    ActivatedJob last = work().get(0);
    assertThat(last.getRetries()).isEqualTo(1);

    assertThat(incidents(instance)).singleElement()
        .satisfies(i -> assertThat(i.getErrorMessage()).contains("not reachable"));
    assertThat(instance).isActive();

    simulator.up();
    simulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    client.newUpdateRetriesCommand(last.getKey()).retries(1).send().join();
    long incidentKey = incidentRecords(instance).get(0).getKey();
    client.newResolveIncidentCommand(incidentKey).send().join();
    work();
    poll();

    assertThat(instance).isCompleted().hasPassedElement("End_Accepted");
    assertThat(simulator.referrals()).hasSize(1);
  }

  @Test
  void malformedFhirRaisesAnIncidentAtOnce() throws Exception {
    simulator.behave(Behaviour.MALFORMED);
    ProcessInstanceEvent instance = start();

    work();

    assertThat(incidents(instance)).singleElement()
        .satisfies(i -> assertThat(i.getErrorMessage()).contains("Bad data from NELFT"));
    assertThat(referrals.forReferral(referralId)).isEmpty();
  }
}
