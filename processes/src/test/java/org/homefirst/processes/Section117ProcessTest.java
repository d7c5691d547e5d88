package org.homefirst.processes;

import static io.camunda.zeebe.process.test.assertions.BpmnAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.Journey.vars;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ProcessInstanceEvent;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ZeebeProcessTest
@ExtendWith(ElementCoverage.class)
class Section117ProcessTest {

  ZeebeTestEngine engine;
  ZeebeClient client;
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey(engine, client);
    journey.deployAll();
  }

  @Test
  void councilAndIcbAgreeTheProposedSplit() {
    ProcessInstanceEvent instance = journey.start("homefirst-section-117", Journey.referral("lbr", "barts-whipps"));
    assertThat(instance).hasVariableWithValue("proposedIcbSharePercent", 50);
    assertThat(journey.headers("Task_AgreeFunding"))
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"chc\",\"council-lbr\"]")
        .containsEntry("io.camunda.zeebe:formKey", "homefirst:s117-funding");

    journey.complete("Task_AgreeFunding", vars("s117Agreed", true, "s117IcbSharePercent", 50));

    assertThat(instance).hasPassedElement("EndEvent_FundingAgreed").isCompleted();
  }

  @Test
  void disputeIsRecordedAsADelayAndResolvedBeforeDischarge() {
    ProcessInstanceEvent instance = journey.start("homefirst-section-117", Journey.referral("lbh", "bhrut-kgh"));
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
