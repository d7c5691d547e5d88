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
class ChcProcessTest {

  ZeebeTestEngine engine;
  ZeebeClient client;
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey(engine, client);
    journey.deployAll();
  }

  private ProcessInstanceEvent consider(boolean fastTrack) {
    Map<String, Object> v = Journey.referral("lbbd", "bhrut-kgh");
    v.put("fastTrack", fastTrack);
    v.put("checklistTeam", "council-lbbd");
    return journey.start("homefirst-chc", v);
  }

  @Test
  void fastTrackSkipsChecklistAndDstAndIsEscalatedAfter48Hours() {
    ProcessInstanceEvent instance = consider(true);
    assertThat(journey.headers("Task_FastTrackDecision"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"chc\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:chc-fast-track");

    journey.advance(Duration.ofHours(47));
    assertThat(instance).hasNotPassedElement("Timer_FastTrackSla");
    journey.advance(Duration.ofHours(2));
    assertThat(instance).hasPassedElement("Timer_FastTrackSla")
        .isWaitingAtElements("Task_FastTrackDecision", "Call_EscalateFastTrackSla");

    journey.complete("Task_FastTrackDecision", vars("chcOutcome", "chc-eligible"));
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    assertThat(instance).hasPassedElement("EndEvent_FastTrackDecided").hasNotPassedElement("Task_ChcChecklist")
        .hasPassedElement("EndEvent_FastTrackSlaEscalated").isCompleted();
  }

  @Test
  void negativeChecklistGoesToTheCouncilRoute() {
    ProcessInstanceEvent instance = consider(false);
    assertThat(journey.headers("Task_ChcChecklist"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"council-lbbd\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:chc-checklist");

    journey.complete("Task_ChcChecklist", vars("checklistPositive", false));

    assertThat(instance).hasPassedElement("EndEvent_ChecklistNegative").isCompleted()
        .hasVariableWithValue("chcOutcome", "not-eligible");
  }

  @Test
  void positiveChecklistLeadsToDstInTheCommunityAndAnIcbDecision() {
    ProcessInstanceEvent instance = consider(false);
    journey.complete("Task_ChcChecklist", vars("checklistPositive", true));
    assertThat(journey.headers("Task_DecisionSupportTool")).containsEntry("io.camunda.zeebe:formKey", "homefirst:chc-dst");

    journey.complete("Task_DecisionSupportTool", vars("dstSetting", "community", "dstRecommendation", "eligible"));
    journey.complete("Task_IcbDecision", vars("chcOutcome", "chc-eligible"));

    assertThat(instance).hasNotPassedElement("Task_RecordAcuteDstReason").hasPassedElement("EndEvent_ChcDecided")
        .hasNotPassedElement("Timer_ChcDecisionSla").isCompleted()
        .hasVariableWithValue("dstSetting", "community").hasVariableWithValue("chcOutcome", "chc-eligible");
  }

  @Test
  void dstInHospitalNeedsAReasonAndA28DayBreachIsEscalated() {
    ProcessInstanceEvent instance = consider(false);
    journey.complete("Task_ChcChecklist", vars("checklistPositive", true));
    journey.complete("Task_DecisionSupportTool", vars("dstSetting", "acute"));
    journey.complete("Task_RecordAcuteDstReason", vars("acuteDstReason", "patient choice"));
    assertThat(instance).isWaitingAtElements("Task_IcbDecision");

    journey.advance(Duration.ofDays(28).plusHours(1));

    assertThat(instance).hasPassedElement("Timer_ChcDecisionSla")
        .isWaitingAtElements("Task_IcbDecision", "Call_EscalateChcDecisionSla");
    journey.complete("Task_IcbDecision", vars("chcOutcome", "fnc"));
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    assertThat(instance).isCompleted().hasVariableWithValue("chcOutcome", "fnc");
  }
}
