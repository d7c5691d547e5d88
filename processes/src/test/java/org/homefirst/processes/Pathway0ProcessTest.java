package org.homefirst.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class Pathway0ProcessTest {

  ZeebeTestEngine engine;
  ZeebeClient client;
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey(engine, client);
    journey.deployAll();
  }

  private ProcessInstanceEvent pathway0(String borough, boolean voluntarySupportWanted) {
    Map<String, Object> v = Journey.referral(borough, "bhrut-kgh");
    v.put("dischargeTeam", borough.equals("lbr") ? "lbr-hospital-sw" : "jad");
    v.put("voluntarySupportWanted", voluntarySupportWanted);
    return journey.start("homefirst-pathway-0", v);
  }

  private void arranged() {
    journey.complete("Task_RequestTta").complete("Task_BookTransport");
  }

  @Test
  void voluntarySupportTtaAndTransportThenHomeCheckAfter72Hours() {
    ProcessInstanceEvent instance = pathway0("lbbd", true);
    assertThat(instance).hasVariableWithValue("voluntaryService", "redcross-hnh");
    assertThat(journey.job("Task_RequestVoluntarySupport").getValue().getType())
        .isEqualTo("homefirst.voluntary.request-support");
    journey.complete("Task_RequestVoluntarySupport");
    arranged();
    journey.discharge();
    assertThat(instance).isWaitingAtElements("Timer_HomeCheckDue");

    journey.advance(Duration.ofHours(71));
    assertThat(journey.hasJob("Task_HomeCheck")).isFalse();
    journey.advance(Duration.ofHours(2));
    assertThat(journey.headers("Task_HomeCheck")).containsEntry("io.camunda.zeebe:formKey", "homefirst:home-check");
    journey.complete("Task_HomeCheck", vars("stillAtHome", true));

    assertThat(instance).hasPassedElement("EndEvent_AtHome").isCompleted()
        .hasVariableWithValue("dischargedAt", journey.variable("dischargedAt"));
  }

  @Test
  void voluntaryServiceThatDeclinesDoesNotHoldUpDischarge() {
    ProcessInstanceEvent instance = pathway0("lbr", true);
    assertThat(instance).hasVariableWithValue("voluntaryService", "ageuk-escort");

    journey.reject("Task_RequestVoluntarySupport", "homefirst.rejected", vars("rejectionReason", "no capacity"));
    arranged();

    assertThat(instance).hasPassedElement("Task_NoteVoluntaryDeclined")
        .hasVariableWithValue("voluntarySupportStatus", "declined").isWaitingAtElements("Call_Discharge");
  }

  @Test
  void personNotHomeWithin72HoursIsSentBackForTriage() {
    ProcessInstanceEvent instance = pathway0("lbh", false);
    arranged();
    assertThat(instance).hasPassedElement("Gateway_VoluntaryDone").hasNotPassedElement("Task_RequestVoluntarySupport");
    journey.discharge();
    journey.advance(Duration.ofHours(73));

    journey.complete("Task_HomeCheck", vars("stillAtHome", false, "nextPathway", 2));

    assertThat(instance).hasPassedElement("EndEvent_NeedsRetriage").isCompleted().hasVariableWithValue("nextPathway", 2);
  }
}
