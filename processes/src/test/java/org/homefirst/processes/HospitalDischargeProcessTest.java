package org.homefirst.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class HospitalDischargeProcessTest {

  static final String USER_TASK = "io.camunda.zeebe:userTask";

  ZeebeTestEngine engine;
  ZeebeClient client;

  @BeforeEach
  void deploy() throws Exception {
    client
        .newDeployResourceCommand()
        .addResourceFromClasspath("homefirst/hospital-discharge.bpmn")
        .addResourceFromClasspath("homefirst/discharge-team-routing.dmn")
        .send()
        .join();
  }

  @ParameterizedTest(name = "{0} resident at {1} goes to {2}")
  @CsvSource({
    "lbbd, bhrut-kgh,    jad",
    "lbbd, bhrut-queens, jad",
    "lbh,  bhrut-kgh,    jad",
    "lbh,  bhrut-queens, jad",
    "lbbd, barts-whipps, jad",
    "lbh,  barts-whipps, jad",
    "lbr,  bhrut-kgh,    lbr-hospital-sw",
    "lbr,  bhrut-queens, lbr-hospital-sw",
    "lbr,  barts-whipps, lbr-hospital-sw"
  })
  void routesTriageToTheTeamForBoroughAndHospital(String borough, String hospital, String team)
      throws Exception {
    ProcessInstanceEvent instance = start(borough, hospital);

    ActivatedJob triage = waitForUserTask(instance);

    assertThat(triage.getElementId()).isEqualTo("Task_Triage");
    assertThat(triage.getCustomHeaders().get("io.camunda.zeebe:candidateGroups"))
        .isEqualTo("[\"" + team + "\"]");
    assertThat(instance).hasVariableWithValue("dischargeTeam", team);
  }

  @Test
  void triageIsDueWithinTheConfiguredTime() throws Exception {
    ProcessInstanceEvent instance = start("lbr", "bhrut-kgh");

    ActivatedJob triage = waitForUserTask(instance);

    String due = triage.getCustomHeaders().get("io.camunda.zeebe:dueDate");
    assertThat(ZonedDateTime.parse(due).toOffsetDateTime())
        .isBetween(OffsetDateTime.now().plusHours(23), OffsetDateTime.now().plusHours(25));
    assertThat(triage.getCustomHeaders()).containsEntry("io.camunda.zeebe:formKey", "homefirst:triage");
  }

  @Test
  void completedTriageNotifiesTheWardAndEndsTheJourney() throws Exception {
    ProcessInstanceEvent instance = start("lbh", "bhrut-queens");
    ActivatedJob triage = waitForUserTask(instance);

    client.newCompleteCommand(triage.getKey()).variables(Map.of("triagePathway", 1)).send().join();
    engine.waitForIdleState(Duration.ofSeconds(5));
    assertThat(instance).isWaitingAtElements("Task_NotifyWard");

    List<ActivatedJob> notify = activate("homefirst.notifications.notify-ward");
    assertThat(notify).hasSize(1);
    assertThat(notify.get(0).getVariablesAsMap()).containsEntry("triagePathway", 1);
    client.newCompleteCommand(notify.get(0).getKey()).send().join();
    engine.waitForIdleState(Duration.ofSeconds(5));

    assertThat(instance)
        .hasPassedElementsInOrder(
            "StartEvent_ReferralReceived",
            "Task_RouteToDischargeTeam",
            "Task_Triage",
            "Task_NotifyWard",
            "EndEvent_Triaged")
        .isCompleted();
  }

  @Test
  void unknownBoroughRaisesAnIncidentInsteadOfAnUnroutedTask() throws Exception {
    ProcessInstanceEvent instance = start("lbx", "bhrut-kgh");
    engine.waitForIdleState(Duration.ofSeconds(5));

    assertThat(instance).hasAnyIncidents().isActive();
    assertThat(activate(USER_TASK)).isEmpty();
  }

  private ProcessInstanceEvent start(String borough, String hospital) throws Exception {
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("homefirst-hospital-discharge")
            .latestVersion()
            .variables(
                Map.of(
                    "referralId", "8f7e4a4e-8b1e-4b55-a4b7-6d7c0a1f0c11",
                    "borough", borough,
                    "hospital", hospital,
                    "triageWithin", "PT24H"))
            .send()
            .join();
    engine.waitForIdleState(Duration.ofSeconds(5));
    return instance;
  }

  private ActivatedJob waitForUserTask(ProcessInstanceEvent instance) {
    assertThat(instance).isWaitingAtElements("Task_Triage");
    List<ActivatedJob> jobs = activate(USER_TASK);
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private List<ActivatedJob> activate(String type) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(10)
        .send()
        .join()
        .getJobs();
  }
}
