package org.homefirst.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.homefirst.processes.ProcessAssert.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.test.junit5.ProcessEngineExtension;

/**
 * Redbridge community handoffs go to the locality team for the patient's postcode: the
 * application passes {@code localityTeam}, and pathway 1's assessment at home (and its escalation)
 * goes there; elsewhere it stays with the borough's reablement service.
 */
@ExtendWith(ElementCoverage.class)
class LocalityHandoffProcessTest {

  @RegisterExtension static ProcessEngineExtension engine = TestEngine.extension();
  Journey journey;

  @BeforeEach
  void deploy() {
    journey = new Journey();
    journey.deployAll();
  }

  private ProcessInstance pathway1(String borough, String localityTeam) {
    Map<String, Object> v = Journey.referral(borough, "bhrut-kgh");
    v.put("dischargeTeam", borough.equals("lbr") ? "lbr-hospital-sw" : "jad");
    v.put("equipmentNeeded", false);
    v.put("localityTeam", localityTeam);
    ProcessInstance instance = journey.start(Processes.PATHWAY_1, v);
    journey.trustedAssessmentAccepted();
    journey.requested("Task_RequestReablement", "reablementRequestKey", "homefirst-job-71");
    journey.partnerAccepted("homefirst-job-71");
    journey.discharge();
    journey.complete("Task_ConfirmServiceStarted");
    return instance;
  }

  @Test
  void aRedbridgeAssessmentAtHomeGoesToTheLocalityTeamAndItsBreachEscalatesThere() {
    ProcessInstance instance = pathway1("lbr", "lbr-locality-wanstead");

    assertThat(instance).hasVariableWithValue("homeAssessmentTeam", "lbr-locality-wanstead");
    assertThat(journey.task("Task_AssessAtHome")).containsEntry("candidateGroups", List.of("lbr-locality-wanstead"));
    journey.advance(Duration.ofHours(49));
    assertThat(journey.task("Task_TeamLeadReview")).containsEntry("candidateGroups", List.of("lbr-locality-wanstead"));
  }

  @Test
  void withoutALocalityTheBoroughsReablementServiceAssesses() {
    pathway1("lbh", null);

    assertThat(journey.task("Task_AssessAtHome")).containsEntry("candidateGroups", List.of("nelft-reablement"));
  }
}
