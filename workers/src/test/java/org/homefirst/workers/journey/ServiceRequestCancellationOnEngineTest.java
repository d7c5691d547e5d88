package org.homefirst.workers.journey;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
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
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.withdrawal.WithdrawalProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cancellation worker on Zeebe Process Test's engine: a decline completes the task with both
 * counts once every partner confirmed; a partner that stays down uses up the retries with backoff
 * and raises an incident, keeping the hospital's cancellations, and the operator's retry withdraws
 * what was left.
 */
@ZeebeProcessTest
class ServiceRequestCancellationOnEngineTest {

  private static final Duration JOB_BACKOFF = Duration.ofSeconds(30);

  private ZeebeTestEngine engine;
  private ZeebeClient client;
  private JdbcClient db;
  private OpenPartnerReferrals partners;
  private ServiceRequestCancellation worker;
  private final UUID referralId = UUID.randomUUID();

  @BeforeEach
  void deploy() {
    db = TestDatabase.fresh();
    partners = new OpenPartnerReferrals(db);
    worker = new ServiceRequestCancellation(db, Clock.systemUTC(), partners.withdrawals,
        new WithdrawalProperties(JOB_BACKOFF));
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("decline")
        .startEvent("Start")
        .serviceTask("Task_CancelServiceRequests",
            t -> t.zeebeJobType(ServiceRequestCancellation.JOB_TYPE).zeebeJobRetries("3"))
        .endEvent("End_Declined")
        .done(), "decline.bpmn").send().join();
    db.sql("""
            insert into hospital_request (job_key, referral_id, kind, description, ward, requested_at)
            values (1, ?, 'tta', 'TTA', 'Ward 7', now()), (2, ?, 'transport', 'Transport', 'Ward 7', now())""")
        .params(referralId, referralId).update();
    partners.nelftBed(referralId);
    partners.councilCarePackage(referralId);
  }

  @AfterEach
  void stop() {
    partners.close();
  }

  private ProcessInstanceEvent start() {
    return client.newCreateInstanceCommand().bpmnProcessId("decline").latestVersion()
        .variables(Map.of("referralId", referralId.toString())).send().join();
  }

  private List<ActivatedJob> work() throws Exception {
    engine.waitForIdleState(Duration.ofSeconds(5));
    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(ServiceRequestCancellation.JOB_TYPE)
        .maxJobsToActivate(1).timeout(Duration.ofMinutes(5)).send().join().getJobs();
    jobs.forEach(job -> worker.cancel(client, job));
    engine.waitForIdleState(Duration.ofSeconds(5));
    return jobs;
  }

  private static List<Record<IncidentRecordValue>> incidents(ProcessInstanceEvent instance) {
    return StreamSupport.stream(BpmnAssert.getRecordStream().incidentRecords().spliterator(), false)
        .filter(r -> r.getIntent() == IncidentIntent.CREATED)
        .filter(r -> r.getValue().getProcessInstanceKey() == instance.getProcessInstanceKey())
        .toList();
  }

  private int cancelledHospitalRequests() {
    return db.sql("select count(*) from hospital_request where referral_id = ? and cancelled_at is not null")
        .param(referralId).query(Integer.class).single();
  }

  @Test
  void theTaskCompletesWithBothCountsOnceThePartnersHaveWithdrawn() throws Exception {
    ProcessInstanceEvent instance = start();

    ActivatedJob job = work().get(0);

    assertThat(instance).isCompleted().hasPassedElement("End_Declined")
        .hasVariableWithValue("cancelledServiceRequests", 2)
        .hasVariableWithValue("withdrawnPartnerReferrals", 2);
    assertThat(partners.nelftSimulator.referrals()).singleElement()
        .satisfies(r -> assertThat(r.taskStatus()).isEqualTo("cancelled"));
    assertThat(partners.havering.referrals()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("cancelled"));

    int calls = partners.partnerRequests();
    assertThat(worker.handle(job)).as("the job handed over again (its completion lost)")
        .isEqualTo(Map.of("cancelledServiceRequests", 2, "withdrawnPartnerReferrals", 2));
    assertThat(partners.partnerRequests()).isEqualTo(calls);
  }

  @Test
  void aCouncilThatStaysDownRaisesAnIncidentAndTheOperatorsRetryFinishesTheWithdrawal() throws Exception {
    partners.havering.down();
    ProcessInstanceEvent instance = start();

    assertThat(work().get(0).getRetries()).isEqualTo(3);
    assertThat(cancelledHospitalRequests()).as("kept although the job failed").isEqualTo(2);
    assertThat(partners.nelftSimulator.referrals().get(0).taskStatus()).isEqualTo("cancelled");
    assertThat(work()).as("backing off").isEmpty();
    engine.increaseTime(JOB_BACKOFF);
    assertThat(work().get(0).getRetries()).isEqualTo(2);
    engine.increaseTime(JOB_BACKOFF.multipliedBy(2));
    ActivatedJob last = work().get(0);

    assertThat(incidents(instance)).singleElement()
        .satisfies(i -> assertThat(i.getValue().getErrorMessage()).contains("council-lbh"));
    assertThat(instance).isActive();

    partners.havering.up();
    int nelftCalls = partners.nelftSimulator.requestCount();
    client.newUpdateRetriesCommand(last.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incidents(instance).get(0).getKey()).send().join();
    work();

    assertThat(instance).isCompleted().hasVariableWithValue("cancelledServiceRequests", 2)
        .hasVariableWithValue("withdrawnPartnerReferrals", 2);
    assertThat(partners.havering.referrals()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("cancelled"));
    assertThat(partners.nelftSimulator.requestCount()).as("NELFT is not asked twice").isEqualTo(nelftCalls);
  }
}
