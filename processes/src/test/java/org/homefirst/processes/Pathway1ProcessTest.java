package org.homefirst.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class Pathway1ProcessTest {

  ZeebeTestEngine engine;
  ZeebeClient client;
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey(engine, client);
    journey.deployAll();
  }

  private ProcessInstanceEvent pathway1(String borough, boolean equipmentNeeded) {
    Map<String, Object> v = Journey.referral(borough, "bhrut-queens");
    v.put("dischargeTeam", borough.equals("lbr") ? "lbr-hospital-sw" : "jad");
    v.put("equipmentNeeded", equipmentNeeded);
    return journey.start("homefirst-pathway-1", v);
  }

  @Test
  void homeFirstWithReablementEquipmentAnd91DayCheck() {
    ProcessInstanceEvent instance = pathway1("lbh", true);
    assertThat(instance).hasVariableWithValue("reablementTeam", "nelft-reablement");
    journey.trustedAssessmentAccepted();
    assertThat(instance).hasVariableWithValue("assessmentsDone", List.of("pathway-1"));
    journey.complete("Task_RequestReablement").complete("Task_OrderEquipment");
    journey.discharge();

    assertThat(journey.headers("Task_ConfirmServiceStarted"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"nelft-reablement\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:support-started");
    journey.complete("Task_ConfirmServiceStarted");
    journey.complete("Task_AssessAtHome");
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", false));
    assertThat(instance).isWaitingAtElements("Timer_FollowUpDue");

    journey.advance(Duration.ofDays(90));
    assertThat(journey.hasJob("Task_FollowUpCheck")).isFalse();
    journey.advance(Duration.ofDays(1).plusHours(1));
    journey.complete("Task_FollowUpCheck", vars("stillAtHomeAt91Days", true));

    assertThat(instance).hasNotPassedElement("Task_RequestLongTermCare").hasNotPassedElement("Timer_ReablementStartSla")
        .hasPassedElement("EndEvent_Pathway1Complete").isCompleted();
  }

  @Test
  void rejectedReablementRequestIsRetriedAndLongTermCareRequestedAfterReview() {
    ProcessInstanceEvent instance = pathway1("lbbd", false);
    assertThat(instance).hasVariableWithValue("reablementTeam", "lbbd-crisis");
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestReablement", "homefirst.rejected", vars("rejectionReason", "outside criteria"));
    assertThat(journey.headers("Task_ResolveReablementRejection"))
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:resolve-rejection");
    journey.complete("Task_ResolveReablementRejection", vars("rejectionDecision", "retry"));
    journey.complete("Task_RequestReablement");
    journey.discharge();
    journey.complete("Task_ConfirmServiceStarted").complete("Task_AssessAtHome");
    journey.complete("Task_ReablementReview", vars("longTermCareNeeded", true));

    assertThat(journey.job("Task_RequestLongTermCare").getValue().getType())
        .isEqualTo("homefirst.council.request-long-term-care");
    journey.complete("Task_RequestLongTermCare");
    assertThat(instance).hasPassedElement("Gateway_EquipmentDone").hasNotPassedElement("Task_OrderEquipment")
        .isWaitingAtElements("Timer_FollowUpDue");
  }

  @Test
  void rejectedReablementCanBecomeACarePackageAndLateStepsAreEscalated() {
    ProcessInstanceEvent instance = pathway1("lbr", false);
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestReablement", "homefirst.rejected", Map.of());
    journey.complete("Task_ResolveReablementRejection", vars("rejectionDecision", "care-package"));
    journey.complete("Task_RequestCarePackage");
    journey.discharge();

    journey.advance(Duration.ofDays(2).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_ReablementStartSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    journey.complete("Task_ConfirmServiceStarted");
    journey.advance(Duration.ofHours(49));
    assertThat(instance).hasPassedElement("Timer_HomeAssessmentSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));
    journey.complete("Task_AssessAtHome");
    journey.advance(Duration.ofDays(42).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_ReablementReviewSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));

    assertThat(instance).hasPassedElement("EndEvent_ReablementStartSlaEscalated").hasPassedElement("EndEvent_HomeAssessmentSlaEscalated").hasPassedElement("EndEvent_ReablementReviewSlaEscalated").hasPassedElement("Task_RequestCarePackage").isWaitingAtElements("Task_ReablementReview");
  }
}
