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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class Pathway2ProcessTest {

  ZeebeTestEngine engine;
  ZeebeClient client;
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey(engine, client);
    journey.deployAll();
  }


  private ProcessInstanceEvent transferred() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstanceEvent instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    assertThat(journey.job("Task_RequestRehabBed").getValue().getType()).isEqualTo("homefirst.nelft.request-rehab-bed");
    journey.complete("Task_RequestRehabBed", vars("rehabBed", "IRS bed 4"));
    journey.discharge();
    return instance;
  }

  @ParameterizedTest(name = "bed stay review decides next pathway {0}")
  @CsvSource({"1, EndEvent_StepDownToPathway1", "3, EndEvent_StepUpToPathway3"})
  void bedStayReviewStepsDownOrUp(int next, String end) {
    ProcessInstanceEvent instance = transferred();
    assertThat(journey.headers("Task_BedStayReview"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"nelft-irs\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:bed-stay-review");

    journey.complete("Task_BedStayReview", vars("nextPathway", next));

    assertThat(instance).hasPassedElement(end).isCompleted().hasVariableWithValue("nextPathway", next);
  }

  @Test
  void homeWithoutSupportAfterALateBedStayReview() {
    ProcessInstanceEvent instance = transferred();
    journey.advance(Duration.ofDays(14).plusHours(1));
    assertThat(instance).hasPassedElement("Timer_BedStayReviewSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", true));

    journey.complete("Task_BedStayReview", vars("nextPathway", null));

    assertThat(instance).hasPassedElement("EndEvent_HomeWithoutSupport").hasPassedElement("EndEvent_BedStayReviewSlaEscalated")
        .isCompleted();
  }

  @Test
  void rejectedBedRequestIsRetriedAndTransferLaterThan72HoursIsEscalated() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstanceEvent instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestRehabBed", "homefirst.rejected", vars("rejectionReason", "no bed today"));
    journey.complete("Task_ResolveBedRejection", vars("rejectionDecision", "retry"));
    assertThat(instance).isWaitingAtElements("Task_RequestRehabBed");

    journey.advance(Duration.ofHours(73));

    assertThat(instance).hasPassedElement("Timer_TransferSla").isWaitingAtElements("Task_RequestRehabBed",
        "Call_EscalateTransferSla");
    journey.complete("Task_TeamLeadReview", vars("escalationResolved", false));
    journey.complete("Task_MadeReview");
    journey.complete("Task_RequestRehabBed");
    journey.discharge();
    assertThat(instance).hasPassedElement("EndEvent_Transferred").hasPassedElement("EndEvent_TransferSlaEscalated")
        .isWaitingAtElements("Task_BedStayReview");
  }

  @Test
  void noBedLeadsToAPathwayChange() {
    Map<String, Object> v = Journey.referral("lbh", "bhrut-kgh");
    v.put("dischargeTeam", "jad");
    ProcessInstanceEvent instance = journey.start("homefirst-pathway-2", v);
    journey.trustedAssessmentAccepted();
    journey.reject("Task_RequestRehabBed", "homefirst.rejected", Map.of());

    journey.complete("Task_ResolveBedRejection", vars("rejectionDecision", "change-pathway", "nextPathway", 1));

    assertThat(instance).hasPassedElement("EndEvent_PathwayChangeRequested").isCompleted()
        .hasVariableWithValue("nextPathway", 1);
  }
}
