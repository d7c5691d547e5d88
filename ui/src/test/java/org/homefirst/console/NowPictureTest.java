package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.homefirst.StackTest;
import org.homefirst.base.Formats;
import org.homefirst.console.NowPicture.InHospital;
import org.homefirst.console.NowPicture.Picture;
import org.homefirst.console.NowPicture.Selection;
import org.homefirst.inbox.PatientHolders;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Now picture against fixtures computed by hand: patients inserted with discharge ready dates
 * and admissions at each band's boundary, clocks around the four-hour line, incidents, and the
 * three ways a patient is held (a team's task, a partner's awaited decision, a step). Other tests
 * share the database, so the figures are taken over this test's patients only.
 */
class NowPictureTest extends StackTest {

  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers", "jad", "council-lbh"));
  /** A team lead by the team-lead setting (application-test.yaml), in jad only. */
  static final TeamMember JAD_LEAD = new TeamMember("jad.lead", Set.of("jad"));

  @Autowired NowPicture now;

  final Set<UUID> mine = new HashSet<>();
  final Map<String, UUID> byName = new java.util.HashMap<>();
  LocalDate today;
  Instant at;

  @BeforeEach
  void fixtures() {
    at = Instant.now();
    today = LocalDate.ofInstant(at, Formats.LONDON);
    // One patient per band boundary: ready N days ago, admitted N days ago.
    for (int n : new int[] {0, 1, 2, 3, 4, 6, 7, 13, 14, 20, 21}) {
      patient("ready" + n, n, n);
    }
    // In hospital 30 days without a discharge ready date: stranded and super-stranded, not waiting.
    patient("noDrd", 30, null);
    // A ready date cleared by a later review (criteria to reside met again): not waiting.
    patient("cleared", 2, 1);
    readyChange("cleared", noon(1), 3);
    readyChange("cleared", null, 2);
    // The referral's own date is 10 days ago, but the latest change set it 4 days ago.
    patient("changed", 5, 10);
    readyChange("changed", noon(8), 3);
    readyChange("changed", noon(4), 2);
    // Discharged after admission: no longer in hospital.
    patient("discharged", 9, 3);
    db.sql("insert into discharge (referral_id, discharged_at, borough, hospital, age_at_discharge)"
        + " values (?, ?, 'lbh', 'bhrut-kgh', 85)").params(id("discharged"), ts(noon(1))).update();
    // Discharged 5 days ago and readmitted yesterday: in hospital again, for 1 day.
    patient("readmitted", 12, null);
    db.sql("insert into discharge (referral_id, discharged_at, borough, hospital, age_at_discharge)"
        + " values (?, ?, 'lbh', 'bhrut-kgh', 85)").params(id("readmitted"), ts(noon(5))).update();
    db.sql("insert into readmission (referral_id, readmitted_at) values (?, ?)")
        .params(id("readmitted"), ts(noon(1))).update();

    pathway("ready7", "1");
    pathway("ready21", "3");
    // Holders: a team's open task; a partner's awaited decision; both (the task wins); a step only.
    task("ready21", "jad", "CREATED");
    task("ready21", "council-lbh", "COMPLETED");
    partner("ready14", "council-lbh", "requested");
    partner("ready13", "nelft", "accepted");
    task("ready20", "jad", "CREATED");
    partner("ready20", "nelft", "in-progress");
    step("ready13", "Call_PathwayCare", "callActivity", 2);
    step("ready13", "Task_BookTransport", "serviceTask", 3);
    task("noDrd", "council-lbh", "CREATED");

    // Clocks: due in 3 h and in 3 h 59 m (due soon), due in 4 h 1 m (not yet), breached an hour
    // ago, ended (not counted).
    clock("ready1", Duration.ofHours(3), false, false);
    clock("ready6", Duration.ofMinutes(239), false, false);
    clock("ready3", Duration.ofMinutes(241), false, false);
    clock("ready2", Duration.ofHours(-1), true, false);
    clock("ready4", Duration.ofHours(-2), true, true);
    incident("ready0", "ACTIVE");
    incident("ready1", "RESOLVED");
  }

  /** Closed again, so other tests' pictures (and the browser test's) do not see them as open. */
  @AfterEach
  void closeFixtures() {
    db.sql("update referral set status = 'CANCELLED', closed_at = now() where id = any(?)")
        .param(mine.toArray(UUID[]::new)).update();
  }

  @Test
  void waitingPatientsFallInTheBandsOfTheirDaysSinceTheDischargeReadyDate() {
    Picture p = mine();
    Map<String, String> band = p.waiting().stream()
        .collect(Collectors.toMap(h -> name(h.referralId()), InHospital::band));
    assertThat(band).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("ready0", "0"), Map.entry("ready1", "1"), Map.entry("ready2", "2-3"), Map.entry("ready3", "2-3"),
        Map.entry("ready4", "4-6"), Map.entry("ready6", "4-6"), Map.entry("ready7", "7-13"),
        Map.entry("ready13", "7-13"), Map.entry("ready14", "14-20"), Map.entry("ready20", "14-20"),
        Map.entry("ready21", "21+"), Map.entry("changed", "4-6")));
    // Pathway 1, Pathway 3, then the rest not decided; counts per band in the order of BANDS.
    Map<String, int[]> table = p.byBandAndPathway();
    assertThat(table.keySet()).containsExactly("Pathway 1", "Pathway 3", NowPicture.NOT_DECIDED);
    assertThat(table.get("Pathway 1")).containsExactly(0, 0, 0, 0, 1, 0, 0);
    assertThat(table.get("Pathway 3")).containsExactly(0, 0, 0, 0, 0, 0, 1);
    assertThat(table.get(NowPicture.NOT_DECIDED)).containsExactly(1, 1, 2, 3, 1, 2, 0);
    assertThat(now.rows(p, new Selection.Band("4-6", null))).extracting(r -> name(r.referralId()))
        .containsExactly("ready6", "changed", "ready4");
    assertThat(now.rows(p, new Selection.Band("7-13", "Pathway 1"))).extracting(r -> name(r.referralId()))
        .containsExactly("ready7");
  }

  @Test
  void strandedFromSevenDaysInHospitalAndSuperStrandedFromTwentyOne() {
    Picture p = mine();
    // in hospital 7, 13, 14, 20, 21 and 30 days; the readmitted patient counts from readmission.
    assertThat(p.stranded()).isEqualTo(6);
    assertThat(p.superStranded()).isEqualTo(2);
    assertThat(now.rows(p, new Selection.SuperStranded())).extracting(r -> name(r.referralId()))
        .containsExactly("noDrd", "ready21");
    InHospital readmitted = of(p, "readmitted");
    assertThat(readmitted.daysInHospital()).isEqualTo(1);
    assertThat(p.inHospital()).extracting(h -> name(h.referralId())).doesNotContain("discharged")
        .contains("cleared", "readmitted");
  }

  @Test
  void clocksBreachedAndDueWithinFourHours() {
    Picture p = mine();
    assertThat(p.breached()).isEqualTo(1);
    assertThat(p.dueSoon()).isEqualTo(2);
    assertThat(now.rows(p, new Selection.DueSoon())).extracting(r -> name(r.referralId()))
        .containsExactly("ready1", "ready6");
    assertThat(now.rows(p, new Selection.Breached()).getFirst().detail())
        .startsWith("Triage within").contains("OVERDUE by 1 h");
    assertThat(p.incidents()).extracting(i -> name(i.referralId())).containsExactly("ready0");
  }

  @Test
  void theHolderComesFromTheWorkflow() {
    Picture p = mine();
    assertThat(of(p, "ready21").holder()).isEqualTo(new PatientHolders.Holder("JAD (Joint Assessment and Discharge)",
        PatientHolders.Holder.Kind.TEAM, "their task is open"));
    assertThat(of(p, "ready14").holder().name()).isEqualTo("Havering adult social care (council system)");
    assertThat(of(p, "ready14").holder().kind()).isEqualTo(PatientHolders.Holder.Kind.PARTNER);
    // an accepted request awaits no decision: the step the journey is at holds the patient
    assertThat(of(p, "ready13").holder().kind()).isEqualTo(PatientHolders.Holder.Kind.STEP);
    assertThat(of(p, "ready13").step()).isEqualTo("Task_BookTransport");
    assertThat(of(p, "ready20").holder().kind()).isEqualTo(PatientHolders.Holder.Kind.TEAM);
    assertThat(of(p, "ready2").holder().kind()).isEqualTo(PatientHolders.Holder.Kind.NONE);
    // delayed (1+ days past the ready date) per holder; ready0 is not delayed yet
    Map<String, Long> held = p.delayedByHolder();
    assertThat(held.get("JAD (Joint Assessment and Discharge)")).isEqualTo(2);
    assertThat(held.get("No open step")).isEqualTo(7);
    assertThat(held.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12 - 1);
  }

  @Test
  void aTeamLeadSeesOnlyTheirTeamsPatientsAndIsToldHowManyMore() {
    Picture p = mine();
    ConsoleAccess.Visible<NowPicture.PatientRow> lead = now.patients(JAD_LEAD, p, new Selection.SuperStranded());
    assertThat(lead.rows()).extracting(r -> name(r.referralId())).containsExactly("ready21");
    assertThat(lead.hidden()).isEqualTo(1);
    ConsoleAccess.Visible<NowPicture.PatientRow> manager = now.patients(MANAGER, p, new Selection.SuperStranded());
    assertThat(manager.rows()).extracting(r -> name(r.referralId())).containsExactly("noDrd", "ready21");
    assertThat(manager.hidden()).isZero();
    assertThat(db.sql("select detail from audit_event where actor = 'jad.lead' and action = 'CONSOLE_PATIENT_LIST'"
        + " order by id desc limit 1").query(String.class).single())
        .isEqualTo("now: super-stranded (in hospital 21 days or more): 1 shown, 1 outside the member's teams");
  }

  @Test
  void someoneWhoIsNotALeadIsRefusedAndTheAttemptAudited() {
    long before = refusals();
    assertThatThrownBy(() -> now.now(JAD)).isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> now.patients(JAD, mine(), new Selection.Stranded())).isInstanceOf(ConsoleRefused.class);
    assertThat(refusals()).isEqualTo(before + 2);
  }

  private long refusals() {
    return db.sql("select count(*) from audit_event where actor = ? and action = 'REFUSED'"
        + " and detail like 'manager console:%'").param(JAD.username()).query(Long.class).single();
  }

  /** The picture of this test's patients only (the database is shared with other tests). */
  private Picture mine() {
    Picture all = now.picture();
    return new Picture(all.at(),
        all.inHospital().stream().filter(h -> mine.contains(h.referralId())).toList(),
        all.clocks().stream().filter(c -> mine.contains(c.referralId())).toList(),
        all.incidents().stream().filter(i -> mine.contains(i.referralId())).toList());
  }

  private InHospital of(Picture p, String name) {
    return p.inHospital().stream().filter(h -> h.referralId().equals(id(name))).findFirst().orElseThrow();
  }

  private UUID id(String name) {
    return byName.get(name);
  }

  private String name(UUID id) {
    return byName.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
        .orElse("?");
  }

  private Instant noon(int daysAgo) {
    return today.minusDays(daysAgo).atTime(LocalTime.NOON).atZone(Formats.LONDON).toInstant();
  }

  private static Timestamp ts(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }

  private long keyOf(String name) {
    return db.sql("select process_instance_key from referral where id = ?").param(id(name)).query(Long.class).single();
  }

  private void patient(String name, int admittedDaysAgo, Integer readyDaysAgo) {
    UUID id = UUID.randomUUID();
    long key = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
                                  admitted_at, discharge_ready_at, status, process_instance_key, created_at, created_by)
            values (?, ?, ?, 'Fixture', date '1940-01-01', 'lbh', 'bhrut-kgh', 'Ward 7', ?, ?, 'OPEN', ?, ?, 'test')""")
        .params(id, validNhsNumber(), name, ts(noon(admittedDaysAgo)),
            readyDaysAgo == null ? null : ts(noon(readyDaysAgo)), key, ts(at))
        .update();
    mine.add(id);
    byName.put(name, id);
  }

  private void readyChange(String name, Instant readyAt, int changedDaysAgo) {
    db.sql("insert into discharge_ready_change (referral_id, discharge_ready_at, changed_at) values (?, ?, ?)")
        .params(id(name), ts(readyAt), ts(noon(changedDaysAgo))).update();
  }

  private void pathway(String name, String value) {
    long key = keyOf(name);
    db.sql("insert into process_variable (scope_key, name, instance_key, root_instance_key, value, updated_at)"
        + " values (?, 'pathway', ?, ?, ?, ?)").params(key, key, key, value, ts(at)).update();
  }

  private void task(String name, String team, String state) {
    long key = keyOf(name);
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
                                   bpmn_process_id, definition_key, candidate_groups, state, created_at)
            values (?, ?, ?, ?, 'Task_Triage', 'homefirst-discharge-journey', -1, cast(? as text[]), ?, ?)""")
        .params(-ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), key, key, key, new String[] {team}, state,
            ts(at))
        .update();
  }

  private void partner(String name, String system, String status) {
    db.sql("""
            insert into partner_referral (system, operation, idempotency_key, job_key, referral_id, downstream_id,
                                          status, created_at, updated_at)
            values (?, 'refer', ?, -1, ?, ?, ?, ?, ?)""")
        .params(system, UUID.randomUUID().toString(), id(name), UUID.randomUUID().toString(), status, ts(at), ts(at))
        .update();
  }

  private void step(String name, String element, String type, int hoursAgo) {
    long key = keyOf(name);
    db.sql("""
            insert into step_duration (activity_instance_id, root_instance_key, instance_key, bpmn_process_id,
                                       definition_key, element_id, element_type, started_at)
            values (?, ?, ?, 'homefirst-discharge-journey', -1, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), key, key, element, type, ts(at.minus(Duration.ofHours(hoursAgo))))
        .update();
  }

  private void clock(String name, Duration dueIn, boolean breached, boolean ended) {
    long key = keyOf(name);
    Instant due = at.plus(dueIn);
    db.sql("""
            insert into sla_clock (timer_key, referral_id, root_instance_key, instance_key, rule, timer_element_id,
                                   attached_element_id, team, started_at, due_at, breached_at, ended_at)
            values (?, ?, ?, ?, 'triage', 'Timer_TriageSla', 'Task_Triage', 'jad', ?, ?, ?, ?)""")
        .params(-ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), id(name), key, key,
            ts(due.minus(Duration.ofHours(24))), ts(due), breached ? ts(due) : null, ended ? ts(at) : null)
        .update();
  }

  private void incident(String name, String state) {
    long key = keyOf(name);
    db.sql("""
            insert into incident (incident_key, instance_key, root_instance_key, element_id, error_type, state,
                                  created_at)
            values (?, ?, ?, 'Task_BookTransport', 'failedJob', ?, ?)""")
        .params(-ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), key, key, state, ts(at)).update();
  }
}
