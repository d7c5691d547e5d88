package org.homefirst.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.homefirst.StackTest;
import org.homefirst.inbox.TaskForms;
import org.homefirst.processes.ProcessVariables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo caseload's steps go through the inbox, which refuses answers its forms would refuse:
 * every step's answers must pass the same checks, or the demo stops short of where it says. The
 * caseload shows structured trusted assessments, one by the ward physiotherapist.
 */
class DemoCaseloadTest extends StackTest {

  private static final Map<String, String> FORMS = Map.of(
      "Task_Triage", "homefirst:triage",
      "Task_ConfirmPathway", "homefirst:confirm-pathway",
      "Task_TrustedAssessment", "homefirst:trusted-assessment",
      "Task_ReviewAssessment", "homefirst:review-trusted-assessment",
      "Task_PlanDischarge", "homefirst:plan-discharge",
      "Task_ConfirmDischarge", "homefirst:confirm-discharge",
      "Task_ConfirmServiceStarted", "homefirst:support-started");

  @Autowired TaskForms forms;

  @Test
  void everyDemoStepPassesItsFormsChecks() {
    for (DemoReferrals.Patient patient : DemoReferrals.caseload(Instant.now())) {
      for (DemoReferrals.Step step : patient.steps()) {
        assertThat(FORMS).as("form of %s", step.elementId()).containsKey(step.elementId());
        assertThat(forms.problems(FORMS.get(step.elementId()), step.elementId(), step.answers(), Map.of()))
            .as("%s of %s", step.elementId(), patient.referral().givenName()).isEmpty();
      }
    }
  }

  @Test
  void theCaseloadShowsStructuredTrustedAssessmentsOneByTheWardTherapist() {
    List<DemoReferrals.Step> assessments = DemoReferrals.caseload(Instant.now()).stream()
        .flatMap(p -> p.steps().stream()).filter(s -> s.elementId().equals("Task_TrustedAssessment")).toList();
    assertThat(assessments).hasSizeGreaterThanOrEqualTo(2).allSatisfy(s -> assertThat(s.answers())
        .containsKey(ProcessVariables.ASSESSOR_PROFESSION)
        .containsKeys(ProcessVariables.ASSESSMENT_DOMAINS.stream().map(ProcessVariables.AssessmentDomain::variable)
            .toArray(String[]::new)));
    assertThat(assessments).extracting(DemoReferrals.Step::by).contains("ward.therapist");
  }
}
