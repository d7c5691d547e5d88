package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.homefirst.StackTest;
import org.homefirst.console.SlaPerformance.Breach;
import org.homefirst.console.SlaPerformance.Breakdown;
import org.homefirst.console.SlaPerformance.Dimension;
import org.homefirst.console.SlaPerformance.Escalation;
import org.homefirst.console.SlaPerformance.Filter;
import org.homefirst.console.SlaPerformance.MonthFigures;
import org.homefirst.console.SlaPerformance.Prediction;
import org.homefirst.console.SlaPerformance.RuleFigures;
import org.homefirst.console.SlaPerformance.StepHeat;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SLA measures against fixtures computed by hand, inserted as the capture would write them
 * (sla_clock, step_duration, the engine's projected tasks and instances). Each test works in a
 * year of its own and a team of its own, so the clocks of other tests (and of real journeys) never
 * count in its figures.
 */
class SlaPerformanceTest extends StackTest {

  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad", "nelft-irs",
      "lbr-hospital-sw"));
  /** A named team lead (homefirst.inbox.team-leads in the test profile) of JAD only. */
  private static final TeamMember JAD_LEAD = new TeamMember("jad.lead", Set.of("jad"));
  private static final String JOURNEY = "homefirst-discharge-journey";

  @Autowired SlaPerformance slas;

  private final String team = "test-slas-" + ThreadLocalRandom.current().nextInt(1_000_000);

  @Test
  void shareMetPercentilesAndBreachesPerRuleForThePeriodWithEveryRuleShown() {
    Instant start = Instant.parse("2011-03-10T00:00:00Z");
    UUID patient = referral("lbh", "bhrut-kgh", root());
    clock(patient, "triage", "lbh", start, hours(24), null, hours(2));
    clock(patient, "triage", "lbh", start, hours(24), null, hours(24)); // at its due time exactly: met
    clock(patient, "triage", "lbr", start, hours(24), hours(24), hours(30));
    clock(patient, "triage", "lbr", start, hours(24), null, hours(10));
    clock(patient, "triage", "lbr", start, hours(24), hours(24), hours(50));
    clock(patient, "triage", "lbh", Instant.parse("2011-02-10T00:00:00Z"), hours(24), null, hours(1)); // February
    Instant now = Instant.parse("2011-04-01T00:00:00Z");
    clock(patient, "triage", "lbh", now.minus(hours(12)), hours(24), null, null); // open, 12 h left
    clock(patient, "triage", "lbh", now.minus(hours(30)), hours(24), hours(24), null); // open, breached

    List<RuleFigures> figures = slas.rules(march(), now);

    assertThat(figures).extracting(RuleFigures::rule).containsExactly("triage", "trusted-assessment",
        "reablement-start", "home-assessment", "reablement-review", "rehab-transfer", "bed-stay-review",
        "interim-placement", "chc-decision", "chc-fast-track");
    RuleFigures triage = figures.get(0);
    assertThat(triage.wording()).isEqualTo("Triage within 24 h of referral");
    assertThat(triage.target()).isEqualTo(Duration.ofHours(24));
    assertThat(triage.ended()).isEqualTo(5);
    assertThat(triage.met()).isEqualTo(3);
    assertThat(triage.shareMet()).isCloseTo(0.6, within(1e-9));
    // Durations 2, 10, 24, 30, 50 h: median 24; p90 at rank 3.6 = 30 + 0.6 x (50 - 30) = 42.
    assertThat(triage.p50Hours()).isCloseTo(24.0, within(1e-9));
    assertThat(triage.p90Hours()).isCloseTo(42.0, within(1e-9));
    assertThat(triage.breaches()).isEqualTo(2);
    assertThat(triage.openNow()).isEqualTo(2);
    assertThat(triage.openBreached()).isEqualTo(1);
    RuleFigures chc = figures.get(8);
    assertThat(chc.wording()).isEqualTo("CHC funding decision within 28 days of the checklist");
    assertThat(chc.ended()).isZero();
    assertThat(chc.shareMet()).isNull();
    assertThat(chc.p50Hours()).isNull();
  }

  @Test
  void figuresBreakDownByBoroughAndHospital() {
    Instant start = Instant.parse("2011-03-10T00:00:00Z");
    UUID patient = referral("lbh", "bhrut-kgh", root());
    clock(patient, "triage", "lbh", start, hours(24), null, hours(2));
    clock(patient, "triage", "lbh", start, hours(24), null, hours(24));
    clock(patient, "triage", "lbr", start, hours(24), hours(24), hours(30));
    clock(patient, "triage", "lbr", start, hours(24), null, hours(10));
    clock(patient, "triage", "lbr", start, hours(24), hours(24), hours(50));

    List<Breakdown> byBorough = slas.breakdown(MANAGER, march(), Dimension.BOROUGH);

    assertThat(byBorough).extracting(Breakdown::name).containsExactly("Havering", "Redbridge");
    Breakdown havering = byBorough.get(0);
    assertThat(havering.ended()).isEqualTo(2);
    assertThat(havering.shareMet()).isCloseTo(1.0, within(1e-9));
    assertThat(havering.p50Hours()).isCloseTo(13.0, within(1e-9)); // 2 and 24 h
    assertThat(havering.p90Hours()).isCloseTo(21.8, within(1e-9)); // 2 + 0.9 x 22
    Breakdown redbridge = byBorough.get(1);
    assertThat(redbridge.ended()).isEqualTo(3);
    assertThat(redbridge.met()).isEqualTo(1);
    assertThat(redbridge.p50Hours()).isCloseTo(30.0, within(1e-9)); // 10, 30, 50 h
    assertThat(redbridge.p90Hours()).isCloseTo(46.0, within(1e-9)); // 30 + 0.8 x 20
    assertThat(redbridge.breaches()).isEqualTo(2);

    List<Breakdown> byHospital = slas.breakdown(MANAGER, march(), Dimension.HOSPITAL);
    assertThat(byHospital).singleElement().satisfies(b -> {
      assertThat(b.name()).isEqualTo("King George Hospital (BHRUT)");
      assertThat(b.ended()).isEqualTo(5);
    });
  }

  @Test
  void theTrendGivesEachRuleTwelveMonthsWithItsTarget() {
    UUID patient = referral("lbbd", "bhrut-queens", root());
    clock(patient, "triage", "lbbd", Instant.parse("2011-01-05T09:00:00Z"), hours(24), hours(24), hours(36));
    clock(patient, "triage", "lbbd", Instant.parse("2011-01-06T09:00:00Z"), hours(24), null, hours(12));
    clock(patient, "triage", "lbbd", Instant.parse("2011-03-05T09:00:00Z"), hours(24), null, hours(6));
    clock(patient, "rehab-transfer", "lbbd", Instant.parse("2011-03-01T09:00:00Z"), hours(72), null, hours(48));

    List<MonthFigures> trend = slas.trend(MANAGER, march());

    assertThat(trend).hasSize(10 * 12);
    List<MonthFigures> triage = trend.stream().filter(m -> m.rule().equals("triage")).toList();
    assertThat(triage).extracting(MonthFigures::month).startsWith(YearMonth.of(2010, 4))
        .endsWith(YearMonth.of(2011, 3));
    MonthFigures january = triage.get(9);
    assertThat(january.month()).isEqualTo(YearMonth.of(2011, 1));
    assertThat(january.ended()).isEqualTo(2);
    assertThat(january.shareMet()).isCloseTo(0.5, within(1e-9));
    assertThat(january.p50Hours()).isCloseTo(24.0, within(1e-9));
    assertThat(january.breaches()).isEqualTo(1);
    assertThat(january.targetHours()).isEqualTo(24.0);
    assertThat(triage.get(10).ended()).isZero();
    assertThat(triage.get(11).ended()).isEqualTo(1);
    MonthFigures transfer = trend.stream()
        .filter(m -> m.rule().equals("rehab-transfer") && m.month().equals(YearMonth.of(2011, 3))).findFirst()
        .orElseThrow();
    assertThat(transfer.shareMet()).isEqualTo(1.0);
    assertThat(transfer.targetHours()).isEqualTo(72.0);
  }

  @Test
  void theBreachListSaysWhoHoldsEachPatientAndHowFarTheEscalationWent() {
    Instant now = Instant.parse("2014-05-20T12:00:00Z");
    // Triage overdue by 6 h, the triage task still open with JAD, the team lead reviewing.
    long triageRoot = root();
    UUID triage = referral("lbh", "bhrut-kgh", triageRoot);
    userTask(triageRoot, triageRoot, "Task_Triage", JOURNEY, "jad", "CREATED");
    long triageClock = clock(triage, "triage", "lbh", now.minus(hours(30)), hours(24), hours(24), null);
    escalation(triageRoot, triageRoot, "triage", now.minus(hours(6)), "ACTIVE", "jad", "Task_TeamLeadReview");
    // Rehab bed transfer overdue by 2 days, NELFT yet to decide, escalated to MADE.
    long transferRoot = root();
    UUID transfer = referral("lbh", "bhrut-kgh", transferRoot);
    long pathway2 = root();
    userTask(transferRoot, transferRoot, "Task_ConfirmPathway", JOURNEY, "nelft-irs", "COMPLETED");
    partnerRequest(transfer, "nelft", "requested");
    long transferClock = clock(transfer, "rehab-transfer", "lbh", now.minus(hours(120)), hours(72), hours(72), null,
        transferRoot, pathway2, "SubProcess_BedTransfer");
    escalation(transferRoot, pathway2, "rehab-transfer", now.minus(hours(48)), "ACTIVE", "nelft-irs",
        "Task_TeamLeadReview", "Task_MadeReview");
    // Reablement start ended 5 h late this month; the team resolved the escalation.
    long lateRoot = root();
    UUID late = referral("lbh", "bhrut-kgh", lateRoot);
    userTask(lateRoot, lateRoot, "Task_Triage", JOURNEY, "jad", "COMPLETED");
    long lateClock = clock(late, "reablement-start", "lbh", Instant.parse("2014-05-10T08:00:00Z"), hours(48),
        hours(48), hours(53));
    escalation(lateRoot, lateRoot, "reablement-start", Instant.parse("2014-05-12T08:00:00Z"), "COMPLETED", "jad",
        "Task_TeamLeadReview");
    // Home assessment overdue by 1 h, nobody's task: the journey waits for a message; not escalated yet.
    long waitingRoot = root();
    UUID waiting = referral("lbh", "bhrut-kgh", waitingRoot);
    userTask(waitingRoot, waitingRoot, "Task_Triage", JOURNEY, "lbr-hospital-sw", "COMPLETED");
    step(waitingRoot, "homefirst-pathway-1", "Task_AwaitReablementDecision", "RECEIVE_TASK", now.minus(hours(60)),
        null);
    long waitingClock = clock(waiting, "home-assessment", "lbh", now.minus(hours(49)), hours(48), null, null);
    // Breached and ended in April: not this month's.
    clock(late, "triage", "lbh", Instant.parse("2014-04-01T08:00:00Z"), hours(24), hours(24), hours(30));

    Filter may = new Filter(LocalDate.of(2014, 5, 1), LocalDate.of(2014, 5, 31), team, null, null);
    List<Breach> breaches = slas.breaches(may, now);

    assertThat(breaches).extracting(Breach::timerKey)
        .containsExactly(transferClock, triageClock, waitingClock, lateClock);
    Breach first = breaches.get(0);
    assertThat(first.open()).isTrue();
    assertThat(first.late()).isEqualTo(hours(48));
    assertThat(first.wording()).isEqualTo("Transfer to a community rehab bed within 72 h");
    assertThat(first.heldBy()).isEqualTo("NELFT (request awaiting a decision)");
    assertThat(first.escalation()).isEqualTo(Escalation.MADE_REVIEW);
    Breach second = breaches.get(1);
    assertThat(second.late()).isEqualTo(hours(6));
    assertThat(second.heldBy()).isEqualTo("JAD (Joint Assessment and Discharge) (Task_Triage)");
    assertThat(second.escalation()).isEqualTo(Escalation.TEAM_LEAD_REVIEW);
    assertThat(second.dueAt()).isEqualTo(now.minus(hours(6)));
    Breach third = breaches.get(2);
    assertThat(third.heldBy()).isEqualTo("The journey (Task_AwaitReablementDecision)");
    assertThat(third.escalation()).isEqualTo(Escalation.NONE);
    Breach last = breaches.get(3);
    assertThat(last.open()).isFalse();
    assertThat(last.late()).isEqualTo(hours(5));
    assertThat(last.escalation()).isEqualTo(Escalation.RESOLVED_BY_TEAM);

    // The public list uses today's clock: these clocks are all overdue now, and visibility applies.
    var mine = slas.breaches(JAD_LEAD, may);
    assertThat(mine.rows()).extracting(Breach::referralId).containsExactlyInAnyOrder(triage, late);
    assertThat(mine.hidden()).isEqualTo(2);
    var all = slas.breaches(MANAGER, may);
    assertThat(all.rows()).extracting(Breach::referralId).containsExactlyInAnyOrder(triage, transfer, waiting, late);
    assertThat(db.sql("select count(*) from audit_event where actor = 'jad.lead' and action = 'CONSOLE_PATIENT_LIST'"
        + " and detail like 'SLA breaches%' and detail like '%2 shown, 2 outside%'").query(Integer.class).single())
        .isPositive();
  }

  @Test
  void breachPredictionIsTheShareOfComparablePastClocksThatEndedLate() {
    Instant now = Instant.parse("2013-06-01T12:00:00Z");
    Instant past = Instant.parse("2013-03-01T08:00:00Z");
    UUID history = referral("lbbd", "bhrut-kgh", root());
    // 10 done in 5 h; 20 done in 20 h at the decision task throughout; 9 ended at 60 h and one
    // still open breached, at the decision task; 15 done in 40 h, waiting on another step.
    for (int i = 0; i < 10; i++) {
      pastClock(history, past.plus(hours(i)), hours(5), null);
    }
    for (int i = 0; i < 20; i++) {
      pastClock(history, past.plus(hours(i)), hours(20), "Task_FastTrackDecision");
    }
    for (int i = 0; i < 10; i++) {
      pastClock(history, past.plus(hours(i)), i == 9 ? null : hours(60), "Task_FastTrackDecision");
    }
    for (int i = 0; i < 15; i++) {
      pastClock(history, past.plus(hours(i)), hours(40), "Task_ArrangeOther");
    }
    // Open now: 10 h in at the decision task; 30 h in at the other step; an interim placement.
    long atDecision = openClock("chc-fast-track", now.minus(hours(10)), hours(48), "Task_FastTrackDecision");
    long atOther = openClock("chc-fast-track", now.minus(hours(30)), hours(48), "Task_ArrangeOther");
    long interim = openClock("interim-placement", now.minus(hours(30)), Duration.ofDays(20), null);
    for (int i = 0; i < 3; i++) {
      clock(history, "interim-placement", "lbbd", past.plus(hours(i)), Duration.ofDays(20), null, hours(100));
    }

    List<Prediction> predictions = slas.predictions(new Filter(LocalDate.of(2013, 6, 1), LocalDate.of(2013, 6, 1),
        team, null, null), now, SlaPerformance.MIN_HISTORY);

    assertThat(predictions).extracting(Prediction::timerKey).containsExactly(atOther, atDecision, interim);
    // 30 h in: running after 30 h were the 10 late and the 15 at 40 h; only 15 at the other step
    // (under 20), so the rule's: 10 of 25.
    Prediction other = predictions.get(0);
    assertThat(other.chance()).isCloseTo(0.4, within(1e-9));
    assertThat(other.basis()).isEqualTo(25);
    assertThat(other.sameStep()).isFalse();
    assertThat(other.step()).isEqualTo("Task_ArrangeOther");
    // 10 h in at the decision task: 45 still running, 30 of them at that task, 10 of those late.
    Prediction decision = predictions.get(1);
    assertThat(decision.chance()).isCloseTo(10.0 / 30, within(1e-9));
    assertThat(decision.basis()).isEqualTo(30);
    assertThat(decision.sameStep()).isTrue();
    assertThat(decision.left()).isEqualTo(hours(38));
    assertThat(decision.wording()).isEqualTo("Fast Track accepted within 48 h");
    Prediction notEnough = predictions.get(2);
    assertThat(notEnough.chance()).isNull();
    assertThat(notEnough.basis()).isEqualTo(3);
  }

  @Test
  void stepHeatGivesEveryElementOfTheLatestModelItsWaitsTimesAndBreaches() {
    String model = "test-slas-heat-" + ThreadLocalRandom.current().nextInt(1_000_000);
    long v1 = definition(model, 1);
    element(v1, "Task_Old", "Retired step");
    long v2 = definition(model, 2);
    element(v2, "Task_A", "Do A");
    element(v2, "Task_B", "Do B");
    element(v2, "Timer_ASla", "A late");
    Instant june = Instant.parse("2015-06-10T08:00:00Z");
    long root = root();
    for (int h = 1; h <= 4; h++) {
      step(root, model, "Task_A", "USER_TASK", june, june.plus(hours(h)));
    }
    step(root, model, "Task_A", "USER_TASK", Instant.parse("2015-01-01T08:00:00Z"),
        Instant.parse("2015-01-05T12:00:00Z"));
    long otherRoot = root();
    step(root, model, "Task_A", "USER_TASK", june, null);
    step(root, model, "Task_A", "USER_TASK", june, null);
    step(otherRoot, model, "Task_A", "USER_TASK", june, null);
    long instance = root();
    db.sql("insert into process_instance (instance_key, root_instance_key, bpmn_process_id, definition_key, state,"
        + " started_at) values (?, ?, ?, ?, 'ACTIVE', ?)").params(instance, root, model, v2, ts(june)).update();
    UUID patient = referral("lbh", "bhrut-kgh", root);
    clock(patient, "triage", "lbh", june, hours(24), hours(24), null, root, instance, "Task_A");
    clock(patient, "triage", "lbh", Instant.parse("2015-01-01T08:00:00Z"), hours(24), hours(24), null, root,
        instance, "Task_A");
    // The model's clocks are those of its own timers; another model's timer on a step of the same id is not.
    db.sql("update sla_clock set timer_element_id = 'Timer_ASla' where instance_key = ?").param(instance).update();
    clock(patient, "triage", "lbh", june, hours(24), hours(24), null, root, root(), "Task_A");

    Map<String, StepHeat> heat = slas.stepHeat(model,
        new Filter(LocalDate.of(2015, 6, 1), LocalDate.of(2015, 6, 30), null, null, null));

    assertThat(heat.keySet()).containsExactlyInAnyOrder("Task_A", "Task_B", "Timer_ASla");
    StepHeat a = heat.get("Task_A");
    assertThat(a.name()).isEqualTo("Do A");
    assertThat(a.waitingNow()).isEqualTo(2);
    assertThat(a.ended()).isEqualTo(4);
    assertThat(a.meanHours()).isCloseTo(2.5, within(1e-9));
    assertThat(a.p90Hours()).isCloseTo(3.7, within(1e-9)); // 3 + 0.7 x 1
    assertThat(a.breaches()).isEqualTo(1);
    StepHeat b = heat.get("Task_B");
    assertThat(b.waitingNow()).isZero();
    assertThat(b.ended()).isZero();
    assertThat(b.meanHours()).isNull();
  }

  @Test
  void someoneWhoIsNoLeadIsRefusedAndTheAttemptAudited() {
    Filter any = new Filter(LocalDate.of(2011, 3, 1), LocalDate.of(2011, 3, 31), null, null, null);
    assertThatThrownBy(() -> slas.rules(JAD, any)).isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> slas.breaches(JAD, any)).isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> slas.predictions(JAD, any)).isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> slas.stepHeat(JAD, JOURNEY, any)).isInstanceOf(ConsoleRefused.class);
    assertThat(db.sql("select count(*) from audit_event where actor = ? and action = 'REFUSED'"
        + " and detail like 'manager console:%'").param(JAD.username()).query(Integer.class).single())
        .isGreaterThanOrEqualTo(4);
    assertThat(slas.rules(JAD_LEAD, any)).hasSize(10);
  }

  private Filter march() {
    return new Filter(LocalDate.of(2011, 3, 1), LocalDate.of(2011, 3, 31), team, null, null);
  }

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  private static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  /** A key no engine instance has: the engine's keys are positive. */
  private static long root() {
    return -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
  }

  private UUID referral(String borough, String hospital, long root) {
    UUID id = UUID.randomUUID();
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
              admitted_at, status, process_instance_key, created_at, created_by)
            values (?, ?, 'Ada', 'Jones', date '1941-03-02', ?, ?, 'Ward 7', timestamptz '2011-01-01 09:00Z',
              'COMPLETED', ?, timestamptz '2011-01-01 09:00Z', 'test')""")
        .params(id, validNhsNumber(), borough, hospital, root).update();
    return id;
  }

  private long clock(UUID referral, String rule, String borough, Instant started, Duration due, Duration breachedAfter,
      Duration endedAfter) {
    long root = db.sql("select process_instance_key from referral where id = ?").param(referral).query(Long.class)
        .single();
    return clock(referral, rule, borough, started, due, breachedAfter, endedAfter, root, root, "Task_X");
  }

  private long clock(UUID referral, String rule, String borough, Instant started, Duration due, Duration breachedAfter,
      Duration endedAfter, long root, long instance, String attachedTo) {
    long key = root();
    db.sql("""
            insert into sla_clock (timer_key, referral_id, root_instance_key, instance_key, rule, timer_element_id,
              attached_element_id, team, borough, hospital, started_at, due_at, breached_at, ended_at)
            values (?, ?, ?, ?, ?, 'Timer_X', ?, ?, ?, (select hospital from referral where id = ?), ?, ?, ?, ?)""")
        .params(key, referral, root, instance, rule, attachedTo, team, borough, referral, ts(started),
            ts(started.plus(due)), breachedAfter == null ? null : ts(started.plus(breachedAfter)),
            endedAfter == null ? null : ts(started.plus(endedAfter)))
        .update();
    return key;
  }

  /** A past Fast Track clock of its own journey (due in 48 h), at one step from start to end. */
  private void pastClock(UUID referral, Instant started, Duration endedAfter, String step) {
    long root = root();
    clock(referral, "chc-fast-track", "lbbd", started, hours(48), endedAfter == null ? hours(48) : null, endedAfter,
        root, root, "Task_FastTrackDecision");
    if (step != null) {
      step(root, "homefirst-chc", step, "USER_TASK", started, endedAfter == null ? null : started.plus(endedAfter));
    }
  }

  private long openClock(String rule, Instant started, Duration due, String step) {
    long root = root();
    UUID referral = referral("lbbd", "bhrut-kgh", root);
    if (step != null) {
      step(root, "homefirst-chc", "Call_Earlier", "CALL_ACTIVITY", started.minus(hours(1)), null);
      step(root, "homefirst-chc", step, "USER_TASK", started, null);
    }
    return clock(referral, rule, "lbbd", started, due, null, null, root, root, step);
  }

  private void step(long root, String process, String element, String type, Instant started, Instant ended) {
    db.sql("""
            insert into step_duration (activity_instance_id, root_instance_key, instance_key, bpmn_process_id,
              definition_key, element_id, element_type, started_at, ended_at)
            values (?, ?, ?, ?, -1, ?, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), root, root, process, element, type, ts(started), ts(ended)).update();
  }

  private void userTask(long root, long instance, String element, String process, String group, String state) {
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
              bpmn_process_id, definition_key, candidate_groups, state, created_at)
            values (?, ?, ?, ?, ?, ?, -1, cast(? as text[]), ?, now())""")
        .params(root(), instance, root, root(), element, process, new String[] {group}, state).update();
  }

  /** The escalation a breach started: its instance, slaName and review tasks (the last one open while active). */
  private void escalation(long root, long parent, String slaName, Instant started, String state, String leadTeam,
      String... tasks) {
    long instance = root();
    db.sql("""
            insert into process_instance (instance_key, root_instance_key, parent_instance_key, bpmn_process_id,
              definition_key, state, started_at, ended_at) values (?, ?, ?, ?, -1, ?, ?, ?)""")
        .params(instance, root, parent, SlaPerformance.ESCALATION, state, ts(started),
            state.equals("ACTIVE") ? null : ts(started.plus(hours(2))))
        .update();
    db.sql("insert into process_variable (scope_key, name, instance_key, root_instance_key, value, updated_at)"
        + " values (?, 'slaName', ?, ?, ?, ?)").params(instance, instance, root, "\"" + slaName + "\"", ts(started))
        .update();
    for (int i = 0; i < tasks.length; i++) {
      boolean open = state.equals("ACTIVE") && i == tasks.length - 1;
      userTask(root, instance, tasks[i], SlaPerformance.ESCALATION, tasks[i].equals("Task_MadeReview") ? "managers"
          : leadTeam, open ? "CREATED" : "COMPLETED");
    }
  }

  private void partnerRequest(UUID referral, String system, String status) {
    String key = "test-" + UUID.randomUUID();
    db.sql("""
            insert into partner_referral (system, operation, idempotency_key, job_key, referral_id, downstream_id,
              status, created_at, updated_at) values (?, 'request', ?, -1, ?, ?, ?, now(), now())""")
        .params(system, key, referral, key, status).update();
  }

  private long definition(String process, int version) {
    long key = root();
    db.sql("insert into process_definition (definition_key, bpmn_process_id, version, bpmn_xml, deployed_at)"
        + " values (?, ?, ?, '<definitions/>', now())").params(key, process, version).update();
    return key;
  }

  private void element(long definition, String id, String name) {
    db.sql("insert into process_element (definition_key, element_id, name, element_type) values (?, ?, ?, 'USER_TASK')")
        .params(definition, id, name).update();
  }
}
