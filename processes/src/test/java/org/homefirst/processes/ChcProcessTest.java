package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class ChcProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance consider(boolean fastTrack) {
    Map<String, Object> v = Journey.referral("lbbd", "bhrut-kgh");
    v.put("fastTrack", fastTrack);
    v.put("checklistTeam", "council-lbbd");
    return journey.start("homefirst-chc", v);
  }

  @Test
  void fastTrackSkipsChecklistAndDstAndIsEscalatedAfter48Hours() {
    ProcessInstance instance = consider(true);
    assertThat(journey.task("Task_FastTrackDecision"))
        .containsEntry("candidateGroups", List.of("chc"))
        .containsEntry("formKey", "homefirst:chc-fast-track");

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
    ProcessInstance instance = consider(false);
    assertThat(journey.task("Task_ChcChecklist"))
        .containsEntry("candidateGroups", List.of("council-lbbd"))
        .containsEntry("formKey", "homefirst:chc-checklist");

    journey.complete("Task_ChcChecklist", vars("checklistPositive", false));

    assertThat(instance).hasPassedElement("EndEvent_ChecklistNegative").isCompleted()
        .hasVariableWithValue("chcOutcome", "not-eligible");
  }

  @Test
  void positiveChecklistLeadsToDstInTheCommunityAndAnIcbDecision() {
    ProcessInstance instance = consider(false);
    journey.complete("Task_ChcChecklist", vars("checklistPositive", true));
    assertThat(journey.task("Task_DecisionSupportTool")).containsEntry("formKey", "homefirst:chc-dst");

    journey.complete("Task_DecisionSupportTool", vars("dstSetting", "community", "dstRecommendation", "eligible"));
    journey.complete("Task_IcbDecision", vars("chcOutcome", "chc-eligible"));

    assertThat(instance).hasNotPassedElement("Task_RecordAcuteDstReason").hasPassedElement("EndEvent_ChcDecided")
        .hasNotPassedElement("Timer_ChcDecisionSla").isCompleted()
        .hasVariableWithValue("dstSetting", "community").hasVariableWithValue("chcOutcome", "chc-eligible");
  }

  @Test
  void dstInHospitalNeedsAReasonAndA28DayBreachIsEscalated() {
    ProcessInstance instance = consider(false);
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

  @Test
  void everyStepOfTheAssessmentIsDueWhenThe28DayClockRunsOut() {
    ProcessInstance instance = consider(false);
    journey.advance(Duration.ofDays(3));
    journey.complete("Task_ChcChecklist", vars("checklistPositive", true));
    Instant due = journey.now().plus(Duration.ofDays(28));

    assertThat(journey.timerDue("Timer_ChcDecisionSla")).isEqualTo(due);
    assertThat(journey.task("Task_DecisionSupportTool")).containsEntry("dueDate", due);
    journey.advance(Duration.ofDays(10));
    journey.complete("Task_DecisionSupportTool", vars("dstSetting", "acute"));
    assertThat(journey.task("Task_RecordAcuteDstReason")).containsEntry("dueDate", due);
    journey.complete("Task_RecordAcuteDstReason", vars("acuteDstReason", "patient choice"));
    assertThat(journey.task("Task_IcbDecision")).containsEntry("dueDate", due);
    assertThat(instance).isWaitingAtElements("Task_IcbDecision");
  }
}
