package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.ListItem;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.homefirst.processes.Processes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.repository.Deployment;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The review of a draft on the real engine: removed and renamed ids called out with who depends
 * on them (a journey waiting there, SLA rules, the process contract, code and process tests), the
 * Changes section of the draft page as author and approvers see it, and the export for
 * {@code processes/} with its audit. Drafts are never deployed here, so other tests' journeys run
 * on unchanged models.
 */
class DraftDiffTest extends StackTest {

  static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  static final TeamMember SECOND = new TeamMember("designer.two", Set.of("designers"));
  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));
  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired Drafts drafts;
  @Autowired ReviewChanges changes;
  @Autowired ModelExport export;
  @Autowired Publishing publishing;
  @Autowired RuntimeService runtime;
  @Autowired RepositoryService repository;
  @Autowired ModelLint lint;
  @Autowired DraftValidation validation;
  @Autowired DesignerAccess access;
  @Autowired EditorChoices choices;

  @BeforeEach
  void mockVaadin() {
    MockVaadin.setup(ROUTES);
  }

  @AfterEach
  void tearDown() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
  }

  @Test
  void aRemovedTaskWithAJourneyWaitingThereIsCalledOut() {
    ProcessInstance waiting = runtime.createProcessInstanceByKey(Processes.PATHWAY_1)
        .startBeforeActivity("Task_ConfirmServiceStarted")
        .setVariable("reablementTeam", "reablement-lbr")
        .setVariable("reablementStartDueAt", Date.from(Instant.now().plus(Duration.ofDays(3))))
        .execute();
    try {
      Drafts.Draft draft = drafts.start(DESIGNER, Processes.PATHWAY_1);
      String xml = draft.xml().replaceAll("(?s)<bpmn:userTask id=\"Task_ConfirmServiceStarted\".*?</bpmn:userTask>",
          "");
      ReviewChanges.Review review = changes.of(DESIGNER, draft, xml);
      assertThat(review.changes()).extracting(ModelDiff.Change::sentence)
          .containsExactly("User task 'Confirm support has started at home' (Task_ConfirmServiceStarted) removed.");
      assertThat(review.warnings()).singleElement().satisfies(w -> {
        assertThat(w.elementId()).isEqualTo("Task_ConfirmServiceStarted");
        // other tests of the shared stack may leave journeys there too: ours is one of them
        assertThat(w.sentence()).containsPattern("^Task_ConfirmServiceStarted is removed: \\d+ journeys? waits? there now"
            + " \\([^)]*v" + draft.baseVersion() + ": \\d+[^)]*\\); \\d+ tasks? (is|are) open in the inbox for it;"
            + " SLA rule 'Support starts within ");
        assertThat(w.sentence()).contains("(NHS Long Term Plan)' runs its due time")
            .contains("its inbox form homefirst:support-started is then used by no step of this model")
            .containsPattern("process tests use it \\([^)]*Pathway1ProcessTest")
            .contains("code names it (").contains("inbox/SlaRules");
      });
    } finally {
      runtime.deleteProcessInstance(waiting.getId(), "test over");
    }
    Drafts.Draft again = drafts.start(DESIGNER, Processes.PATHWAY_1);
    String xml = again.xml().replaceAll("(?s)<bpmn:userTask id=\"Task_ConfirmServiceStarted\".*?</bpmn:userTask>",
        "");
    String afterwards = changes.of(DESIGNER, again, xml).warnings().getFirst().sentence();
    long stillThere = runtime.createProcessInstanceQuery().processDefinitionKey(Processes.PATHWAY_1)
        .activityIdIn("Task_ConfirmServiceStarted").count();
    if (stillThere == 0) {
      assertThat(afterwards).as("no journey waits there once it has gone").doesNotContain("journey");
    } else {
      assertThat(afterwards).as("ours is no longer counted")
          .startsWith("Task_ConfirmServiceStarted is removed: " + stillThere + (stillThere == 1 ? " journey" : " journeys"));
    }
  }

  @Test
  void aRenamedSlaTimerAndProcessIdNameTheirContract() {
    Drafts.Draft draft = drafts.start(DESIGNER, Processes.PATHWAY_1);
    String xml = draft.xml().replace("Timer_ReablementStartSla", "Timer_SupportStartSla")
        .replace("\"" + Processes.PATHWAY_1 + "\"", "\"homefirst-pathway-one\"");
    ReviewChanges.Review review = changes.of(DESIGNER, draft, xml);
    assertThat(review.changes()).extracting(ModelDiff.Change::kind).containsOnly(ModelDiff.Kind.RENAMED);
    assertThat(review.warnings()).extracting(ReviewChanges.Warning::sentence).anySatisfy(s -> assertThat(s)
        .startsWith("Timer_ReablementStartSla is renamed to Timer_SupportStartSla: SLA rule 'Support starts within ")
        .contains("is its clock; the process contract lists it as SLA timer 'reablement-start' on clock"
            + " reablementStartWithin (SlaTimers)"));
    assertThat(review.warnings()).extracting(ReviewChanges.Warning::sentence).anySatisfy(s -> assertThat(s)
        .startsWith("homefirst-pathway-1 is renamed to homefirst-pathway-one: ")
        .contains("the process contract names it (Processes.PATHWAY_1)")
        .containsPattern("it is called from homefirst-discharge-journey \\(call activity [A-Za-z_0-9]+\\)"));
  }

  @Test
  void exportOfAnApprovedDraftIsTheFileForProcessesAndAudited() {
    Drafts.Draft draft = drafts.start(DESIGNER, "homefirst-reablement-service");
    assertThatThrownBy(() -> export.export(DESIGNER, draft.id())).isInstanceOf(ReviewRefused.class)
        .hasMessage("Only an approved or deployed draft is exported: this one is draft.");
    publishing.submit(DESIGNER, draft.id());
    publishing.approveDesign(SECOND, draft.id());
    publishing.approvePublishing(MANAGER, draft.id());
    assertThatThrownBy(() -> export.export(MANAGER, draft.id())).isInstanceOf(DesignerRefused.class);

    ModelExport.File file = export.export(DESIGNER, draft.id());
    assertThat(file.name()).isEqualTo("reablement-service.dmn");
    assertThat(file.xml()).as("unchanged, it is the file as it is in processes/")
        .isEqualTo(ModelDiffTest.model("reablement-service.dmn"));
    assertThat(db.sql("select count(*) from audit_event where action = 'EXPORT' and actor = 'designer'"
            + " and detail like ?").param("designer workspace: homefirst-reablement-service revision 1 (approved)"
            + " as reablement-service.dmn for processes/").query(Integer.class).single()).isEqualTo(1);
    assertThat(ModelExport.formatted("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?><a>\r\n</a>"))
        .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>\n</a>\n");

    DraftView view = openDraft(draft, "designer", "designers");
    assertThat(view.diff.download.isVisible()).isTrue();
    assertThat(view.diff.download.getText()).isEqualTo("Export for processes/");
    assertThat(view.diff.summary.getText()).isEqualTo("No changes against deployed version "
        + draft.baseVersion() + " of homefirst-reablement-service.");
  }

  @Test
  void theChangesSectionListsWarningsFirstAndMarksTheDiagram() {
    Drafts.Draft draft = drafts.start(DESIGNER, Processes.PATHWAY_1);
    String xml = draft.xml()
        .replace("<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${reablementStartDueAt}</bpmn:timeDate>",
            "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT72H</bpmn:timeDuration>")
        .replace("<bpmn:boundaryEvent id=\"Timer_ReablementStartSla\"", "<bpmn:userTask id=\"Task_CheckKeySafe\""
            + " name=\"Check the key safe\" camunda:candidateGroups=\"reablement-lbr\" />\n"
            + "    <bpmn:boundaryEvent id=\"Timer_ReablementStartSla\"")
        .replace("Task_AssessAtHome", "Task_AssessNeedsAtHome");
    drafts.save(DESIGNER, draft.id(), 1, xml);

    DraftView author = openDraft(draft, "designer", "designers");
    DraftDiff diff = author.diff;
    assertThat(diff.summary.getText()).isEqualTo("3 changes against deployed version " + draft.baseVersion()
        + " of homefirst-pathway-1; 1 warning first.");
    assertThat(items(diff.warnings)).singleElement().asString()
        .startsWith("Warning: Task_AssessAtHome is renamed to Task_AssessNeedsAtHome: ")
        .contains("SLA rule 'Assessment at home within ");
    assertThat(items(diff.list)).containsExactlyInAnyOrder(
        "User task 'Assess needs at home': renamed Task_AssessAtHome to Task_AssessNeedsAtHome.",
        "User task 'Check the key safe' (Task_CheckKeySafe) added: candidate groups reablement-lbr.",
        "Timer 'reablement start due' (Timer_ReablementStartSla): timer changed from date ${reablementStartDueAt}"
            + " to duration PT72H.");
    List<ChangesDiagram> diagrams = diff.diagrams.getChildren().filter(ChangesDiagram.class::isInstance)
        .map(ChangesDiagram.class::cast).toList();
    assertThat(diagrams).as("nothing removed: no diagram of the deployed version").hasSize(1);
    assertThat(diagrams.getFirst().marks()).contains("{\"id\":\"Task_CheckKeySafe\",\"kind\":\"added\"}",
        "{\"id\":\"Task_AssessNeedsAtHome\",\"kind\":\"renamed\"}", "\"kind\":\"changed\"");
    assertThat(diff.download.isVisible()).as("only approved or deployed drafts are exported").isFalse();

    author.submit.click();
    assertThat(author.outcome.getText()).isEqualTo("Submitted for review. Note: 1 removed or renamed id is"
        + " depended on (see Changes).");
    DraftView manager = openDraft(draft, "manager", "managers");
    assertThat(manager.approvePublishing.isVisible()).isTrue();
    assertThat(items(manager.diff.warnings)).as("the approver sees the warning").hasSize(1);
    assertThat(items(manager.diff.list)).hasSize(3);
  }

  @Test
  void aDraftWhoseModelWasDeployedSinceSaysSo() {
    Drafts.Draft draft = drafts.start(DESIGNER, "homefirst-s117-apportionment");
    Deployment since = repository.createDeployment().name("test-deployed-since")
        .addString(draft.resourceName(), draft.xml()).deploy();
    try {
      ReviewChanges.Review review = changes.of(DESIGNER, draft);
      int v = draft.baseVersion();
      assertThat(review.deployedSince()).isEqualTo("homefirst-s117-apportionment was deployed as version " + (v + 1)
          + " since this draft started from version " + v + ": the changes below are against version " + v
          + ", and this draft does not have version " + (v + 1) + "'s changes.");
      assertThat(review.changes()).isEmpty();
    } finally {
      repository.deleteDeployment(since.getId(), true);
    }
    assertThat(changes.of(DESIGNER, draft).deployedSince()).isNull();
  }

  private static List<String> items(Component list) {
    return list.getChildren().filter(ListItem.class::isInstance).map(c -> ((ListItem) c).getText()).toList();
  }

  private DraftView openDraft(Drafts.Draft draft, String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "demo",
        TeamMember.TEAM_PREFIX + team));
    DraftView view = new DraftView(drafts, lint, validation, access, publishing, choices);
    view.changes(changes, export);
    UI.getCurrent().add(view);
    view.open(draft.id());
    return view;
  }
}
