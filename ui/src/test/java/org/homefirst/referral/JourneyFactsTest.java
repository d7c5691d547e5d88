package org.homefirst.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.console.ConsoleRefused;
import org.homefirst.inbox.SlaRules;
import org.homefirst.inbox.TaskAnswers;
import org.homefirst.inbox.TeamMember;
import org.homefirst.simulators.council.CouncilSimulator;
import org.homefirst.workers.council.LocalCouncils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The manager console's facts are written by the running application as journeys move, whatever
 * moves them (tasks, API events, workers, timers): step durations, SLA clocks met and breached,
 * changes of the discharge ready date, discharges, readmissions and CHC cases. And SLA targets a
 * manager changes reach new journeys (their due dates, their clocks, the inbox's words) and no
 * running one.
 */
class JourneyFactsTest extends StackTest {

  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad"));

  @Autowired ReferralIntake intake;
  @Autowired JourneyEvents events;
  @Autowired TaskAnswers answers;
  @Autowired SlaTargets targets;
  @Autowired SlaRules rules;
  @Autowired LocalCouncils councils;

  @AfterEach
  void targetsAsConfigured() {
    db.sql("delete from sla_target").update();
  }

  /**
   * Pathway 0 with a discharge ready date known at referral: met again at a ward round (DRD
   * cleared), not met at the next (DRD restarts), discharged, then readmitted (DRD cleared, back to
   * triage). Triage's clock was met; each step has its start and end.
   */
  @Test
  void aJourneyKeepsItsStepsClocksDischargeReadyDatesDischargeAndReadmission() {
    Referral referral = intake.receive(new ReferralRequest(validNhsNumber(), "Ada", "Lovell", "1941-03-02", "lbh",
        "bhrut-queens", "Ward 7", "2026-11-20T09:30:00Z", "2026-11-21T08:00:00Z"), "ward.nurse",
        JourneyEventsTest.FULL_JOURNEY);
    long root = referral.processInstanceKey();
    complete(root, "Task_Triage", Map.of("fastTrack", false, "section117", false));
    complete(root, "Task_ConfirmPathway", Map.of("pathway", 0, "voluntarySupportWanted", false));
    eventually("pathway 0 under way", () -> active(root, "Call_Pathway0"));

    events.publish(referral.id(), "criteria-to-reside-reviewed",
        Map.of("meetsCriteriaToReside", true, "reviewedAt", "2026-11-22T10:00:00Z"), WARD);
    events.publish(referral.id(), "criteria-to-reside-reviewed",
        Map.of("meetsCriteriaToReside", false, "reviewedAt", "2026-11-23T09:00:00Z"), WARD);
    assertThat(readyDates(referral)).containsExactly(
        Instant.parse("2026-11-21T08:00:00Z"), null, Instant.parse("2026-11-23T09:00:00Z"));

    Instant dischargedAt = Instant.parse("2026-11-24T11:00:00Z");
    long plan = eventually("the discharge to plan", () -> openTask(root, "Task_PlanDischarge"));
    answers.give(plan, Map.of("plannedDischargeAt", "2026-11-24T11:00:00"));
    long confirm = eventually("the discharge to confirm", () -> openTask(root, "Task_ConfirmDischarge"));
    answers.give(confirm, Map.of("dischargedAt", dischargedAt.toString()));
    Map<String, Object> discharge = eventually("the discharge recorded", () -> db.sql(
        "select * from discharge where referral_id = ?").param(referral.id()).query().listOfRows().stream()
        .findFirst().orElse(null));
    assertThat(((Timestamp) discharge.get("discharged_at")).toInstant()).isEqualTo(dischargedAt);
    assertThat(((Timestamp) discharge.get("discharge_ready_at")).toInstant())
        .as("the DRD in force: the restarted one").isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    assertThat(discharge).containsEntry("pathway", 0).containsEntry("destination", "home")
        .containsEntry("borough", "lbh").containsEntry("hospital", "bhrut-queens")
        .containsEntry("age_at_discharge", 85).containsEntry("reablement", false)
        .containsEntry("out_of_hours", false);

    Instant readmittedAt = Instant.parse("2026-11-26T18:30:00Z");
    events.publish(referral.id(), "patient-readmitted", Map.of("readmittedAt", readmittedAt.toString()), WARD);
    eventually("triage again", () -> openTask(root, "Task_Triage"));
    Map<String, Object> readmission = eventually("the readmission recorded", () -> db.sql(
        "select * from readmission where referral_id = ?").param(referral.id()).query().listOfRows().stream()
        .findFirst().orElse(null));
    assertThat(((Timestamp) readmission.get("readmitted_at")).toInstant()).isEqualTo(readmittedAt);
    assertThat(readmission.get("discharge_id")).isEqualTo(discharge.get("id"));
    assertThat(readyDates(referral)).as("a readmission clears the DRD").hasSize(4).last().isNull();

    List<Map<String, Object>> triage = db.sql("""
            select started_at, ended_at, element_type from step_duration
            where root_instance_key = ? and element_id = 'Task_Triage' order by started_at""")
        .param(root).query().listOfRows();
    assertThat(triage).hasSize(2);
    assertThat(triage.get(0).get("ended_at")).isNotNull();
    assertThat(triage.get(1).get("ended_at")).as("triage after the readmission is open").isNull();
    assertThat(triage).allSatisfy(step -> assertThat(step).containsEntry("element_type", "USER_TASK"));
    assertThat(db.sql("select count(*) from step_duration where root_instance_key = ? and ended_at is null"
            + " and element_id = 'Call_Pathway0'").param(root).query(Integer.class).single())
        .as("the cancelled pathway ended").isZero();

    List<Map<String, Object>> clocks = db.sql("""
            select * from sla_clock where root_instance_key = ? and rule = 'triage' order by started_at""")
        .param(root).query().listOfRows();
    assertThat(clocks).hasSize(2);
    assertThat(clocks.get(0)).containsEntry("referral_id", referral.id()).containsEntry("team", "jad")
        .containsEntry("timer_element_id", "Timer_TriageSla").containsEntry("attached_element_id", "Task_Triage")
        .containsEntry("borough", "lbh").containsEntry("hospital", "bhrut-queens").containsEntry("canceled", false)
        .containsEntry("breached_at", null);
    Timestamp due = (Timestamp) clocks.get(0).get("due_at");
    Timestamp started = (Timestamp) clocks.get(0).get("started_at");
    assertThat(toTheSecond(Duration.between(started.toInstant(), due.toInstant()))).isEqualTo(Duration.ofHours(24));
    assertThat((Timestamp) clocks.get(0).get("ended_at")).as("met").isBeforeOrEqualTo(due);
    assertThat(clocks.get(1).get("ended_at")).isNull();
  }

  /**
   * A manager shortens triage to 2 seconds: the next journey's triage is due 2 seconds after it is
   * created and its clock is breached when the timer fires; a journey started before keeps 24
   * hours; the inbox words the new target; the change is audited; a coordinator may not change it.
   */
  @Test
  void aChangedTargetRunsNewJourneysClocksOnlyAndABreachIsKept() {
    Referral before = referNow();
    assertThatThrownBy(() -> targets.change(JAD, "triageWithin", "PT2S")).isInstanceOf(ConsoleRefused.class);

    targets.change(MANAGER, "triageWithin", "PT2S");
    assertThat(rules.of("Task_Triage")).contains("Triage within 2 s of referral");
    assertThat(targets.targets()).filteredOn(t -> t.clock().equals("triageWithin")).singleElement()
        .satisfies(t -> assertThat(t.changedBy()).isEqualTo("manager"))
        .satisfies(t -> assertThat(t.defaultValue()).isEqualTo("PT24H"));
    assertThat(db.sql("select detail from audit_event where action = 'CHANGE_SLA_TARGET' and actor = 'manager'"
        + " order by id desc limit 1").query(String.class).single()).isEqualTo("triageWithin: PT24H -> PT2S (new journeys)");
    Referral after = referNow();

    long breached = after.processInstanceKey();
    eventually("the triage clock of the new journey to breach", () -> db.sql(
        "select count(*) from sla_clock where root_instance_key = ? and rule = 'triage' and breached_at is not null")
        .param(breached).query(Integer.class).single() > 0);
    assertThat(dueAfterCreation(after)).isEqualTo(Duration.ofSeconds(2));
    assertThat(dueAfterCreation(before)).as("a running journey keeps its target").isEqualTo(Duration.ofHours(24));
    assertThat(db.sql("select ended_at is null from sla_clock where root_instance_key = ? and rule = 'triage'")
        .param(breached).query(Boolean.class).single()).as("still open: triage not done").isTrue();
    assertThat(db.sql("select breached_at is null from sla_clock where root_instance_key = ? and rule = 'triage'")
        .param(before.processInstanceKey()).query(Boolean.class).single()).isTrue();
  }

  /**
   * Pathway 3's standard route: a positive checklist makes a standard CHC case (its 28-day clock
   * with it), the DST setting and the ICB decision land on it. Fast Track makes a Fast Track case.
   */
  @Test
  void chcCasesKeepTheirReferralDstAndDecision() {
    Referral referral = intake.receive(new ReferralRequest(validNhsNumber(), "Eileen", "Brennan", "1932-01-09", "lbh",
        "bhrut-kgh", "Ward 9", "2026-11-19T14:00:00Z", null), "ward.nurse", JourneyEventsTest.FULL_JOURNEY);
    long root = referral.processInstanceKey();
    complete(root, "Task_Triage", Map.of("fastTrack", false, "mobility", "help-of-two", "cognition", "impairment", "section117", false));
    complete(root, "Task_ConfirmPathway", Map.of("pathway", 3));
    complete(root, "Task_TrustedAssessment", Map.of("trustedAssessment", "Needs 24-hour care"));
    complete(root, "Task_ReviewAssessment", Map.of("assessmentAccepted", true));
    String request = eventually("the interim bed request", () -> db.sql(
        "select downstream_id from partner_referral where referral_id = ? and system = 'council-lbh'")
        .param(referral.id()).query(String.class).optional().orElse(null));
    eventually("the wait for the council", () -> active(root, "Task_AwaitInterimBedDecision"));
    CouncilSimulator council = councils.simulator("lbh").orElseThrow();
    council.accept(request);
    long plan = eventually("the discharge to plan", () -> openTask(root, "Task_PlanDischarge"));
    answers.give(plan, Map.of("plannedDischargeAt", "2026-11-23T11:00:00"));
    long confirm = eventually("the discharge to confirm", () -> openTask(root, "Task_ConfirmDischarge"));
    answers.give(confirm, Map.of("dischargedAt", Instant.now().toString()));

    complete(root, "Task_ChcChecklist", Map.of("checklistPositive", true));
    Map<String, Object> referred = chcCase(referral);
    assertThat(referred).containsEntry("fast_track", false).containsEntry("borough", "lbh")
        .containsEntry("dst_setting", null).containsEntry("decided_at", null);
    complete(root, "Task_DecisionSupportTool", Map.of("dstSetting", "community", "dstRecommendation", "chc-eligible"));
    complete(root, "Task_IcbDecision", Map.of("chcOutcome", "chc-eligible"));
    Map<String, Object> decided = eventually("the decision on the case", () -> {
      Map<String, Object> c = chcCase(referral);
      return c.get("decided_at") == null ? null : c;
    });
    assertThat(decided).containsEntry("dst_setting", "community").containsEntry("outcome", "chc-eligible");
    assertThat((Timestamp) decided.get("dst_at")).isAfterOrEqualTo((Timestamp) decided.get("referred_at"));
    assertThat(db.sql("select team from sla_clock where referral_id = ? and rule = 'chc-decision'")
        .param(referral.id()).query(String.class).single()).isEqualTo("chc");
    assertThat(db.sql("select destination from discharge where referral_id = ?").param(referral.id())
        .query(String.class).single()).isEqualTo("care-home-or-interim-bed");

    Referral fastTrack = intake.receive(new ReferralRequest(validNhsNumber(), "Iris", "Adebayo", "1940-10-02", "lbbd",
        "bhrut-queens", "Ward 5", "2026-11-21T07:45:00Z", null), "ward.nurse", JourneyEventsTest.FULL_JOURNEY);
    long other = fastTrack.processInstanceKey();
    complete(other, "Task_Triage", Map.of("fastTrack", true, "section117", false));
    complete(other, "Task_ConfirmPathway", Map.of("pathway", 3));
    eventually("the Fast Track decision", () -> openTask(other, "Task_FastTrackDecision"));
    assertThat(chcCase(fastTrack)).containsEntry("fast_track", true).containsEntry("borough", "lbbd");
  }

  /** A delay reported through the API is stored like one from the inbox, once. */
  @Test
  void aDelayReportedThroughTheApiIsStored() {
    Referral referral = referNow();
    events.publish(referral.id(), "delay-reported", Map.of("delayReason", "package-of-care",
        "delayAttribution", "social-care", "delaySetting", "acute"), WARD);
    assertThat(db.sql("select reason || ' ' || attribution || ' ' || setting || ' ' || recorded_by from delay"
        + " where referral_id = ?").param(referral.id()).query(String.class).list())
        .containsExactly("package-of-care social-care acute ward.nurse");
  }

  private Referral referNow() {
    return intake.receive(new ReferralRequest(validNhsNumber(), "Ada", "Jones", "1941-03-02", "lbr", "bhrut-kgh",
        "Ward 7", "2026-11-20T09:30:00Z", null), "ward.nurse", JourneyEventsTest.FULL_JOURNEY);
  }

  private Duration dueAfterCreation(Referral referral) {
    return eventually("triage of " + referral.id(), () -> db.sql("""
            select created_at, due_at from user_task where root_instance_key = ? and element_id = 'Task_Triage'""")
        .param(referral.processInstanceKey()).query((rs, n) -> toTheSecond(Duration.between(
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("due_at").toInstant())))
        .optional().orElse(null));
  }

  /** The engine reads its clock a few milliseconds apart for a task's creation and its due time. */
  private static Duration toTheSecond(Duration d) {
    return Duration.ofSeconds(Math.round(d.toMillis() / 1000.0));
  }

  private Map<String, Object> chcCase(Referral referral) {
    return eventually("the CHC case", () -> db.sql("select * from chc_case where referral_id = ?")
        .param(referral.id()).query().listOfRows().stream().findFirst().orElse(null));
  }

  private List<Instant> readyDates(Referral referral) {
    return db.sql("select discharge_ready_at from discharge_ready_change where referral_id = ? order by changed_at, id")
        .param(referral.id()).query((rs, n) -> {
          Timestamp t = rs.getTimestamp(1);
          return t == null ? null : t.toInstant();
        }).list();
  }

  private void complete(long root, String elementId, Map<String, Object> values) {
    answers.give(eventually(elementId + " to be open", () -> openTask(root, elementId)), values);
  }

  private Long openTask(long root, String elementId) {
    return db.sql("select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null);
  }
}
