package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.inbox.TaskAnswers;
import org.homefirst.inbox.TaskInbox;
import org.homefirst.inbox.TeamMember;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.homefirst.referral.ReferralRequest;
import org.homefirst.simulators.nelft.NelftSimulator;
import org.homefirst.workers.nelft.NelftProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Moving running journeys to a new version on the real engine and our projection: a pathway 1
 * journey waiting at a user task moves and then follows the new version's path when the task is
 * completed through the inbox; a journey at an element the new version removes is listed with the
 * reason and left alone even when asked for; batches of one make one transaction each, recorded;
 * only designers move journeys. The trial model and the new pathway 1 version are removed after
 * each test, so the other tests' journeys run on the models as the files have them.
 */
class JourneyMigrationTest extends StackTest {

  static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));
  static final String TRIAL = "homefirst-migration-trial";

  @Autowired JourneyMigration migration;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired org.operaton.bpm.engine.ManagementService management;
  @Autowired TaskInbox inbox;
  @Autowired TaskAnswers answers;
  @Autowired ReferralIntake intake;
  @Autowired NelftSimulator nelft;
  @Autowired NelftProperties nelftSettings;

  private final List<String> deployments = new ArrayList<>();
  private final List<String> journeys = new ArrayList<>();

  @AfterEach
  void removeWhatTheTestDeployed() {
    nelft.decideAutomatically(NelftSimulator.Decision.ACCEPT, nelftSettings.simulatorDecideAfter());
    journeys.forEach(id -> {
      if (runtime.createProcessInstanceQuery().processInstanceId(id).count() > 0) {
        runtime.deleteProcessInstance(id, "test over");
      }
    });
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void aPathwayOneJourneyMovesAndFollowsTheNewVersionsPath() {
    Referral referral = intake.receive(new ReferralRequest(validNhsNumber(), "Ivy", "Mensah", "1940-02-11", "lbh",
        "bhrut-queens", "Ward 3", "2026-11-20T08:15:00Z", null), "ward.nurse");
    long root = referral.processInstanceKey();
    journeys.add(String.valueOf(root));
    give(root, "Task_Triage", triageAnswers("mobility", "help-of-one"));
    give(root, "Task_ConfirmPathway", Map.of("pathway", 1, "equipmentNeeded", false));
    give(root, "Task_TrustedAssessment", Map.of("trustedAssessment", "Needs help washing and dressing"));
    nelft.rejecting("No reablement capacity this week");
    give(root, "Task_ReviewAssessment", Map.of("assessmentAccepted", true));
    long decide = eventually("the decision on the rejected request", () -> openTask(root,
        "Task_ResolveReablementRejection"));

    long pathwayKey = db.sql("select instance_key from process_instance where root_instance_key = ?"
        + " and bpmn_process_id = 'homefirst-pathway-1' and state = 'ACTIVE'").param(root).query(Long.class).single();
    String pathway = String.valueOf(pathwayKey);
    ProcessDefinition old = repository.getProcessDefinition(runtime.createProcessInstanceQuery()
        .processInstanceId(pathway).singleResult().getProcessDefinitionId());
    ProcessDefinition next = deploy("pathway-1.bpmn", withCheckAfterDecision(xml(old)), "homefirst-pathway-1");

    JourneyMigration.Plan plan = migration.plan(DESIGNER, old.getId(), next.getId());
    assertThat(plan.mapped()).extracting(JourneyMigration.Mapping::sourceId)
        .contains("Task_ResolveReablementRejection", "Timer_ReablementStartSla", "Call_TrustedAssessment");
    assertThat(plan.added()).containsExactly("Check after the decision (Task_MigrationCheck)");
    JourneyMigration.Journey journey = plan.journeys().stream().filter(j -> j.processInstanceId().equals(pathway))
        .findFirst().orElseThrow();
    assertThat(journey.referralId()).isEqualTo(referral.id());
    assertThat(journey.waitingAt()).contains("Decide on rejected request (Task_ResolveReablementRejection)");
    assertThat(journey.eligible()).as(journey.reason()).isTrue();

    JourneyMigration.Report report = migration.migrate(DESIGNER, old.getId(), next.getId(), List.of(pathway), p -> { });
    assertThat(report.results()).extracting(JourneyMigration.Result::outcome)
        .containsExactly(JourneyMigration.Outcome.MOVED);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(pathway).singleResult().getProcessDefinitionId())
        .isEqualTo(next.getId());
    // Our projection follows: the open task and the journey's process now belong to the new version.
    long nextKey = keyOf(next.getId());
    assertThat(db.sql("select definition_key from user_task where task_key = ?").param(decide).query(Long.class)
        .single()).isEqualTo(nextKey);
    assertThat(db.sql("select definition_key, version from process_instance where instance_key = ?")
        .param(pathwayKey).query((rs, n) -> List.of(rs.getLong(1), (long) rs.getInt(2))).single())
        .containsExactly(nextKey, (long) next.getVersion());
    assertThat(inbox.find(JAD, decide)).as("still in the coordinator's inbox").isPresent();

    inbox.claim(JAD, decide);
    inbox.complete(JAD, decide, Map.of("rejectionDecision", "retry", "rejectionNotes", "Ask again on Monday"));
    long check = eventually("the new version's step", () -> openTask(root, "Task_MigrationCheck"));
    assertThat(db.sql("select definition_key from user_task where task_key = ?").param(check).query(Long.class)
        .single()).isEqualTo(nextKey);
    assertThat(db.sql("select count(*) from audit_event where action = 'MIGRATE_JOURNEYS' and referral_id = ?")
        .param(referral.id()).query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void aJourneyAtARemovedStepIsNotEligibleAndStaysEvenWhenAskedForWhileTheOthersMoveInBatches() {
    ProcessDefinition v1 = deploy("trial.bpmn", trial("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_First"/>
        <userTask id="Task_First" name="First step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F2" sourceRef="Task_First" targetRef="Task_Second"/>
        <userTask id="Task_Second" name="Second step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F3" sourceRef="Task_Second" targetRef="End"/><endEvent id="End"/>""" + due("PT1H")), TRIAL);
    String atFirst = start("Task_First");
    String atSecond = start("Task_Second");
    String alsoAtSecond = start("Task_Second");
    ProcessDefinition v2 = deploy("trial.bpmn", trial("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Second"/>
        <userTask id="Task_Second" name="Second step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F2" sourceRef="Task_Second" targetRef="Task_Third"/>
        <userTask id="Task_Third" name="Third step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F3" sourceRef="Task_Third" targetRef="End"/><endEvent id="End"/>""" + due("PT5H")), TRIAL);

    JourneyMigration.Plan plan = migration.plan(DESIGNER, v1.getId(), v2.getId());
    assertThat(plan.mapped()).extracting(JourneyMigration.Mapping::sourceId)
        .containsExactlyInAnyOrder("Task_Second", "Timer_SecondDue");
    assertThat(plan.notMapped()).singleElement().satisfies(n -> {
      assertThat(n.elementId()).isEqualTo("Task_First");
      assertThat(n.why()).isEqualTo("Version " + v2.getVersion() + " removes it");
    });
    assertThat(plan.eligible()).extracting(JourneyMigration.Journey::processInstanceId)
        .containsExactlyInAnyOrder(atSecond, alsoAtSecond);
    JourneyMigration.Journey stuck = plan.journeys().stream().filter(j -> j.processInstanceId().equals(atFirst))
        .findFirst().orElseThrow();
    assertThat(stuck.eligible()).isFalse();
    assertThat(stuck.reason()).isEqualTo("It waits at First step (Task_First): version " + v2.getVersion()
        + " removes it");

    List<JourneyMigration.Progress> seen = new ArrayList<>();
    JourneyMigration.Report report = migration.migrate(DESIGNER, v1.getId(), v2.getId(),
        List.of(atFirst, atSecond, alsoAtSecond), 1, seen::add);

    assertThat(report.batches()).isEqualTo(2);
    assertThat(seen).extracting(JourneyMigration.Progress::batchesDone).containsExactly(1, 2);
    assertThat(report.count(JourneyMigration.Outcome.MOVED)).isEqualTo(2);
    assertThat(report.results()).filteredOn(r -> r.processInstanceId().equals(atFirst)).singleElement()
        .satisfies(r -> {
          assertThat(r.outcome()).isEqualTo(JourneyMigration.Outcome.REFUSED);
          assertThat(r.reason()).isEqualTo(stuck.reason());
        });
    assertThat(definitionOf(atFirst)).as("left on its version").isEqualTo(v1.getId());
    assertThat(definitionOf(atSecond)).isEqualTo(v2.getId());
    assertThat(definitionOf(alsoAtSecond)).isEqualTo(v2.getId());
    // The second step's clock takes version 2's setting, and our clock table follows the engine.
    var timer = management.createJobQuery().processInstanceId(atSecond).timers().singleResult();
    assertThat(timer.getDuedate().toInstant()).isAfter(java.time.Instant.now().plus(java.time.Duration.ofHours(4)));
    assertThat(db.sql("select due_at from journey_clock where timer_key = ?").param(Long.parseLong(timer.getId()))
        .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(timer.getDuedate().toInstant());

    assertThat(db.sql("select batches, moved, refused, failed, by_user, from_version, to_version, batch_size"
            + " from journey_migration where id = ?").param(report.runId())
        .query((rs, n) -> List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
            rs.getInt(6), rs.getInt(7), rs.getInt(8))).single())
        .containsExactly(2, 2, 1, 0, "designer", v1.getVersion(), v2.getVersion(), 1);
    assertThat(migration.outcomes(report.runId())).extracting(JourneyMigration.Result::batch)
        .as("the refusal has no batch; each move its own").containsExactlyInAnyOrder(null, 1, 2);
    assertThat(db.sql("select count(*) from audit_event where action = 'MIGRATE_JOURNEYS' and detail like ?")
        .param("%2 moved, 1 refused, 0 failed in 2 batches (run " + report.runId() + ")").query(Integer.class)
        .single()).isEqualTo(1);

    // The moved journey carries on along version 2: after the second step comes the third.
    tasks.complete(tasks.createTaskQuery().processInstanceId(atSecond).singleResult().getId());
    assertThat(tasks.createTaskQuery().processInstanceId(atSecond).singleResult().getTaskDefinitionKey())
        .isEqualTo("Task_Third");
  }

  @Test
  void onlyDesignersMoveJourneysAndOthersAreRefusedAndAudited() {
    ProcessDefinition v1 = deploy("trial.bpmn", trial("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Second"/>
        <userTask id="Task_Second" name="Second step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F2" sourceRef="Task_Second" targetRef="End"/><endEvent id="End"/>"""), TRIAL);
    String running = start("Task_Second");
    ProcessDefinition v2 = deploy("trial.bpmn", trial("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Second"/>
        <userTask id="Task_Second" name="The second step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F2" sourceRef="Task_Second" targetRef="End"/><endEvent id="End"/>"""), TRIAL);

    assertThat(migration.plan(MANAGER, v1.getId(), v2.getId()).eligible()).as("managers may look").hasSize(1);
    assertThatThrownBy(() -> migration.migrate(MANAGER, v1.getId(), v2.getId(), List.of(running), p -> { }))
        .isInstanceOf(DesignerRefused.class).hasMessage("Only service designers change models");
    assertThatThrownBy(() -> migration.plan(JAD, v1.getId(), v2.getId())).isInstanceOf(DesignerRefused.class);
    assertThat(definitionOf(running)).isEqualTo(v1.getId());
    assertThat(db.sql("select count(*) from audit_event where action = 'REFUSED' and actor = 'manager'"
        + " and detail = ?").param("designer workspace: migrate journeys of " + TRIAL).query(Integer.class).single())
        .isEqualTo(1);
    assertThat(db.sql("select count(*) from journey_migration where from_definition_id = ?").param(v1.getId())
        .query(Integer.class).single()).as("nothing recorded as a run").isZero();
  }

  // --- helpers ---

  private void give(long root, String elementId, Map<String, Object> values) {
    answers.give(eventually(elementId + " to be open", () -> openTask(root, elementId)), values);
  }

  private Long openTask(long root, String elementId) {
    return db.sql("select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null);
  }

  private ProcessDefinition deploy(String resource, String xml, String key) {
    var deployed = repository.createDeployment().name("homefirst-migration-test").addString(resource, xml)
        .deployWithResult();
    deployments.add(deployed.getId());
    return deployed.getDeployedProcessDefinitions().stream().filter(d -> d.getKey().equals(key)).findFirst()
        .orElseThrow();
  }

  private String start(String at) {
    String id = runtime.createProcessInstanceByKey(TRIAL).businessKey(UUID.randomUUID().toString())
        .startBeforeActivity(at).execute().getId();
    journeys.add(id);
    return id;
  }

  private String definitionOf(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
        .getProcessDefinitionId();
  }

  private String xml(ProcessDefinition definition) {
    try (var in = repository.getProcessModel(definition.getId())) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Pathway 1 with a step after the coordinator's decision on a rejected reablement request. */
  static String withCheckAfterDecision(String xml) {
    String flow = "<bpmn:sequenceFlow id=\"Flow_ResolveReablementRejectionToRejectionDecision\""
        + " sourceRef=\"Task_ResolveReablementRejection\" targetRef=\"Gateway_RejectionDecision\" />";
    assertThat(xml).contains(flow);
    return xml.replace(flow, """
            <bpmn:sequenceFlow id="Flow_ToMigrationCheck" sourceRef="Task_ResolveReablementRejection" \
            targetRef="Task_MigrationCheck" />
            <bpmn:userTask id="Task_MigrationCheck" name="Check after the decision" \
            camunda:candidateGroups="${dischargeTeam}" camunda:formKey="homefirst:resolve-rejection" />
            <bpmn:sequenceFlow id="Flow_ResolveReablementRejectionToRejectionDecision" \
            sourceRef="Task_MigrationCheck" targetRef="Gateway_RejectionDecision" />""")
        .replace("<bpmn:outgoing>Flow_ResolveReablementRejectionToRejectionDecision</bpmn:outgoing>",
            "<bpmn:outgoing>Flow_ToMigrationCheck</bpmn:outgoing>");
  }

  /** A clock on the second step, as an SLA timer would be. */
  private static String due(String after) {
    return """
        <boundaryEvent id="Timer_SecondDue" name="second step due" attachedToRef="Task_Second" cancelActivity="false">
          <timerEventDefinition><timeDuration>%s</timeDuration></timerEventDefinition>
        </boundaryEvent>
        <sequenceFlow id="F4" sourceRef="Timer_SecondDue" targetRef="End_Late"/><endEvent id="End_Late"/>"""
        .formatted(after);
  }

  static String trial(String body) {
    return """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://homefirst.test">
          <process id="%s" name="Migration trial" isExecutable="true" camunda:historyTimeToLive="P1D">
            %s
          </process>
        </definitions>""".formatted(TRIAL, body);
  }

  private static long keyOf(String id) {
    return Long.parseLong(id.substring(id.lastIndexOf(':') + 1));
  }
}
