package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class DischargeProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance readyToLeave() {
    Map<String, Object> v = Journey.referral("lbbd", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    return journey.start("homefirst-discharge", v);
  }

  @Test
  void inHoursDischargeIsConfirmedAndAnnounced() {
    ProcessInstance instance = readyToLeave();
    assertThat(journey.task("Task_PlanDischarge")).containsEntry("formKey", "homefirst:plan-discharge");

    journey.complete("Task_PlanDischarge", vars("plannedDischargeAt", "2026-11-23T11:30:00"));
    assertThat(instance).hasVariableWithValue("dischargeOutOfHours", false).isWaitingAtElements("Task_ConfirmDischarge");
    journey.complete("Task_ConfirmDischarge", vars("dischargedAt", "2026-11-23T11:42:00Z"));
    assertThat(journey.topic("Event_PatientDischarged"))
        .isEqualTo("homefirst.journey.publish-patient-discharged");
    journey.complete("Event_PatientDischarged").complete("Task_NotifyDischarge");

    assertThat(instance).hasPassedElementsInOrder("Gateway_OutOfHours", "Gateway_DischargeTimeAgreed",
        "Task_ConfirmDischarge", "Event_PatientDischarged", "Task_NotifyDischarge", "EndEvent_Discharged")
        .hasNotPassedElement("Task_JustifyOutOfHours").isCompleted();
  }

  @Test
  void outOfHoursDischargeNeedsARecordedReason() {
    ProcessInstance instance = readyToLeave();
    journey.complete("Task_PlanDischarge", vars("plannedDischargeAt", "2026-11-23T20:00:00"));
    assertThat(instance).hasVariableWithValue("dischargeOutOfHours", true);
    assertThat(journey.task("Task_JustifyOutOfHours"))
        .containsEntry("formKey", "homefirst:out-of-hours-reason");

    journey.complete("Task_JustifyOutOfHours", vars("outOfHoursReason", "end of life: family wish to be home tonight"));

    assertThat(instance).hasPassedElement("Gateway_ReasonRecorded").isWaitingAtElements("Task_ConfirmDischarge");
  }

  @Test
  void outOfHoursDischargeWithoutReasonIsReplanned() {
    ProcessInstance instance = readyToLeave();
    journey.complete("Task_PlanDischarge", vars("plannedDischargeAt", "2026-11-23T07:59:00+00:00"));
    journey.complete("Task_JustifyOutOfHours", vars("outOfHoursReason", ""));

    assertThat(instance).isWaitingAtElements("Task_PlanDischarge");
    journey.complete("Task_PlanDischarge", vars("plannedDischargeAt", "2026-06-23T08:00:00+01:00"));
    assertThat(instance).isWaitingAtElements("Task_ConfirmDischarge").hasVariableWithValue("dischargeOutOfHours", false);
  }
}
