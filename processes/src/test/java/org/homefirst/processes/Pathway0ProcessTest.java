package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class Pathway0ProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance pathway0(String borough, boolean voluntarySupportWanted) {
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
    ProcessInstance instance = pathway0("lbbd", true);
    assertThat(instance).hasVariableWithValue("voluntaryService", "redcross-hnh");
    assertThat(journey.topic("Task_RequestVoluntarySupport"))
        .isEqualTo("homefirst.voluntary.request-support");
    journey.complete("Task_RequestVoluntarySupport");
    arranged();
    journey.discharge();
    assertThat(instance).isWaitingAtElements("Timer_HomeCheckDue");

    journey.advance(Duration.ofHours(71));
    assertThat(journey.hasJob("Task_HomeCheck")).isFalse();
    journey.advance(Duration.ofHours(2));
    assertThat(journey.task("Task_HomeCheck")).containsEntry("formKey", "homefirst:home-check");
    journey.complete("Task_HomeCheck", vars("stillAtHome", true));

    assertThat(instance).hasPassedElement("EndEvent_AtHome").isCompleted()
        .hasVariableWithValue("dischargedAt", journey.variable("dischargedAt"));
  }

  @Test
  void voluntaryServiceThatDeclinesDoesNotHoldUpDischarge() {
    ProcessInstance instance = pathway0("lbr", true);
    assertThat(instance).hasVariableWithValue("voluntaryService", "ageuk-escort");

    journey.reject("Task_RequestVoluntarySupport", "homefirst.rejected", vars("rejectionReason", "no capacity"));
    arranged();

    assertThat(instance).hasPassedElement("Task_NoteVoluntaryDeclined")
        .hasVariableWithValue("voluntarySupportStatus", "declined").isWaitingAtElements("Call_Discharge");
  }

  @Test
  void personNotHomeWithin72HoursIsSentBackForTriage() {
    ProcessInstance instance = pathway0("lbh", false);
    arranged();
    assertThat(instance).hasPassedElement("Gateway_VoluntaryDone").hasNotPassedElement("Task_RequestVoluntarySupport");
    journey.discharge();
    journey.advance(Duration.ofHours(73));

    journey.complete("Task_HomeCheck", vars("stillAtHome", false, "nextPathway", 2));

    assertThat(instance).hasPassedElement("EndEvent_NeedsRetriage").isCompleted().hasVariableWithValue("nextPathway", 2);
  }

  @Test
  void homeCheckIsDue72HoursAfterTheRecordedDischargeNotAfterItsConfirmation() {
    ProcessInstance instance = pathway0("lbbd", false);
    arranged();
    Instant left = journey.now().minus(Duration.ofHours(60)).truncatedTo(ChronoUnit.SECONDS);
    journey.discharge(left);

    assertThat(journey.timerDue("Timer_HomeCheckDue")).isEqualTo(left.plus(Duration.ofHours(72)));
    journey.advance(Duration.ofHours(11));
    assertThat(journey.hasJob("Task_HomeCheck")).isFalse();
    journey.advance(Duration.ofHours(2));
    assertThat(instance).hasPassedElement("Timer_HomeCheckDue").isWaitingAtElements("Task_HomeCheck");
  }
}
