package org.homefirst.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.inbox.TaskAnswers;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.referral.JourneyClocks;
import org.homefirst.referral.JourneyEvents;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.homefirst.referral.ReferralRequest;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.HistoryService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention (issue 13, item 5) on the real engine and database: a journey past its retention is
 * gone from every table it was copied to (ours, the engine's runtime and history with its variables,
 * the workers' partner exchanges and outbox), found by asking the database which tables name a
 * referral or an engine instance, not by a list kept beside the purge; a journey within its period
 * stays, and so does a mental health journey kept longer; audit rows keep their own period.
 *
 * <p>The purge runs as of a moment long ago, and only the journeys made here are dated before it,
 * so the fixtures other tests keep in the shared database (some from 2017) are never its business.
 */
class RecordsPurgeTest extends StackTest {

  private static final Instant PURGE_AT = Instant.parse("2001-06-01T00:00:00Z");

  @Autowired RecordsPurge purge;
  @Autowired ReferralIntake intake;
  @Autowired JourneyClocks clocks;
  @Autowired TaskAnswers answers;
  @Autowired TaskInbox inbox;
  @Autowired JourneyEvents events;
  @Autowired HistoryService history;

  @Test
  void aJourneyPastItsRetentionIsGoneFromEveryTableAndTheEngineWhileOthersStay() {
    Referral expired = completedPathwayZeroJourney();
    copiesOutsideTheJourney(expired);
    Referral withinItsPeriod = endedByDeath(false);
    Referral mentalHealth = endedByDeath(true);
    // 8 years and a day, 7 years, 11 years before the purge (adult 8 years, mental health 20).
    endedAt(expired, OffsetDateTime.parse("1993-05-31T00:00:00Z"));
    endedAt(withinItsPeriod, OffsetDateTime.parse("1994-06-01T00:00:00Z"));
    endedAt(mentalHealth, OffsetDateTime.parse("1990-06-01T00:00:00Z"));
    Journey journey = journeyOf(expired);
    Map<String, Integer> before = everywhere(journey);
    assertThat(before).as("the journey's copies before the purge").containsKeys(
        "referral.id", "journey_event.referral_id", "journey_event.root_instance_key", "user_task.root_instance_key",
        "process_variable.root_instance_key", "process_instance.root_instance_key", "step_duration.root_instance_key",
        "sla_clock.referral_id", "discharge.referral_id", "discharge_ready_change.referral_id", "delay.referral_id",
        "hospital_request.referral_id", "notification.referral_id", "partner_exchange.referral_id",
        "partner_referral.referral_id", "partner_outbox.referral_id", "chc_commissioning.referral_id",
        "readmission.referral_id", "delay_census.referral_id", "chc_case.referral_id",
        "api_idempotency_key.referral_id",
        "act_hi_procinst.proc_inst_id_", "act_hi_actinst.proc_inst_id_", "act_hi_varinst.proc_inst_id_",
        "act_hi_taskinst.proc_inst_id_", "act_hi_detail.proc_inst_id_");
    int auditRowsOfTheJourney = auditRows(expired);

    RecordsPurge.Purged purged = purge.purge(PURGE_AT);

    assertThat(everywhere(journey)).as("what is left of the expired journey").isEmpty();
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(expired.id().toString())
        .count()).isZero();
    assertThat(purged.journeys()).isEqualTo(1);
    assertThat(purged.engineInstances()).isEqualTo(journey.engineIds().size());
    assertThat(purged.rows()).containsEntry("referral", 1).containsEntry("partner_outbox", 1);
    for (Referral kept : List.of(withinItsPeriod, mentalHealth)) {
      assertThat(everywhere(journeyOf(kept))).as("a journey within its period")
          .containsKeys("referral.id", "journey_event.referral_id", "act_hi_procinst.proc_inst_id_",
              "act_hi_varinst.proc_inst_id_");
    }
    assertThat(auditRows(expired)).as("audit rows keep their own period").isEqualTo(auditRowsOfTheJourney)
        .isPositive();
    String said = db.sql("""
            select detail from audit_event where actor = 'retention' and action = 'PURGE'
            and detail like 'journeys past retention%' order by id desc limit 1""")
        .query(String.class).single();
    assertThat(said).contains("1 journeys", "referral 1", "partner_outbox 1", "engine process instances")
        .doesNotContain(expired.nhsNumber(), expired.familyName(), expired.id().toString());
  }

  /** A journey's keys: referral id, root, every engine process instance of it. */
  private record Journey(UUID id, long root, List<String> engineIds) {}

  private Journey journeyOf(Referral referral) {
    List<String> ids = new ArrayList<>(history.createHistoricProcessInstanceQuery()
        .processInstanceBusinessKey(referral.id().toString()).list().stream().map(h -> h.getId()).toList());
    assertThat(ids).contains(String.valueOf(referral.processInstanceKey()));
    return new Journey(referral.id(), referral.processInstanceKey(), ids);
  }

  /**
   * Every row anywhere that names the journey, by table and column: our tables by referral id, root
   * or instance key; the engine's by process instance id, root or business key. The audit log is
   * not counted: it keeps its own period.
   */
  private Map<String, Integer> everywhere(Journey journey) {
    Map<String, Integer> found = new TreeMap<>();
    List<Map<String, Object>> columns = db.sql("""
            select c.table_name, c.column_name from information_schema.columns c
            join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
            where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.table_name <> 'audit_event'
              and (c.column_name in ('referral_id', 'root_instance_key', 'instance_key', 'proc_inst_id_',
                                     'root_proc_inst_id_', 'process_instance_id_', 'business_key_')
                   or (c.table_name = 'referral' and c.column_name = 'id'))""")
        .query().listOfRows();
    String[] engineIds = journey.engineIds().toArray(String[]::new);
    for (Map<String, Object> column : columns) {
      String table = (String) column.get("table_name");
      String name = (String) column.get("column_name");
      String where = switch (name) {
        case "referral_id", "id" -> name + " = cast(:referral as uuid)";
        case "business_key_" -> name + " = :referral";
        case "root_instance_key", "instance_key" -> "cast(" + name + " as text) = any(:engine)";
        default -> name + " = any(:engine)";
      };
      int rows = db.sql("select count(*) from " + table + " where " + where)
          .param("referral", journey.id().toString()).param("engine", engineIds)
          .query(Integer.class).single();
      if (rows > 0) {
        found.put(table + "." + name, rows);
      }
    }
    return found;
  }

  private int auditRows(Referral referral) {
    return db.sql("select count(*) from audit_event where referral_id = ?").param(referral.id())
        .query(Integer.class).single();
  }

  private void endedAt(Referral referral, OffsetDateTime at) {
    db.sql("update referral set closed_at = ? where id = ? and status <> 'OPEN'").params(at, referral.id()).update();
  }

  /**
   * Pathway 0 to the end, with a ward round that set a discharge ready date and a delay recorded
   * from a task: the console's facts, the hospital's requests, the GP's notifications.
   */
  private Referral completedPathwayZeroJourney() {
    String homeCheck = clocks.getClocks().put("homeCheckAfter", "PT2S");
    Referral referral;
    try {
      referral = intake.receive(request(), "ward.nurse");
    } finally {
      clocks.getClocks().put("homeCheckAfter", homeCheck);
    }
    long root = referral.processInstanceKey();
    complete(root, "Task_Triage", Map.of("fastTrack", false, "section117", false));
    events.publish(referral.id(), "criteria-to-reside-reviewed",
        Map.of("meetsCriteriaToReside", false, "reviewedAt", Instant.now().toString()), WARD);
    complete(root, "Task_ConfirmPathway", Map.of("pathway", 0, "voluntarySupportWanted", false));
    long plan = openTask(root, "Task_PlanDischarge");
    inbox.recordDelay(JAD, plan, "transport", "nhs", "acute", null);
    answers.give(plan, Map.of("plannedDischargeAt", "2026-11-23T11:00:00"));
    complete(root, "Task_ConfirmDischarge", Map.of("dischargedAt", Instant.now().toString()));
    complete(root, "Task_HomeCheck", Map.of("stillAtHome", true));
    return ended(referral);
  }

  /** A journey the patient's death ended; with Section 117 aftercare said at triage, or not. */
  private Referral endedByDeath(boolean section117) {
    Referral referral = intake.receive(request(), "ward.nurse");
    long root = referral.processInstanceKey();
    if (section117) {
      complete(root, "Task_Triage", Map.of("fastTrack", false, "mobility", "help-of-one", "section117", true));
    } else {
      openTask(root, "Task_Triage");
    }
    events.publish(referral.id(), "patient-died", Map.of("diedAt", Instant.now().toString()), WARD);
    return ended(referral);
  }

  /** What partners, the outbox and the console hold of the journey beyond what this short journey made. */
  private void copiesOutsideTheJourney(Referral referral) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    long job = System.nanoTime();
    db.sql("""
            insert into partner_exchange (system, operation, correlation_id, referral_id, attempt, request_summary,
                                          outcome, duration_ms, at)
            values ('nelft', 'create-service-request', ?, ?, 1, 'create', 'ok', 12, ?)""")
        .params(UUID.randomUUID().toString(), referral.id(), now).update();
    db.sql("""
            insert into partner_referral (system, operation, idempotency_key, job_key, referral_id, downstream_id,
                                          status, created_at, updated_at)
            values ('nelft', 'create-service-request', ?, ?, ?, ?, 'accepted', ?, ?)""")
        .params("homefirst-job-" + job, job, referral.id(), UUID.randomUUID().toString(), now, now).update();
    db.sql("""
            insert into partner_outbox (system, idempotency_key, referral_id, recipient, subject, body, created_at)
            values ('voluntary', ?, ?, 'referrals@example.org', 'Referral', 'Ada Jones, Ward 7', ?)""")
        .params("homefirst-job-" + job, referral.id(), now).update();
    db.sql("insert into chc_commissioning (job_key, referral_id, kind, requested_at) values (?, ?, 'fnc', ?)")
        .params(job, referral.id(), now).update();
    db.sql("insert into readmission (referral_id, readmitted_at) values (?, ?)").params(referral.id(), now)
        .update();
    db.sql("""
            insert into delay_census (census_date, referral_id, borough, hospital, provider, days_since_ready)
            values (current_date, ?, 'lbh', 'bhrut-kgh', 'bhrut', 1)""").param(referral.id()).update();
    db.sql("insert into chc_case (referral_id, fast_track, referred_at, borough) values (?, false, ?, 'lbh')")
        .params(referral.id(), now).update();
    db.sql("""
            insert into api_idempotency_key (caller, idempotency_key, request_hash, status, body, referral_id,
                                             created_at)
            values ('ward.nurse', ?, 'hash', 201, ?, ?, ?)""")
        .params(UUID.randomUUID().toString(), referral.id().toString(), referral.id(), now).update();
  }

  private Referral ended(Referral referral) {
    return eventually("the journey to end", () -> intake.find(referral.id())
        .filter(r -> !r.status().equals("OPEN")).orElse(null));
  }

  private static ReferralRequest request() {
    return new ReferralRequest(validNhsNumber(), "Ada", "Jones", "1941-03-02", "lbh", "bhrut-kgh", "Ward 7",
        "2026-11-20T09:30:00Z", null);
  }

  private void complete(long root, String elementId, Map<String, Object> values) {
    answers.give(openTask(root, elementId), values);
  }

  private long openTask(long root, String elementId) {
    return eventually(elementId + " to be open", () -> db.sql(
            "select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null));
  }
}
