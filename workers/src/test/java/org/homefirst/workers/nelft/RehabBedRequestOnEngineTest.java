package org.homefirst.workers.nelft;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
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
import org.homefirst.workers.partners.PartnerExchanges;
import org.homefirst.workers.partners.PartnerHttp;
import org.homefirst.workers.partners.PartnerReferrals;
import org.homefirst.workers.partners.PartnerTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rehab bed worker on Zeebe Process Test's engine: what each partner outcome does to the
 * process (completion, the {@code homefirst.rejected} boundary, polling with retries untouched,
 * retries with backoff then an incident, and recovery once the operator retries).
 */
@ZeebeProcessTest
class RehabBedRequestOnEngineTest {

  private static final Duration POLL = Duration.ofMinutes(1);
  private static final Duration JOB_BACKOFF = Duration.ofSeconds(30);

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  private NelftSimulator simulator;
  private RehabBedRequests worker;
  private PartnerReferrals referrals;

  @BeforeEach
  void deploy() {
    simulator = NelftSimulator.start(0);
    NelftProperties properties = new NelftProperties(simulator.baseUrl(), Duration.ofMillis(500), 2,
        Duration.ofMillis(10), null, POLL, JOB_BACKOFF, false, 0, Duration.ZERO);
    JdbcClient db = PartnerTestDatabase.fresh();
    referrals = new PartnerReferrals(db, Clock.systemUTC());
    worker = new RehabBedRequests(new NelftCommunitySystem(properties.baseUrl(),
        new PartnerHttp(NelftCommunitySystem.SYSTEM, properties.http(), new PartnerExchanges(db, Clock.systemUTC())),
        referrals, Clock.systemUTC()), properties);
    BpmnModelInstance model = Bpmn.createExecutableProcess("rehab-bed")
        .startEvent("Start")
        .serviceTask("Task_RequestRehabBed", t -> t.zeebeJobType(RehabBedRequests.JOB_TYPE).zeebeJobRetries("3"))
        .boundaryEvent("Error_Rejected", b -> b.error("homefirst.rejected"))
        .endEvent("End_Rejected")
        .moveToActivity("Task_RequestRehabBed")
        .endEvent("End_BedAccepted")
        .done();
    client.newDeployResourceCommand().addProcessModel(model, "rehab-bed.bpmn").send().join();
  }

  @AfterEach
  void stop() {
    simulator.close();
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
    engine.waitForIdleState(Duration.ofSeconds(5));
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(RehabBedRequests.JOB_TYPE).maxJobsToActivate(1)
        .timeout(Duration.ofMinutes(5)).send().join().getJobs();
    jobs.forEach(job -> worker.requestRehabBed(client, job));
    engine.waitForIdleState(Duration.ofSeconds(5));
    return jobs;
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
  void anAcceptedReferralCompletesTheTaskWithItsVariables() throws Exception {
    simulator.decideAutomatically(NelftSimulator.Decision.ACCEPT, Duration.ZERO);
    ProcessInstanceEvent instance = start();

    work();

    assertThat(instance).isCompleted().hasPassedElement("End_BedAccepted")
        .hasVariableWithValue("rehabBedStatus", "accepted")
        .hasVariableWithValue("rehabBedReferralId", simulator.referrals().get(0).serviceRequestId());
  }

  @Test
  void aRejectionIsCaughtByTheModelsErrorBoundaryWithTheReason() throws Exception {
    simulator.rejecting("No IRS bed in the next 72 hours");
    ProcessInstanceEvent instance = start();

    work();

    assertThat(instance).isCompleted().hasPassedElement("End_Rejected").hasNotPassedElement("End_BedAccepted")
        .hasVariableWithValue("rejectionReason", "No IRS bed in the next 72 hours");
    assertThat(incidents(instance)).isEmpty();
  }

  @Test
  void whileNelftDecidesTheJobPollsWithoutUsingItsRetries() throws Exception {
    ProcessInstanceEvent instance = start();

    ActivatedJob first = work().get(0);
    assertThat(work()).as("not offered again before the poll interval").isEmpty();
    engine.increaseTime(POLL);
    ActivatedJob second = work().get(0);

    assertThat(second.getKey()).isEqualTo(first.getKey());
    assertThat(second.getRetries()).isEqualTo(3);
    simulator.accept(simulator.referrals().get(0).serviceRequestId());
    engine.increaseTime(POLL);
    work();

    assertThat(instance).isCompleted().hasPassedElement("End_BedAccepted");
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

    assertThat(instance).isCompleted().hasPassedElement("End_BedAccepted");
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
