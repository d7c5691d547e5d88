package org.homefirst.designer;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.time.Clock;
import org.homefirst.audit.AuditLog;
import org.homefirst.inbox.TeamMember;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.operaton.bpm.engine.migration.MigratingProcessInstanceValidationReport;
import org.operaton.bpm.engine.migration.MigrationInstruction;
import org.operaton.bpm.engine.migration.MigrationInstructionBuilder;
import org.operaton.bpm.engine.migration.MigrationPlan;
import org.operaton.bpm.engine.migration.MigrationPlanBuilder;
import org.operaton.bpm.engine.migration.MigrationPlanValidationException;
import org.operaton.bpm.engine.migration.MigrationPlanValidationReport;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.engine.runtime.ActivityInstance;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.runtime.TransitionInstance;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.Activity;
import org.operaton.bpm.model.bpmn.instance.BoundaryEvent;
import org.operaton.bpm.model.bpmn.instance.EventBasedGateway;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves running journeys of a BPMN model from one deployed version to another, where that is safe,
 * and only when a designer asks: leaving them on the version they started on stays the default.
 * The plan maps the elements both versions have (same ids, event triggers such as timers taken
 * from the new version); each journey on the old version is checked by the engine itself (a
 * migration tried and rolled back) and listed as able to move or not, with the reason in words.
 * The move runs in batches, each in its own transaction, so a failing batch undoes only itself;
 * the run and every journey's outcome are recorded (V90) and audited.
 */
@Service
class JourneyMigration {

  enum Outcome {
    MOVED("moved"), REFUSED("refused"), FAILED("failed");

    final String code;

    Outcome(String code) {
      this.code = code;
    }
  }

  /** A deployed version of the model and the journeys running on it. */
  record Version(String definitionId, int version, String tag, long running) {
    String label() {
      return "v" + version + (tag == null ? "" : " · " + tag);
    }
  }

  /** An element of the old version whose journeys move to the element of the new one. */
  record Mapping(String sourceId, String targetId, String name) {}

  /** An element of the old version that journeys cannot move from, and why. */
  record NotMapped(String elementId, String name, String why) {}

  /** A journey running on the old version: where it waits, whether it can move, and if not, why. */
  record Journey(String processInstanceId, UUID referralId, List<String> waitingAt, boolean eligible,
      String reason) {}

  record Plan(String modelKey, Version from, Version to, List<Mapping> mapped, List<NotMapped> notMapped,
      List<String> added, List<Journey> journeys) {
    List<Journey> eligible() {
      return journeys.stream().filter(Journey::eligible).toList();
    }
  }

  /** One requested journey's outcome in a run. */
  record Result(String processInstanceId, UUID referralId, Integer batch, Outcome outcome, String reason) {}

  record Report(long runId, int batches, List<Result> results) {
    long count(Outcome outcome) {
      return results.stream().filter(r -> r.outcome() == outcome).count();
    }
  }

  /** Where a run is: batches done of all, journeys moved and failed so far. */
  record Progress(int batchesDone, int batches, int moved, int failed) {}

  private final RuntimeService runtime;
  private final RepositoryService repository;
  private final ManagementService management;
  private final DesignerAccess access;
  private final AuditLog audit;
  private final JdbcClient db;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;
  private final int batchSize;

  JourneyMigration(RuntimeService runtime, RepositoryService repository, ManagementService management,
      DesignerAccess access, AuditLog audit, JdbcClient db, Clock clock, PlatformTransactionManager transactions,
      @Value("${homefirst.designer.migration-batch-size:50}") int batchSize) {
    this.runtime = runtime;
    this.repository = repository;
    this.management = management;
    this.access = access;
    this.audit = audit;
    this.db = db;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    if (batchSize < 1) {
      throw new IllegalArgumentException("homefirst.designer.migration-batch-size must be at least 1");
    }
    this.batchSize = batchSize;
  }

  int batchSize() {
    return batchSize;
  }

  /** The deployed versions of a BPMN model, newest first, with the journeys running on each. */
  List<Version> versions(TeamMember member, String modelKey) {
    access.checkMayOpen(member, "versions of " + modelKey);
    return repository.createProcessDefinitionQuery().processDefinitionKey(modelKey).orderByProcessDefinitionVersion()
        .desc().list().stream().map(this::version).toList();
  }

  /** The plan from one version to another, and every journey on the old one with whether it can move. */
  Plan plan(TeamMember member, String fromDefinitionId, String toDefinitionId) {
    ProcessDefinition from = repository.getProcessDefinition(fromDefinitionId);
    access.checkMayOpen(member, "migration plan of " + from.getKey());
    return plan(from, repository.getProcessDefinition(toDefinitionId));
  }

  /** Moves the requested journeys in batches of the configured size. */
  Report migrate(TeamMember member, String fromDefinitionId, String toDefinitionId, List<String> requested,
      Consumer<Progress> progress) {
    return migrate(member, fromDefinitionId, toDefinitionId, requested, batchSize, progress);
  }

  /**
   * Moves those of the requested journeys that the plan finds able to move, in batches, each in a
   * transaction of its own; the others are refused with their reason and left as they are.
   */
  Report migrate(TeamMember member, String fromDefinitionId, String toDefinitionId, List<String> requested,
      int size, Consumer<Progress> progress) {
    ProcessDefinition from = repository.getProcessDefinition(fromDefinitionId);
    access.checkMayEdit(member, "migrate journeys of " + from.getKey());
    ProcessDefinition to = repository.getProcessDefinition(toDefinitionId);
    Plan plan = plan(from, to);
    MigrationPlan engine = build(from.getId(), to.getId()).plan();
    Map<String, Journey> journeys = new LinkedHashMap<>();
    plan.journeys().forEach(j -> journeys.put(j.processInstanceId(), j));

    long runId = ownTransaction.execute(status -> db.sql("""
            insert into journey_migration (model_key, from_definition_id, from_version, to_definition_id, to_version,
              by_user, started_at, batch_size) values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
        .params(from.getKey(), from.getId(), from.getVersion(), to.getId(), to.getVersion(), member.username(),
            Timestamp.from(clock.instant()), size).query(Long.class).single());

    List<Result> results = new ArrayList<>();
    List<Journey> eligible = new ArrayList<>();
    for (String id : new LinkedHashSet<>(requested)) {
      Journey journey = journeys.get(id);
      if (journey == null) {
        results.add(new Result(id, referralOf(id), null, Outcome.REFUSED,
            "It no longer runs on version " + from.getVersion()));
      } else if (!journey.eligible()) {
        results.add(new Result(id, journey.referralId(), null, Outcome.REFUSED, journey.reason()));
      } else {
        eligible.add(journey);
      }
    }
    ownTransaction.executeWithoutResult(status -> results.forEach(r -> outcome(runId, r)));

    int batches = (eligible.size() + size - 1) / size;
    int moved = 0;
    int failed = 0;
    String versions = from.getKey() + " v" + from.getVersion() + " → v" + to.getVersion();
    for (int b = 0; b < batches; b++) {
      List<Journey> batch = eligible.subList(b * size, Math.min(eligible.size(), (b + 1) * size));
      List<String> ids = batch.stream().map(Journey::processInstanceId).toList();
      int number = b + 1;
      try {
        ownTransaction.executeWithoutResult(status -> {
          runtime.newMigration(engine).processInstanceIds(ids).execute();
          clocksFollow(ids);
          for (Journey j : batch) {
            Result r = new Result(j.processInstanceId(), j.referralId(), number, Outcome.MOVED, null);
            outcome(runId, r);
            audit.record(member.username(), AuditLog.Action.MIGRATE_JOURNEYS, j.referralId(), null,
                versions + " (run " + runId + ", batch " + number + ")");
          }
        });
        batch.forEach(j -> results.add(new Result(j.processInstanceId(), j.referralId(), number, Outcome.MOVED, null)));
        moved += batch.size();
      } catch (RuntimeException e) {
        String why = "Batch " + number + " was undone: " + words(e);
        List<Result> undone = batch.stream()
            .map(j -> new Result(j.processInstanceId(), j.referralId(), number, Outcome.FAILED, why)).toList();
        ownTransaction.executeWithoutResult(status -> undone.forEach(r -> outcome(runId, r)));
        results.addAll(undone);
        failed += batch.size();
      }
      progress.accept(new Progress(number, batches, moved, failed));
    }

    Report report = new Report(runId, batches, results);
    ownTransaction.executeWithoutResult(status -> {
      db.sql("""
              update journey_migration set finished_at = ?, batches = ?, moved = ?, refused = ?, failed = ?
              where id = ?""")
          .params(Timestamp.from(clock.instant()), batches, report.count(Outcome.MOVED), report.count(Outcome.REFUSED),
              report.count(Outcome.FAILED), runId).update();
      audit.record(member.username(), AuditLog.Action.MIGRATE_JOURNEYS, null, null, versions + ": "
          + report.count(Outcome.MOVED) + " moved, " + report.count(Outcome.REFUSED) + " refused, "
          + report.count(Outcome.FAILED) + " failed in " + batches + (batches == 1 ? " batch" : " batches")
          + " (run " + runId + ")");
    });
    return report;
  }

  /** The outcomes of a run, as recorded. */
  List<Result> outcomes(long runId) {
    return db.sql("""
            select process_instance_id, referral_id, batch, outcome, reason from journey_migration_outcome
            where migration_id = ? order by batch nulls first, process_instance_id""")
        .param(runId).query((rs, n) -> new Result(rs.getString(1), rs.getObject(2, UUID.class),
            (Integer) rs.getObject(3), Outcome.valueOf(rs.getString(4).toUpperCase(java.util.Locale.ROOT)),
            rs.getString(5))).list();
  }

  private Plan plan(ProcessDefinition from, ProcessDefinition to) {
    if (!from.getKey().equals(to.getKey())) {
      throw new ReviewRefused("Journeys move only between versions of one model");
    }
    BpmnModelInstance source = repository.getBpmnModelInstance(from.getId());
    BpmnModelInstance target = repository.getBpmnModelInstance(to.getId());
    Built built = build(from.getId(), to.getId());
    List<Mapping> mapped = new ArrayList<>();
    Set<String> sources = new LinkedHashSet<>();
    for (MigrationInstruction i : built.plan().getInstructions()) {
      sources.add(i.getSourceActivityId());
      mapped.add(new Mapping(i.getSourceActivityId(), i.getTargetActivityId(), nameIn(target, i.getTargetActivityId())));
    }
    List<NotMapped> notMapped = new ArrayList<>();
    for (FlowNode node : source.getModelElementsByType(FlowNode.class)) {
      if (holdsJourneys(node) && !sources.contains(node.getId())) {
        notMapped.add(new NotMapped(node.getId(), node.getName(), whyNotMapped(node, target, to, built.refused())));
      }
    }
    List<String> added = target.getModelElementsByType(FlowNode.class).stream()
        .filter(n -> holdsJourneys(n) && source.getModelElementById(n.getId()) == null)
        .map(n -> n.getName() == null ? n.getId() : n.getName() + " (" + n.getId() + ")").toList();
    Map<String, NotMapped> blocked = new LinkedHashMap<>();
    notMapped.forEach(n -> blocked.put(n.elementId(), n));
    List<Journey> journeys = new ArrayList<>();
    for (ProcessInstance instance : runtime.createProcessInstanceQuery().processDefinitionId(from.getId())
        .orderByProcessInstanceId().asc().list()) {
      journeys.add(journey(instance.getId(), source, blocked, built.plan(), to));
    }
    return new Plan(from.getKey(), version(from), version(to), mapped, notMapped, added, journeys);
  }

  private Journey journey(String id, BpmnModelInstance source, Map<String, NotMapped> blocked, MigrationPlan plan,
      ProcessDefinition to) {
    UUID referral = referralOf(id);
    ActivityInstance tree = runtime.getActivityInstance(id);
    if (tree == null) {
      return new Journey(id, referral, List.of(), false, "It has ended meanwhile");
    }
    Set<String> at = new LinkedHashSet<>();
    waiting(tree, at);
    List<String> waitingAt = at.stream().map(a -> describe(source, a)).toList();
    for (String activity : at) {
      NotMapped problem = blocked.get(activity);
      if (problem != null) {
        return new Journey(id, referral, waitingAt, false, "It waits at " + describe(source, activity) + ": "
            + lower(problem.why()));
      }
    }
    String refused = tryMigration(plan, id);
    return refused == null ? new Journey(id, referral, waitingAt, true, null)
        : new Journey(id, referral, waitingAt, false, "The engine refuses to move it to version " + to.getVersion()
            + ": " + refused);
  }

  /** The elements a journey is at: its activities (multi-instance bodies as their activity) and transitions. */
  private static void waiting(ActivityInstance instance, Set<String> at) {
    for (ActivityInstance child : instance.getChildActivityInstances()) {
      at.add(child.getActivityId().replace("#multiInstanceBody", ""));
      waiting(child, at);
    }
    for (TransitionInstance transition : instance.getChildTransitionInstances()) {
      at.add(transition.getActivityId());
    }
  }

  /** The engine's own verdict: the migration tried on this journey alone, then rolled back. */
  private String tryMigration(MigrationPlan plan, String id) {
    try {
      ownTransaction.executeWithoutResult(status -> {
        status.setRollbackOnly();
        runtime.newMigration(plan).processInstanceIds(id).execute();
      });
      return null;
    } catch (RuntimeException e) {
      return words(e);
    }
  }

  /** Keeps our clocks' due times right where the new version's timers changed them (no history event says so). */
  private void clocksFollow(List<String> ids) {
    for (String id : ids) {
      for (Job job : management.createJobQuery().processInstanceId(id).timers().list()) {
        if (job.getDuedate() == null) {
          continue;
        }
        long key = keyOf(job.getId());
        Timestamp due = new Timestamp(job.getDuedate().getTime());
        db.sql("update journey_clock set due_at = ? where timer_key = ? and state = 'RUNNING'").params(due, key)
            .update();
        db.sql("update sla_clock set due_at = ? where timer_key = ? and ended_at is null").params(due, key).update();
      }
    }
  }

  private void outcome(long runId, Result r) {
    db.sql("""
            insert into journey_migration_outcome (migration_id, process_instance_id, referral_id, batch, outcome, reason)
            values (?, ?, ?, ?, ?, ?)""")
        .params(runId, r.processInstanceId(), r.referralId(), r.batch(), r.outcome().code, r.reason()).update();
  }

  /** The referral a journey (or a process it called) belongs to; only the id is shown to designers. */
  private UUID referralOf(String processInstanceId) {
    try {
      return db.sql("""
              select r.id from process_instance pi join referral r on r.process_instance_key = pi.root_instance_key
              where pi.instance_key = ?""")
          .param(keyOf(processInstanceId)).query(UUID.class).optional().orElse(null);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Version version(ProcessDefinition d) {
    return new Version(d.getId(), d.getVersion(), d.getVersionTag(),
        runtime.createProcessInstanceQuery().processDefinitionId(d.getId()).count());
  }

  /** The plan the engine accepts: every element both versions have, less those it refuses to map. */
  private record Built(MigrationPlan plan, Map<String, String> refused) {}

  private Built build(String from, String to) {
    Map<String, String> refused = new LinkedHashMap<>();
    MigrationPlanValidationReport report;
    try {
      return new Built(runtime.createMigrationPlan(from, to).mapEqualActivities().updateEventTriggers().build(),
          refused);
    } catch (MigrationPlanValidationException e) {
      report = e.getValidationReport();
    }
    List<MigrationInstruction> instructions = new ArrayList<>(report.getMigrationPlan().getInstructions());
    // Dropping a refused mapping can make another one invalid (a child without its scope): a few rounds.
    for (int round = 0; round < 10; round++) {
      report.getInstructionReports().stream().filter(r -> r.hasFailures()).forEach(r -> {
        String sourceId = r.getMigrationInstruction().getSourceActivityId();
        refused.merge(sourceId, String.join("; ", r.getFailures()), (a, b) -> a + "; " + b);
        instructions.removeIf(i -> i.getSourceActivityId().equals(sourceId));
      });
      MigrationPlanBuilder builder = runtime.createMigrationPlan(from, to);
      for (MigrationInstruction i : instructions) {
        MigrationInstructionBuilder mapping = builder.mapActivities(i.getSourceActivityId(), i.getTargetActivityId());
        builder = i.isUpdateEventTrigger() ? mapping.updateEventTrigger() : mapping;
      }
      try {
        return new Built(builder.build(), refused);
      } catch (MigrationPlanValidationException again) {
        report = again.getValidationReport();
      }
    }
    throw new ReviewRefused("The engine cannot make a migration plan between these versions");
  }

  private static boolean holdsJourneys(FlowNode node) {
    return node instanceof Activity || node instanceof IntermediateCatchEvent || node instanceof BoundaryEvent
        || node instanceof EventBasedGateway;
  }

  private static String whyNotMapped(FlowNode node, BpmnModelInstance target, ProcessDefinition to,
      Map<String, String> refused) {
    String engine = refused.get(node.getId());
    if (engine != null) {
      return "The engine cannot carry it to version " + to.getVersion() + ": " + engine;
    }
    var there = target.getModelElementById(node.getId());
    if (there == null) {
      return node instanceof BoundaryEvent ? "Version " + to.getVersion() + " removes it: moved journeys lose it"
          : "Version " + to.getVersion() + " removes it";
    }
    return "Version " + to.getVersion() + " has it as a " + kind(there.getElementType().getTypeName())
        + ", not a " + kind(node.getElementType().getTypeName());
  }

  private static String describe(BpmnModelInstance model, String id) {
    String name = nameIn(model, id);
    return name == null ? id : name + " (" + id + ")";
  }

  private static String nameIn(BpmnModelInstance model, String id) {
    return model.getModelElementById(id) instanceof FlowNode node ? node.getName() : null;
  }

  /** userTask → user task. */
  private static String kind(String typeName) {
    return typeName.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }

  private static String lower(String sentence) {
    return sentence.isEmpty() ? sentence : Character.toLowerCase(sentence.charAt(0)) + sentence.substring(1);
  }

  /** The engine's reasons, in the words it gives them (its validation reports list each failure). */
  static String words(RuntimeException e) {
    if (e instanceof MigratingProcessInstanceValidationException invalid) {
      MigratingProcessInstanceValidationReport report = invalid.getValidationReport();
      List<String> failures = new ArrayList<>(report.getFailures());
      report.getActivityInstanceReports().forEach(r -> r.getFailures()
          .forEach(f -> failures.add("at " + r.getSourceScopeId() + ": " + f)));
      report.getTransitionInstanceReports().forEach(r -> r.getFailures()
          .forEach(f -> failures.add("at " + r.getSourceScopeId() + ": " + f)));
      return failures.isEmpty() ? String.valueOf(e.getMessage()) : String.join("; ", failures);
    }
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ProcessEngineException)) {
      cause = cause.getCause();
    }
    return String.valueOf(cause.getMessage());
  }

  private static long keyOf(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
  }
}
