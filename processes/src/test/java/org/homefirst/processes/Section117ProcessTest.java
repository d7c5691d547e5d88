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
  void councilAndIcbAgreeTheProposedSplit() {
    ProcessInstance instance = journey.start("homefirst-section-117", Journey.referral("lbr", "barts-whipps"));
    assertThat(instance).hasVariableWithValue("proposedIcbSharePercent", 50);
    assertThat(journey.task("Task_AgreeFunding"))
        .containsEntry("candidateGroups", List.of("chc", "council-lbr"))
        .containsEntry("formKey", "homefirst:s117-funding");

    journey.complete("Task_AgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 50));

    assertThat(instance).hasPassedElement("EndEvent_FundingAgreed").isCompleted();
  }

  @Test
  void disputeIsRecordedAsADelayAndResolvedBeforeDischarge() {
    ProcessInstance instance = journey.start("homefirst-section-117", Journey.referral("lbh", "bhrut-kgh"));
    journey.complete("Task_AgreeFunding", vars("s117Agreed", false, "s117DisputeNote", "ICB proposes 30%"));

    assertThat(instance).isWaitingAtElements("Task_ResolveFundingDispute");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> disputes = (List<Map<String, Object>>) journey.variable(instance, "s117Disputes");
    assertThat(disputes).singleElement()
        .satisfies(d -> assertThat(d).containsEntry("reason", "s117-funding").containsEntry("attribution", "both"));

    journey.complete("Task_ResolveFundingDispute");
    journey.complete("Task_AgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 40));
    assertThat(instance).isCompleted().hasVariableWithValue("s117IcbSharePercent", 40);
  }
}
