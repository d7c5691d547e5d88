package org.homefirst.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.homefirst.StackTest;
import org.homefirst.audit.AuditLog;
import org.homefirst.journey.JourneyLog;
import org.homefirst.referral.ReferralIntake;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The inbox services on the real engine and database: queues, forms, actions, permissions, audit. */
class InboxServiceTest extends StackTest {

  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad", "lbr-hospital-sw", "chc"));

  @Autowired TaskInbox inbox;
  @Autowired TaskForms forms;
  @Autowired FormCatalog catalog;
  @Autowired ReferralIntake referrals;
  @Autowired JourneyLog journey;
  @Autowired AuditLog audit;

  @Test
  void filtersAndSearchNarrowTheQueueAndCountsMatchTheRows() {
    String havering = validNhsNumber();
    String barking = validNhsNumber();
    refer(havering, "lbh", "bhrut-queens");
    refer(barking, "lbbd", "bhrut-kgh");
    taskOf(havering, JAD);
    taskOf(barking, JAD);

    TaskFilter byNhs = new TaskFilter(null, null, null, null, false, havering.substring(0, 3) + " " + havering.substring(3, 6) + " " + havering.substring(6));
    assertThat(inbox.tasks(JAD, new TaskInbox.Queue.Team("jad"), byNhs, 0, 50)).extracting(InboxTask::nhsNumber).containsExactly(havering);
    assertThat(inbox.count(JAD, new TaskInbox.Queue.Team("jad"), byNhs)).isEqualTo(1);

    TaskFilter barkingAtKgh = new TaskFilter("lbbd", "bhrut-kgh", "Ward 7", "Task_Triage", false, null);
    List<InboxTask> rows = inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(), barkingAtKgh, 0, 500);
    assertThat(rows).extracting(InboxTask::nhsNumber).contains(barking).doesNotContain(havering);
    assertThat(rows).allSatisfy(t -> assertThat(t.borough()).isEqualTo("lbbd"));
    assertThat(inbox.count(JAD, new TaskInbox.Queue.AllVisible(), barkingAtKgh)).isEqualTo(rows.size());

    TaskFilter byName = new TaskFilter(null, null, null, null, false, "ada jo");
    assertThat(inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(), byName, 0, 500)).extracting(InboxTask::nhsNumber).contains(havering, barking);
    TaskFilter overdueHavering = new TaskFilter(null, null, null, null, true, havering);
    assertThat(inbox.count(JAD, new TaskInbox.Queue.AllVisible(), overdueHavering)).isZero();

    List<InboxTask> sorted = inbox.tasks(JAD, new TaskInbox.Queue.AllVisible(), TaskFilter.NONE, 0, 500);
    assertThat(sorted).extracting(InboxTask::dueAt).filteredOn(java.util.Objects::nonNull).isSorted();
    assertThat(inbox.taskTypes()).extracting(TaskInbox.TaskType::elementId).contains("Task_Triage");
  }

  @Test
  void everyFormKeyOfTheProcessModelsHasAFormDefinition() throws IOException {
    Set<String> keys = new TreeSet<>();
    Pattern formKey = Pattern.compile("formKey=\"([^\"]+)\"");
    for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:homefirst/*.bpmn")) {
      Matcher m = formKey.matcher(r.getContentAsString(StandardCharsets.UTF_8));
      while (m.find()) {
        keys.add(m.group(1));
      }
    }
    assertThat(keys).isNotEmpty().contains("homefirst:triage");
    assertThat(keys).allSatisfy(k -> assertThat(catalog.of(k)).as(k).isPresent());
  }

  @Test
  void formsAreValidatedFromTheirDefinitions() {
    assertThat(forms.problems("homefirst:triage", triageAnswers("recentFalls", true))).isEmpty();
    assertThat(forms.problems("homefirst:triage", triageAnswers("recentFalls", "often"))).containsOnlyKeys("recentFalls");
    assertThat(forms.problems("homefirst:triage", triageAnswers("mobility", "hops"))).containsOnlyKeys("mobility");
    assertThat(forms.problems("homefirst:triage", triageAnswers("pathway", 1))).containsOnlyKeys("pathway");
    java.util.Map<String, Object> noMobility = triageAnswers();
    noMobility.remove("mobility");
    assertThat(forms.problems("homefirst:triage", noMobility)).as("every fact is recorded").containsOnlyKeys("mobility");
    assertThat(forms.problems("homefirst:confirm-pathway", Map.of("pathway", 1), Map.of("suggestedPathway", 1))).isEmpty();
    assertThat(forms.problems("homefirst:confirm-pathway", Map.of("pathway", 2), Map.of("suggestedPathway", 1)))
        .containsOnlyKeys("pathwayOverrideReason");
    assertThat(forms.problems("homefirst:confirm-pathway", Map.of("pathway", 2, "pathwayOverrideReason", "family choice"),
        Map.of("suggestedPathway", 1))).isEmpty();
    assertThat(forms.problems("homefirst:review-trusted-assessment", Map.of("assessmentAccepted", false)))
        .containsEntry("flawReason", "say why the assessment is flawed, so the assessor can put it right");
    assertThat(forms.problems("homefirst:review-trusted-assessment", Map.of("assessmentAccepted", true))).isEmpty();
    assertThat(forms.problems("homefirst:resolve-rejection", Map.of("rejectionDecision", "change-pathway")))
        .containsOnlyKeys("nextPathway");
    assertThat(forms.problems("homefirst:resolve-rejection", "Task_ResolveBedRejection", Map.of(), Map.of()))
        .containsEntry("rejectionDecision", "Decision is required").hasSize(1);
    // One form, several tasks: each task is offered only the choices its model acts on.
    assertThat(forms.problems("homefirst:resolve-rejection", "Task_ResolveReablementRejection",
        Map.of("rejectionDecision", "care-package"), Map.of())).isEmpty();
    assertThat(forms.problems("homefirst:resolve-rejection", "Task_ResolveLongTermCareRejection",
        Map.of("rejectionDecision", "care-package"), Map.of())).containsOnlyKeys("rejectionDecision");
    assertThat(forms.problems("homefirst:resolve-rejection", "Task_ResolveLongTermCareRejection",
        Map.of("rejectionDecision", "no-long-term-care", "nextPathway", 2), Map.of()))
        .containsEntry("nextPathway", "not a field of the decide on rejected request form").hasSize(1);
    assertThat(forms.problems("homefirst:resolve-rejection", "Task_ResolveCarePackageRejection",
        Map.of("rejectionDecision", "change-pathway", "nextPathway", 2), Map.of())).isEmpty();

    assertThat(forms.problems("homefirst:record-delay", Map.of("delayReason", "transport"))).containsOnlyKeys("delayAttribution", "delaySetting");
    assertThat(forms.problems("homefirst:record-delay", Map.of("delayReason", "boredom", "delayAttribution", "nhs", "delaySetting", "acute")))
        .containsOnlyKeys("delayReason");
    assertThat(forms.problems("homefirst:review-trusted-assessment", Map.of("assessmentAccepted", "yes"))).containsOnlyKeys("assessmentAccepted");
    assertThat(forms.problems("homefirst:confirm-discharge", Map.of("dischargedAt", "2026-11-23T11:00:00"))).containsOnlyKeys("dischargedAt");
    assertThat(forms.problems("homefirst:confirm-discharge", Map.of("dischargedAt", "2026-11-23T11:00:00Z"))).isEmpty();
    assertThat(forms.problems("homefirst:plan-discharge", Map.of("plannedDischargeAt", "2026-11-23T11:00:00"))).isEmpty();
    assertThat(forms.problems("homefirst:s117-funding", Map.of("s117Agreed", true, "s117IcbSharePercent", 120))).containsOnlyKeys("s117IcbSharePercent");
    Map<String, Object> tooLong = assessmentAnswers("physiotherapist");
    tooLong.put("trustedAssessment", "x".repeat(8001));
    assertThat(forms.problems("homefirst:trusted-assessment", tooLong)).containsOnlyKeys("trustedAssessment");
    Map<String, Object> noSkin = assessmentAnswers("physiotherapist");
    noSkin.remove("assessmentSkin");
    assertThat(forms.problems("homefirst:trusted-assessment", noSkin)).as("every domain is assessed")
        .containsOnlyKeys("assessmentSkin");
    assertThat(forms.problems("homefirst:review-trusted-assessment", Map.of("assessmentAccepted", false,
        "flawReason", "no access details"))).as("a flaw names its domain").containsOnlyKeys("flawDomain");
    assertThat(forms.problems("homefirst:review-trusted-assessment", Map.of("assessmentAccepted", false,
        "flawDomain", "home", "flawReason", "no access details"))).isEmpty();
    assertThat(forms.problems("homefirst:no-such-form", Map.of())).isEmpty();
    assertThat(forms.problems("homefirst:no-such-form", Map.of("anything", 1))).containsOnlyKeys("anything");
  }

  @Test
  void commentsAndDelaysGoOnTheJourneyAndIntoTheAuditLog() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbr", "barts-whipps");
    InboxTask task = taskOf(nhs, REDBRIDGE);

    inbox.comment(REDBRIDGE, task.key(), "Family visiting on Tuesday");
    assertThatThrownBy(() -> inbox.recordDelay(REDBRIDGE, task.key(), "boredom", "council", null, null))
        .isInstanceOfSatisfying(TaskRefused.class,
            r -> assertThat(r.fieldErrors()).containsOnlyKeys("delayReason", "delayAttribution", "delaySetting"));
    assertThat(db.sql("select count(*) from delay where referral_id = ?").param(id).query(Integer.class).single()).isZero();

    inbox.recordDelay(REDBRIDGE, task.key(), "package-of-care", "social-care", "acute", "No carers until Monday");

    assertThat(db.sql("select reason || '/' || attribution || '/' || setting from delay where referral_id = ?").param(id).query(String.class).single())
        .isEqualTo("package-of-care/social-care/acute");
    var history = journey.of(referrals.find(id).orElseThrow());
    assertThat(history).filteredOn(e -> e.kind().equals("COMMENT_ADDED")).singleElement()
        .satisfies(e -> assertThat(e.detail()).isEqualTo("Family visiting on Tuesday"));
    assertThat(history).filteredOn(e -> e.kind().equals("DELAY_RECORDED")).singleElement()
        .satisfies(e -> assertThat(e.detail()).contains("Awaiting package of care", "Social care", "Acute"));
    assertThat(audit.search(new AuditLog.Query("lbr.socialworker", null, nhs, null, null), 0, 50))
        .extracting(AuditEvent -> AuditEvent.action()).contains("COMMENT", "RECORD_DELAY");
  }

  @Test
  void onlyTeamLeadsAssignAndBulkReassignWithinTheTasksTeams() {
    String first = validNhsNumber();
    String second = validNhsNumber();
    refer(first, "lbh", "bhrut-kgh");
    refer(second, "lbbd", "bhrut-queens");
    InboxTask a = taskOf(first, JAD);
    InboxTask b = taskOf(second, JAD);

    assertThatThrownBy(() -> inbox.assign(JAD, a.key(), "manager")).isInstanceOf(TaskRefused.class)
        .hasMessageContaining("team leads");
    assertThatThrownBy(() -> inbox.reassign(JAD, List.of(a.key()), "manager")).isInstanceOf(TaskRefused.class);

    Map<Long, String> refused = inbox.reassign(MANAGER, List.of(a.key(), b.key()), "lbr.socialworker");
    assertThat(refused).containsOnlyKeys(a.key(), b.key());

    assertThat(inbox.reassign(MANAGER, List.of(a.key(), b.key()), "jad.coordinator")).isEmpty();
    assertThat(inbox.tasks(JAD, new TaskInbox.Queue.Mine(), 0, 500)).extracting(InboxTask::key).contains(a.key(), b.key());
    assertThat(db.sql("select count(*) from audit_event where action = 'ASSIGN' and task_key in (?, ?)").params(a.key(), b.key())
        .query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void patientsAndTasksAreVisibleToTheirTeamsOnlyAndRefusalsAreAudited() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbbd", "bhrut-kgh");
    InboxTask task = taskOf(nhs, JAD);

    assertThat(inbox.canSee(JAD, id)).isTrue();
    assertThat(inbox.canSee(REDBRIDGE, id)).isFalse();
    assertThat(inbox.open(REDBRIDGE, task.key())).isEmpty();
    assertThatThrownBy(() -> inbox.comment(REDBRIDGE, task.key(), "hello")).isInstanceOf(TaskRefused.class);
    assertThat(db.sql("select count(*) from audit_event where actor = 'lbr.socialworker' and action = 'REFUSED' and task_key = ?")
        .param(task.key()).query(Integer.class).single()).isEqualTo(1);
    assertThat(inbox.open(JAD, task.key())).isPresent();
  }

  private InboxTask taskOf(String nhs, TeamMember member) {
    return eventually("the task to reach the inbox", () -> inbox
        .tasks(member, new TaskInbox.Queue.AllVisible(), new TaskFilter(null, null, null, null, false, nhs), 0, 10).stream()
        .findFirst()
        .orElse(null));
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
