package org.homefirst.workers.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.workers.TestEngine.ended;
import static org.homefirst.workers.TestEngine.incidents;
import static org.homefirst.workers.TestEngine.passed;
import static org.homefirst.workers.TestEngine.variable;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.workers.TestDatabase;
import org.homefirst.workers.TestEngine;
import org.homefirst.workers.jobs.EmbeddedJobRunner;
import org.homefirst.workers.jobs.Job;
import org.homefirst.workers.withdrawal.WithdrawalProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The cancellation worker on a real Operaton engine: a decline completes the task with both
 * counts once every partner confirmed; a partner that stays down uses up the retries with backoff
 * and raises an incident, keeping the hospital's cancellations, and the operator's retry withdraws
 * what was left.
 */
class ServiceRequestCancellationOnEngineTest {

  private static final Duration JOB_BACKOFF = Duration.ofSeconds(30);

  @RegisterExtension
  static ProcessEngineExtension extension = TestEngine.extension();

  private final ProcessEngine engine = TestEngine.engine();
  private JdbcClient db;
  private OpenPartnerReferrals partners;
  private ServiceRequestCancellation worker;
  private EmbeddedJobRunner runner;
  private final UUID referralId = UUID.randomUUID();

  @BeforeEach
  void deploy() {
    db = TestDatabase.fresh();
    partners = new OpenPartnerReferrals(db);
    worker = new ServiceRequestCancellation(db, Clock.systemUTC(), partners.withdrawals,
        new WithdrawalProperties(JOB_BACKOFF));
    runner = TestEngine.runner(worker.jobWorkers());
    TestEngine.deploy(Bpmn.createExecutableProcess("decline")
        .operatonHistoryTimeToLive(1)
        .startEvent("Start")
        .serviceTask("Task_CancelServiceRequests").operatonType("external")
        .operatonTopic(ServiceRequestCancellation.JOB_TYPE)
        .endEvent("End_Declined")
        .done(), "decline.bpmn");
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

  private String start() {
    return engine.getRuntimeService().startProcessInstanceByKey("decline", referralId.toString(),
        Map.of("referralId", referralId.toString())).getId();
  }

  private List<Job> work() {
    return runner.runOnce();
  }

  private int cancelledHospitalRequests() {
    return db.sql("select count(*) from hospital_request where referral_id = ? and cancelled_at is not null")
        .param(referralId).query(Integer.class).single();
  }

  @Test
  void theTaskCompletesWithBothCountsOnceThePartnersHaveWithdrawn() {
    String instance = start();

    Job job = work().get(0);

    assertThat(ended(instance)).isTrue();
    assertThat(passed(instance, "End_Declined")).isTrue();
    assertThat(variable(instance, "cancelledServiceRequests")).isEqualTo(2);
    assertThat(variable(instance, "withdrawnPartnerReferrals")).isEqualTo(2);
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
  void aCouncilThatStaysDownRaisesAnIncidentAndTheOperatorsRetryFinishesTheWithdrawal() {
    partners.havering.down();
    String instance = start();

    assertThat(work().get(0).retries()).isNull();
    assertThat(cancelledHospitalRequests()).as("kept although the job failed").isEqualTo(2);
    assertThat(partners.nelftSimulator.referrals().get(0).taskStatus()).isEqualTo("cancelled");
    assertThat(work()).as("backing off").isEmpty();
    TestEngine.later(JOB_BACKOFF.plusSeconds(1));
    assertThat(work().get(0).retries()).isEqualTo(2);
    TestEngine.later(JOB_BACKOFF.multipliedBy(2).plusSeconds(1));
    Job last = work().get(0);
    assertThat(last.retries()).isEqualTo(1);

    assertThat(incidents(instance)).singleElement()
        .satisfies(i -> assertThat(i.getIncidentMessage()).contains("council-lbh"));
    assertThat(ended(instance)).isFalse();

    partners.havering.up();
    int nelftCalls = partners.nelftSimulator.requestCount();
    engine.getExternalTaskService().setRetries(last.id(), 1);
    work();

    assertThat(ended(instance)).isTrue();
    assertThat(variable(instance, "cancelledServiceRequests")).isEqualTo(2);
    assertThat(variable(instance, "withdrawnPartnerReferrals")).isEqualTo(2);
    assertThat(partners.havering.referrals()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo("cancelled"));
    assertThat(partners.nelftSimulator.requestCount()).as("NELFT is not asked twice").isEqualTo(nelftCalls);
  }
}
