package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.inbox.TaskAnswers;
import org.homefirst.inbox.TeamMember;
import org.homefirst.processes.Processes;
import org.homefirst.referral.Referral;
import org.homefirst.referral.ReferralIntake;
import org.homefirst.referral.ReferralRequest;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The designer workspace's demo, end to end on the real stack, at service level: {@code designer}
 * drafts pathway 1, shortens the reablement start clock and adds a step, saves; Home First's lint
 * finds nothing and the scratch engine accepts it; a second designer and a manager approve; it is
 * deployed with a version tag. A referral confirmed on pathway 1 afterwards runs on the new version
 * and reaches the new step; a journey that was on pathway 1 before stays on the old version until
 * the designer moves it to the new one. The
 * application's startup deployment, run again as a restart runs it, leaves the new version the one
 * new journeys use. The workspace's deployment is removed at the end, so the other tests of the
 * shared stack run on the models as shipped.
 */
class DesignerJourneyTest extends StackTest {

  static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  static final TeamMember SECOND = new TeamMember("designer.two", Set.of("designers"));
  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));
  static final String NEW_STEP = "Task_ConfirmHomeReady";

  @Autowired Drafts drafts;
  @Autowired ModelLint lint;
  @Autowired DraftValidation validation;
  @Autowired Publishing publishing;
  @Autowired ReferralIntake intake;
  @Autowired TaskAnswers answers;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ApplicationContext context;
  @Autowired JourneyMigration migration;

  @Test
  void aDesignerChangesPathwayOneAndNewJourneysFollowTheNewVersion() {
    // a journey already on pathway 1 before the change
    Referral before = referredAndConfirmedOnPathwayOne();
    ProcessInstance beforeOnPathway = eventually("the earlier journey to be on pathway 1", () -> onPathwayOne(before));
    String oldDefinition = beforeOnPathway.getProcessDefinitionId();

    Drafts.Draft draft = drafts.start(DESIGNER, Processes.PATHWAY_1);
    assertThat(draft.baseDefinitionId()).isEqualTo(oldDefinition);
    String changed = withShorterReablementStartClock(withNewStep(draft.xml()));
    draft = drafts.save(DESIGNER, draft.id(), draft.revision(), changed);
    assertThat(draft.revision()).isEqualTo(2);

    assertThat(lint.check(draft.xml())).as("Home First's rules").isEmpty();
    DraftValidation.Result checked = validation.validate(DESIGNER, draft);
    assertThat(checked.errors()).as("the scratch engine's errors").isEmpty();
    assertThat(checked.deployable()).isTrue();

    publishing.submit(DESIGNER, draft.id());
    publishing.approveDesign(SECOND, draft.id());
    publishing.approvePublishing(MANAGER, draft.id());
    String newDefinition = publishing.deploy(DESIGNER, draft.id(), "2026-12-home-ready");
    try {
      ProcessDefinition latest = latestPathwayOne();
      assertThat(latest.getId()).isEqualTo(newDefinition).isNotEqualTo(oldDefinition);
      assertThat(latest.getVersionTag()).isEqualTo("2026-12-home-ready");

      Referral after = referredAndConfirmedOnPathwayOne();
      ProcessInstance afterOnPathway = eventually("the new journey to be on pathway 1", () -> onPathwayOne(after));
      assertThat(afterOnPathway.getProcessDefinitionId()).as("a new journey runs the new version")
          .isEqualTo(newDefinition);
      long step = eventually("the new step to be open", () -> openTask(after.processInstanceKey(), NEW_STEP));
      assertThat(db.sql("select unnest(candidate_groups) from user_task where task_key = ?").param(step)
          .query(String.class).list()).containsExactly("jad");
      assertThat(onPathwayOne(before).getProcessDefinitionId()).as("the earlier journey stays on its version")
          .isEqualTo(oldDefinition);
      assertThat(openTask(before.processInstanceKey(), NEW_STEP)).isNull();

      // the designer moves the earlier journey: it waits at a step both versions have
      JourneyMigration.Plan plan = migration.plan(DESIGNER, oldDefinition, newDefinition);
      assertThat(plan.added()).as("steps the new version adds").containsExactly("Confirm the home is ready (" + NEW_STEP + ")");
      JourneyMigration.Journey earlier = plan.journeys().stream()
          .filter(j -> j.processInstanceId().equals(beforeOnPathway.getId())).findFirst().orElseThrow();
      assertThat(earlier.eligible()).as("the earlier journey can move: %s", earlier.reason()).isTrue();
      JourneyMigration.Report report = migration.migrate(DESIGNER, oldDefinition, newDefinition,
          List.of(beforeOnPathway.getId()), progress -> {});
      assertThat(report.count(JourneyMigration.Outcome.MOVED)).isEqualTo(1);
      assertThat(onPathwayOne(before).getProcessDefinitionId()).as("the earlier journey now runs the new version")
          .isEqualTo(newDefinition);

      // a restart of the application runs the startup deployment of the model files again
      context.getBean("modelDeployment", SmartInitializingSingleton.class).afterSingletonsInstantiated();
      assertThat(latestPathwayOne().getId()).as("still the workspace's version after the startup deployment")
          .isEqualTo(newDefinition);
      Referral afterRestart = referredAndConfirmedOnPathwayOne();
      assertThat(eventually("the journey after the restart to be on pathway 1", () -> onPathwayOne(afterRestart))
          .getProcessDefinitionId()).isEqualTo(newDefinition);
    } finally {
      String deployment = repository.getProcessDefinition(newDefinition).getDeploymentId();
      repository.deleteDeployment(deployment, true);
    }
  }

  /** A new user task for the JAD between the start and finding the reablement service, with a form the inbox has. */
  static String withNewStep(String xml) {
    String flow = "<bpmn:sequenceFlow id=\"Flow_Pathway1ToFindReablementService\" sourceRef=\"StartEvent_Pathway1\""
        + " targetRef=\"Task_FindReablementService\" />";
    assertThat(xml).contains(flow, "<bpmn:incoming>Flow_Pathway1ToFindReablementService</bpmn:incoming>");
    String task = "<bpmn:userTask id=\"" + NEW_STEP + "\" name=\"Confirm the home is ready\""
        + " camunda:candidateGroups=\"jad\" camunda:formKey=\"homefirst:home-check\">"
        + "<bpmn:incoming>Flow_Pathway1ToConfirmHomeReady</bpmn:incoming>"
        + "<bpmn:outgoing>Flow_ConfirmHomeReadyToFindReablementService</bpmn:outgoing></bpmn:userTask>\n    ";
    String flows = "<bpmn:sequenceFlow id=\"Flow_Pathway1ToConfirmHomeReady\" sourceRef=\"StartEvent_Pathway1\""
        + " targetRef=\"" + NEW_STEP + "\" />\n    "
        + "<bpmn:sequenceFlow id=\"Flow_ConfirmHomeReadyToFindReablementService\""
        + " sourceRef=\"" + NEW_STEP + "\" targetRef=\"Task_FindReablementService\" />";
    String shapes = "<bpmndi:BPMNShape id=\"" + NEW_STEP + "_di\" bpmnElement=\"" + NEW_STEP + "\">"
        + "<dc:Bounds x=\"150\" y=\"200\" width=\"100\" height=\"80\" /></bpmndi:BPMNShape>\n      "
        + "<bpmndi:BPMNEdge id=\"Flow_Pathway1ToConfirmHomeReady_di\" bpmnElement=\"Flow_Pathway1ToConfirmHomeReady\">"
        + "<di:waypoint x=\"120\" y=\"150\" /><di:waypoint x=\"120\" y=\"240\" /><di:waypoint x=\"150\" y=\"240\" />"
        + "</bpmndi:BPMNEdge>\n      "
        + "<bpmndi:BPMNEdge id=\"Flow_ConfirmHomeReadyToFindReablementService_di\""
        + " bpmnElement=\"Flow_ConfirmHomeReadyToFindReablementService\"><di:waypoint x=\"250\" y=\"240\" />"
        + "<di:waypoint x=\"280\" y=\"240\" /><di:waypoint x=\"280\" y=\"172\" /></bpmndi:BPMNEdge>\n      ";
    String oldEdge = xml.substring(xml.indexOf("<bpmndi:BPMNEdge id=\"Flow_Pathway1ToFindReablementService_di\""));
    oldEdge = oldEdge.substring(0, oldEdge.indexOf("</bpmndi:BPMNEdge>") + "</bpmndi:BPMNEdge>".length());
    return xml
        .replace("<bpmn:outgoing>Flow_Pathway1ToFindReablementService</bpmn:outgoing>",
            "<bpmn:outgoing>Flow_Pathway1ToConfirmHomeReady</bpmn:outgoing>")
        .replace("<bpmn:incoming>Flow_Pathway1ToFindReablementService</bpmn:incoming>",
            "<bpmn:incoming>Flow_ConfirmHomeReadyToFindReablementService</bpmn:incoming>")
        .replace("<bpmn:businessRuleTask id=\"Task_FindReablementService\"",
            task + "<bpmn:businessRuleTask id=\"Task_FindReablementService\"")
        .replace(flow, flows)
        .replace(oldEdge, shapes);
  }

  /** Reablement must start within one day of going home instead of the configured clock. */
  static String withShorterReablementStartClock(String xml) {
    String clock = "+ duration(reablementStartWithin)";
    assertThat(xml).contains(clock);
    return xml.replace(clock, "+ duration(\"P1D\")");
  }

  private Referral referredAndConfirmedOnPathwayOne() {
    Referral referral = intake.receive(new ReferralRequest(validNhsNumber(), "Margaret", "Okafor", "1938-05-14", "lbh",
        "bhrut-queens", "Ward 3", "2026-11-20T08:15:00Z", null), "ward.nurse");
    long root = referral.processInstanceKey();
    answers.give(eventually("triage to be open", () -> openTask(root, "Task_Triage")),
        triageAnswers("fastTrack", false, "mobility", "help-of-one"));
    answers.give(eventually("the pathway to be confirmed", () -> openTask(root, "Task_ConfirmPathway")),
        Map.of("pathway", 1, "equipmentNeeded", false));
    return referral;
  }

  private ProcessInstance onPathwayOne(Referral referral) {
    return runtime.createProcessInstanceQuery().superProcessInstanceId(String.valueOf(referral.processInstanceKey()))
        .processDefinitionKey(Processes.PATHWAY_1).singleResult();
  }

  private ProcessDefinition latestPathwayOne() {
    return repository.createProcessDefinitionQuery().processDefinitionKey(Processes.PATHWAY_1).latestVersion()
        .singleResult();
  }

  private Long openTask(long root, String elementId) {
    return db.sql("select task_key from user_task where root_instance_key = ? and element_id = ? and state = 'CREATED'")
        .param(root).param(elementId).query(Long.class).optional().orElse(null);
  }
}
