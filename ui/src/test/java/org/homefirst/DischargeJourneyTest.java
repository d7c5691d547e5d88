package org.homefirst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.homefirst.inbox.InboxTask;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TaskRefused;
import org.homefirst.journey.JourneyEntry;
import org.homefirst.journey.JourneyLog;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The first day of a journey through every layer: a referral posted over HTTP, triaged by the
 * right team through the inbox service the UI uses, the pathway suggested by the decision table
 * and confirmed (an override needs a reason), and the trusted assessment of pathway 1 handed to
 * the receiving team, with the history in PostgreSQL.
 */
class DischargeJourneyTest extends StackTest {

  @Autowired TaskInbox inbox;
  @Autowired ReferralIntake referrals;
  @Autowired JourneyLog journey;

  @Test
  void jadTriagesConfirmsTheSuggestedPathwayAndAssesses() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-queens");
    InboxTask task = taskOf(id, JAD, "Task_Triage");

    assertThat(task.candidateGroups()).containsExactly("jad");
    assertThat(inbox.find(REDBRIDGE, task.key())).as("other teams cannot see it").isEmpty();
    assertThatThrownBy(() -> inbox.claim(REDBRIDGE, task.key())).isInstanceOf(TaskRefused.class);
    Map<String, Object> triage = triageAnswers("mobility", "help-of-one");
    assertThatThrownBy(() -> inbox.complete(JAD, task.key(), triage)).hasMessageContaining("Claim the task");

    inbox.claim(JAD, task.key());
    assertThat(inbox.tasks(JAD, new TaskInbox.Queue.Mine(), 0, 50)).extracting(InboxTask::key).contains(task.key());
    inbox.complete(JAD, task.key(), triage);

    InboxTask confirm = taskOf(id, JAD, "Task_ConfirmPathway");
    assertThat(eventually("the suggestion", () -> inbox.variablesOf(confirm).get("suggestedPathway"))).isEqualTo(1);
    inbox.claim(JAD, confirm.key());
    assertThatThrownBy(() -> inbox.complete(JAD, confirm.key(), Map.of("pathway", 2)))
        .isInstanceOfSatisfying(TaskRefused.class,
            r -> assertThat(r.fieldErrors()).containsOnlyKeys("pathwayOverrideReason"));
    inbox.complete(JAD, confirm.key(), Map.of("pathway", 1, "equipmentNeeded", false));

    InboxTask assessment = taskOf(id, JAD, "Task_TrustedAssessment");
    inbox.claim(JAD, assessment.key());
    Map<String, Object> assessed = assessmentAnswers("discharge-coordinator");
    assessed.put("trustedAssessment", "Needs help washing and dressing; lives alone");
    inbox.complete(JAD, assessment.key(), assessed);

    var reablement = new org.homefirst.inbox.TeamMember("nelft.reablement", java.util.Set.of("nelft-reablement"));
    InboxTask review = taskOf(id, reablement, "Task_ReviewAssessment");
    assertThat(inbox.variablesOf(review)).containsEntry("trustedAssessment", "Needs help washing and dressing; lives alone");
    assertThat(inbox.find(JAD, review.key())).as("the receiving team's task").isEmpty();

    Referral open = referrals.find(id).orElseThrow();
    assertThat(open.status()).isEqualTo("OPEN");
    List<JourneyEntry> history = journey.of(open);
    assertThat(history)
        .extracting(JourneyEntry::kind, JourneyEntry::elementId)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("REFERRAL_RECEIVED", null),
            org.assertj.core.groups.Tuple.tuple("ELEMENT_ACTIVATED", "Task_Triage"),
            org.assertj.core.groups.Tuple.tuple("TASK_CLAIMED", "Task_Triage"),
            org.assertj.core.groups.Tuple.tuple("TASK_COMPLETED", "Task_Triage"),
            org.assertj.core.groups.Tuple.tuple("TASK_COMPLETED", "Task_ConfirmPathway"),
            org.assertj.core.groups.Tuple.tuple("TASK_COMPLETED", "Task_TrustedAssessment"),
            org.assertj.core.groups.Tuple.tuple("ELEMENT_ACTIVATED", "Task_ReviewAssessment"));
    assertThat(history).filteredOn(e -> e.kind().equals("TASK_COMPLETED"))
        .allSatisfy(e -> assertThat(e.actor()).isEqualTo("jad.coordinator"));
    assertThat(inbox.openTasksOf(open)).extracting(InboxTask::elementId).containsExactly("Task_ReviewAssessment");
  }

  @Test
  void invalidFormIsRefusedAndTheTaskStaysOpen() {
    UUID id = refer(validNhsNumber(), "lbr", "bhrut-kgh");
    InboxTask task = triageTaskOf(id, REDBRIDGE);
    inbox.claim(REDBRIDGE, task.key());

    Map<String, Object> bad = new HashMap<>(triageAnswers());
    bad.put("fastTrack", "yes");
    bad.put("triagePathway", 2);
    assertThatThrownBy(() -> inbox.complete(REDBRIDGE, task.key(), bad))
        .isInstanceOfSatisfying(
            TaskRefused.class,
            r -> assertThat(r.fieldErrors())
                .containsEntry("fastTrack", "Rapidly deteriorating, may be entering end of life (Fast Track) must be yes or no")
                .containsEntry("triagePathway", "not a field of the triage referral form")
                .hasSize(2));

    assertThat(inbox.find(REDBRIDGE, task.key())).get().extracting(InboxTask::assignee).isEqualTo("lbr.socialworker");
    assertThat(referrals.find(id).orElseThrow().status()).isEqualTo("OPEN");
  }

  @Test
  void aClaimedTaskCannotBeTakenOrReleasedBySomeoneElse() {
    UUID id = refer(validNhsNumber(), "lbbd", "bhrut-kgh");
    InboxTask task = triageTaskOf(id, JAD);
    var colleague = new org.homefirst.inbox.TeamMember("jad.colleague", java.util.Set.of("jad"));
    inbox.claim(JAD, task.key());

    assertThatThrownBy(() -> inbox.claim(colleague, task.key())).hasMessageContaining("already claimed by jad.coordinator");
    assertThatThrownBy(() -> inbox.unclaim(colleague, task.key())).isInstanceOf(TaskRefused.class);
    inbox.unclaim(JAD, task.key());
    inbox.claim(colleague, task.key());
    assertThat(inbox.find(JAD, task.key())).get().extracting(InboxTask::assignee).isEqualTo("jad.colleague");
  }

  private InboxTask triageTaskOf(UUID referral, org.homefirst.inbox.TeamMember member) {
    return taskOf(referral, member, "Task_Triage");
  }

  private InboxTask taskOf(UUID referral, org.homefirst.inbox.TeamMember member, String elementId) {
    Referral r = referrals.find(referral).orElseThrow();
    return eventually(
        elementId + " to reach the inbox",
        () -> inbox.openTasksOf(r).stream()
            .filter(t -> t.elementId().equals(elementId))
            .flatMap(t -> inbox.find(member, t.key()).stream())
            .findFirst()
            .orElse(null));
  }
}
