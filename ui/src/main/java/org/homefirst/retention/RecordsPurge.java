package org.homefirst.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.homefirst.audit.AuditLog;
import org.homefirst.workers.cluster.OncePerCluster;
import org.homefirst.workers.retention.WorkerRecords;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.history.HistoricDecisionInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes records whose retention has ended ({@link RetentionPeriods}) from everywhere they were
 * copied: a journey leaves our tables (the referral, its journey and inbox projections, the
 * console's facts, delays, the API's idempotency keys), the engine (running instances, history, variables) and the workers'
 * tables (partner exchanges and referrals, outbox, notifications); audit rows past their own
 * period leave through the database's {@code purge_expired_audit}. Nightly, on one node of the
 * cluster. What went is counted, never named, in the log and in an audit row written in the same
 * transaction as the removal.
 *
 * <p>A journey expires from when it ended ({@code referral.closed_at}); one with Section 117
 * aftercare (the triage answer, or the aftercare process) is a mental health record and keeps its
 * longer period. Open referrals are never removed. Audit rows stay for their own period, so who saw
 * a record can still be answered after the record itself has gone.
 */
@Service
public class RecordsPurge {

  static final String ACTOR = "retention";
  private static final Logger log = LoggerFactory.getLogger(RecordsPurge.class);
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final String REASON = "records retention period ended";
  private static final int AUDIT_BATCH = 10_000;

  /**
   * Our tables holding a journey, each with how its rows name the journey, in the order they are
   * removed (facts before the referral they reference). {@code :ids} are referral ids, {@code
   * :roots} the engine keys of the journeys' root process instances.
   */
  static final Map<String, String> TABLES = tables(
      "readmission", "referral_id = any(:ids)",
      "discharge", "referral_id = any(:ids)",
      "discharge_ready_change", "referral_id = any(:ids)",
      "sla_clock", "referral_id = any(:ids) or root_instance_key = any(:roots)",
      "chc_case", "referral_id = any(:ids)",
      "delay_census", "referral_id = any(:ids)",
      "delay", "referral_id = any(:ids)",
      "hospital_request", "referral_id = any(:ids)",
      "api_idempotency_key", "referral_id = any(:ids)",
      "journey_event", "referral_id = any(:ids) or root_instance_key = any(:roots)",
      "journey_clock", "root_instance_key = any(:roots)",
      "step_duration", "root_instance_key = any(:roots)",
      "user_task", "root_instance_key = any(:roots)",
      "incident", "root_instance_key = any(:roots)",
      "process_variable", "root_instance_key = any(:roots)",
      "process_instance", "root_instance_key = any(:roots)",
      "referral", "id = any(:ids)");

  // A journey with Section 117 aftercare: said at triage, or its aftercare process ran.
  private static final String MENTAL_HEALTH = """
      (exists (select 1 from process_variable v where v.root_instance_key = r.process_instance_key
               and v.name = 'section117' and v.value = 'true')
       or exists (select 1 from process_instance p where p.root_instance_key = r.process_instance_key
                  and p.bpmn_process_id = 'homefirst-section-117'))""";

  /** What a run removed: journeys, engine process instances, rows by table, audit rows. */
  public record Purged(int journeys, int engineInstances, Map<String, Integer> rows, int auditRows) {

    /** Counts only, never a patient: for the log. */
    String inWords() {
      return journeysInWords(journeys, engineInstances, rows) + ", " + auditRows + " audit rows";
    }
  }

  /** Counts only, never a patient: rows by table, for the log and the audit row. */
  static String journeysInWords(int journeys, int engineInstances, Map<String, Integer> rows) {
    String tables = rows.entrySet().stream().filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    return journeys + " journeys (" + (tables.isEmpty() ? "no rows" : tables) + "; engine process instances "
        + engineInstances + ")";
  }

  private record Journey(UUID id, Long root) {}

  private final JdbcClient db;
  private final TransactionTemplate tx;
  private final RuntimeService runtime;
  private final HistoryService history;
  private final WorkerRecords workers;
  private final AuditLog audit;
  private final RetentionPeriods periods;
  private final OncePerCluster cluster;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();

  RecordsPurge(JdbcClient db, TransactionTemplate tx, RuntimeService runtime, HistoryService history,
      WorkerRecords workers, AuditLog audit, RetentionPeriods periods, OncePerCluster cluster, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.runtime = runtime;
    this.history = history;
    this.workers = workers;
    this.audit = audit;
    this.periods = periods;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** Nightly, on one node; off the scheduler's thread, which the inbox refresh shares. */
  @Scheduled(cron = "${homefirst.retention.purge-cron}", zone = "Europe/London")
  void nightly() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Thread.ofPlatform().name("records-purge").daemon().start(() -> {
      try {
        cluster.run("records-purge", Duration.ofHours(6), Duration.ofMinutes(5), () -> purge(clock.instant()));
      } catch (RuntimeException e) {
        log.error("Records purge failed; what it removed before is gone, the rest waits for the next run: {}",
            e.toString());
      } finally {
        running.set(false);
      }
    });
  }

  /** Removes every journey expired at {@code now}, then every audit row past its period. */
  public Purged purge(Instant now) {
    Timestamp adult = cutoff(now, periods.journey());
    Timestamp mentalHealth = cutoff(now, periods.mentalHealthJourney());
    Map<String, Integer> rows = new LinkedHashMap<>();
    int journeys = 0;
    int engineInstances = 0;
    while (true) {
      int[] batch = tx.execute(status -> purgeBatch(adult, mentalHealth, rows));
      if (batch == null || batch[0] == 0) {
        break;
      }
      journeys += batch[0];
      engineInstances += batch[1];
    }
    int auditRows = 0;
    while (true) {
      Integer removed = tx.execute(status -> {
        int n = audit.purgeExpired(AUDIT_BATCH);
        if (n > 0) {
          audit.record(ACTOR, AuditLog.Action.PURGE, null, null,
              n + " audit rows older than " + periods.audit());
        }
        return n;
      });
      auditRows += removed == null ? 0 : removed;
      if (removed == null || removed < AUDIT_BATCH) {
        break;
      }
    }
    Purged purged = new Purged(journeys, engineInstances, rows, auditRows);
    if (journeys == 0 && auditRows == 0) {
      // A run that found nothing is on the record too: the purge is seen to run.
      audit.record(ACTOR, AuditLog.Action.PURGE, null, null, "nothing past its retention");
    }
    log.info("Records purge: removed {}", purged.inWords());
    return purged;
  }

  /** One transaction: a batch of expired journeys from the engine, our tables and the workers'. */
  private int[] purgeBatch(Timestamp adult, Timestamp mentalHealth, Map<String, Integer> total) {
    List<Journey> expired = db.sql("""
            select r.id, r.process_instance_key from referral r
            where r.status in ('COMPLETED', 'CANCELLED')
              and r.closed_at < greatest(cast(:adult as timestamptz), cast(:mental as timestamptz))
              and r.closed_at < case when """ + MENTAL_HEALTH + """
                                 then cast(:mental as timestamptz) else cast(:adult as timestamptz) end
            order by r.closed_at, r.id
            limit :batch
            for update of r skip locked""")
        .param("adult", adult).param("mental", mentalHealth).param("batch", periods.batch())
        .query((rs, n) -> new Journey(rs.getObject(1, UUID.class), (Long) rs.getObject(2)))
        .list();
    if (expired.isEmpty()) {
      return new int[] {0, 0};
    }
    int engineInstances = forgetInEngine(expired);
    Map<String, Integer> rows = new LinkedHashMap<>();
    String[] ids = expired.stream().map(j -> j.id().toString()).toArray(String[]::new);
    String[] roots = expired.stream().filter(j -> j.root() != null).map(j -> j.root().toString())
        .toArray(String[]::new);
    TABLES.forEach((table, which) -> rows.put(table, db.sql("delete from " + table + " where "
            + which.replace(":ids", "cast(:ids as uuid[])").replace(":roots", "cast(:roots as bigint[])"))
        .param("ids", ids).param("roots", roots).update()));
    rows.putAll(workers.forget(expired.stream().map(Journey::id).toList()));
    audit.record(ACTOR, AuditLog.Action.PURGE, null, null, "journeys past retention (journey "
        + periods.journey() + ", mental health " + periods.mentalHealthJourney() + "): "
        + journeysInWords(expired.size(), engineInstances, rows));
    rows.forEach((table, n) -> total.merge(table, n, Integer::sum));
    return new int[] {expired.size(), engineInstances};
  }

  /**
   * The engine's copies: running instances (none, normally, once a journey ended) and the history of
   * every process of each journey, found by business key (the referral id every call passes on)
   * and by root; the engine removes their variables, activities, tasks, jobs and logs with them,
   * and the decisions they evaluated are removed here.
   */
  private int forgetInEngine(List<Journey> expired) {
    List<String> runningRoots = new ArrayList<>();
    for (Journey j : expired) {
      runtime.createProcessInstanceQuery().processInstanceBusinessKey(j.id().toString()).rootProcessInstances()
          .list().stream().map(ProcessInstance::getId).forEach(runningRoots::add);
    }
    if (!runningRoots.isEmpty()) {
      runtime.deleteProcessInstancesIfExists(runningRoots, REASON, true, true, false);
    }
    Set<String> instances = new LinkedHashSet<>();
    for (Journey j : expired) {
      history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(j.id().toString()).list().stream()
          .map(HistoricProcessInstance::getId).forEach(instances::add);
      if (j.root() != null) {
        history.createHistoricProcessInstanceQuery().rootProcessInstanceId(j.root().toString()).list().stream()
            .map(HistoricProcessInstance::getId).forEach(instances::add);
      }
    }
    // The decisions the journeys evaluated (the pathway suggestion) are kept apart from the
    // processes' history and are not removed with it.
    List<String> decisions = new ArrayList<>();
    for (String instance : instances) {
      history.createHistoricDecisionInstanceQuery().processInstanceId(instance).list().stream()
          .map(HistoricDecisionInstance::getId).forEach(decisions::add);
    }
    if (!decisions.isEmpty()) {
      history.deleteHistoricDecisionInstancesBulk(decisions);
    }
    // Nor is the engine's log of what people did to them (tasks completed as the signed-in person
    // are logged by the engine with the user and the instance).
    for (String instance : instances) {
      history.createUserOperationLogQuery().processInstanceId(instance).list()
          .forEach(entry -> history.deleteUserOperationLogEntry(entry.getId()));
    }
    if (!instances.isEmpty()) {
      history.deleteHistoricProcessInstancesBulk(new ArrayList<>(instances));
    }
    return instances.size();
  }

  private static Timestamp cutoff(Instant now, Period period) {
    return Timestamp.from(now.atZone(LONDON).minus(period).toInstant());
  }

  private static Map<String, String> tables(String... pairs) {
    Map<String, String> tables = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      tables.put(pairs[i], pairs[i + 1]);
    }
    return tables;
  }
}
