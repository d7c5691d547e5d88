package org.homefirst.processes;

import static org.homefirst.processes.ProcessAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ElementCoverage.class)
class Section117ProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  @Test
  void theIcbAndTheCouncilAgreeTheSplitAsTwoDecisionsOfTheirOwnPeople() {
    ProcessInstance instance = journey.start("homefirst-section-117", Journey.referral("lbr", "barts-whipps"));
    assertThat(instance).hasVariableWithValue("proposedIcbSharePercent", 50);
    assertThat(journey.task("Task_IcbAgreeFunding"))
        .containsEntry("candidateGroups", List.of("chc"))
        .containsEntry("formKey", "homefirst:s117-funding");

    journey.completeAs("chc.nurse", "Task_IcbAgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 50));
    assertThat(journey.task("Task_CouncilAgreeFunding"))
        .containsEntry("candidateGroups", List.of("council-lbr"))
        .containsEntry("formKey", "homefirst:s117-council-funding");
    journey.completeAs("lbr.officer", "Task_CouncilAgreeFunding", vars("s117Agreed", true));

    assertThat(instance).hasPassedElement("EndEvent_FundingAgreed").isCompleted()
        .hasVariableWithValue("s117IcbSharePercent", 50)
        .hasVariableWithValue("s117IcbDecidedBy", "chc.nurse")
        .hasVariableWithValue("s117CouncilDecidedBy", "lbr.officer");
  }

  @Test
  void theCouncilsAgreementByThePersonWhoDecidedForTheIcbDoesNotCount() {
    ProcessInstance instance = journey.start("homefirst-section-117", Journey.referral("lbr", "barts-whipps"));
    journey.completeAs("manager", "Task_IcbAgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 50));

    journey.completeAs("manager", "Task_CouncilAgreeFunding", vars("s117Agreed", true));
    assertThat(instance).hasPassedElement("Gateway_SecondPerson").isWaitingAtElements("Task_CouncilAgreeFunding");
    journey.complete("Task_CouncilAgreeFunding", vars("s117Agreed", true));
    assertThat(instance).as("nobody signed in: not a second person either").isWaitingAtElements("Task_CouncilAgreeFunding");

    journey.completeAs("lbr.officer", "Task_CouncilAgreeFunding", vars("s117Agreed", true));
    assertThat(instance).hasPassedElement("EndEvent_FundingAgreed").isCompleted();
  }

  @Test
  void anIcbThatDoesNotAgreeRecordsTheDisputeWithoutAskingTheCouncil() {
    ProcessInstance instance = journey.start("homefirst-section-117", Journey.referral("lbbd", "bhrut-kgh"));
    journey.completeAs("chc.nurse", "Task_IcbAgreeFunding",
        vars("s117Agreed", false, "s117DisputeNote", "ICB proposes 30%"));

    assertThat(instance).hasNotPassedElement("Task_CouncilAgreeFunding").isWaitingAtElements("Task_ResolveFundingDispute");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> disputes = (List<Map<String, Object>>) journey.variable(instance, "s117Disputes");
    assertThat(disputes).singleElement().satisfies(d -> assertThat(d).containsEntry("note", "ICB proposes 30%"));
  }

  @Test
  void disputeIsRecordedAsADelayAndResolvedBeforeDischarge() {
    ProcessInstance instance = journey.start("homefirst-section-117", Journey.referral("lbh", "bhrut-kgh"));
    journey.completeAs("chc.nurse", "Task_IcbAgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 50));
    journey.completeAs("lbh.council", "Task_CouncilAgreeFunding",
        vars("s117Agreed", false, "s117DisputeNote", "council proposes 40% ICB"));

    assertThat(instance).isWaitingAtElements("Task_ResolveFundingDispute");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> disputes = (List<Map<String, Object>>) journey.variable(instance, "s117Disputes");
    assertThat(disputes).singleElement()
        .satisfies(d -> assertThat(d).containsEntry("reason", "s117-funding").containsEntry("attribution", "both")
            .containsEntry("note", "council proposes 40% ICB"));

    journey.complete("Task_ResolveFundingDispute");
    journey.completeAs("chc.nurse", "Task_IcbAgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 40));
    journey.completeAs("lbh.council", "Task_CouncilAgreeFunding", vars("s117Agreed", true));
    assertThat(instance).isCompleted().hasVariableWithValue("s117IcbSharePercent", 40);
  }
}
