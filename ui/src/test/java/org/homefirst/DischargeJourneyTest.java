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
 * The thin journey through every layer: a referral posted over HTTP, triaged by the right team
 * through the inbox service the UI uses, the worker run by the engine, the history in PostgreSQL.
 */
class DischargeJourneyTest extends StackTest {

  @Autowired TaskInbox inbox;
  @Autowired ReferralIntake referrals;
  @Autowired JourneyLog journey;

  @Test
  void jadTriagesAReferralAndTheJourneyCompletes() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-queens");
    InboxTask task = triageTaskOf(id, JAD);

    assertThat(task.candidateGroups()).containsExactly("jad");
    assertThat(inbox.find(REDBRIDGE, task.key())).as("other teams cannot see it").isEmpty();
    assertThatThrownBy(() -> inbox.claim(REDBRIDGE, task.key())).isInstanceOf(TaskRefused.class);
    assertThatThrownBy(() -> inbox.complete(JAD, task.key(), Map.of("triagePathway", 1)))
        .hasMessageContaining("Claim the task");

    inbox.claim(JAD, task.key());
    assertThat(inbox.tasks(JAD, new TaskInbox.Queue.Mine(), 0, 50)).extracting(InboxTask::key).contains(task.key());
    inbox.complete(JAD, task.key(), Map.of("triagePathway", 1, "triageNotes", "Reablement at home"));

    Referral done =
        eventually("the journey to complete", () -> referrals.find(id).filter(r -> r.status().equals("COMPLETED")).orElse(null));
    assertThat(done.closedAt()).isNotNull();
    String notice =
        db.sql("select message from ward_notification where referral_id = ?").param(id).query(String.class).single();
    assertThat(notice).isEqualTo("Referral triaged to pathway 1");
    List<JourneyEntry> history = journey.of(done);
    assertThat(history)
        .extracting(JourneyEntry::kind, JourneyEntry::elementId)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("REFERRAL_RECEIVED", null),
            org.assertj.core.groups.Tuple.tuple("ELEMENT_ACTIVATED", "Task_Triage"),
            org.assertj.core.groups.Tuple.tuple("TASK_CLAIMED", "Task_Triage"),
            org.assertj.core.groups.Tuple.tuple("TASK_COMPLETED", "Task_Triage"),
            org.assertj.core.groups.Tuple.tuple("ELEMENT_COMPLETED", "Task_NotifyWard"),
            org.assertj.core.groups.Tuple.tuple("ELEMENT_COMPLETED", "EndEvent_Triaged"));
    assertThat(history).filteredOn(e -> e.kind().equals("TASK_COMPLETED")).singleElement()
        .satisfies(e -> assertThat(e.actor()).isEqualTo("jad.coordinator"));
    assertThat(inbox.openTasksOf(done)).isEmpty();
  }

  @Test
  void invalidFormIsRefusedAndTheTaskStaysOpen() {
    UUID id = refer(validNhsNumber(), "lbr", "bhrut-kgh");
    InboxTask task = triageTaskOf(id, REDBRIDGE);
    inbox.claim(REDBRIDGE, task.key());

    Map<String, Object> bad = new HashMap<>();
    bad.put("triagePathway", 7);
    bad.put("triageNotes", "x".repeat(2001));
    assertThatThrownBy(() -> inbox.complete(REDBRIDGE, task.key(), bad))
        .isInstanceOfSatisfying(
            TaskRefused.class,
            r -> assertThat(r.fieldErrors()).containsOnlyKeys("triagePathway", "triageNotes"));

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
    return eventually(
        "the triage task to reach the inbox",
        () ->
            inbox.tasks(member, new TaskInbox.Queue.AllVisible(), 0, 500).stream()
                .filter(t -> referral.equals(t.referralId()))
                .findFirst()
                .orElse(null));
  }
}
