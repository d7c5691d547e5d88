package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.pro.ConfirmDialogKt;
import com.vaadin.flow.component.UI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The migration panel on the model page (Karibu-Testing, real engine): a designer sees which
 * journeys can move and why the others cannot, confirms, and gets the report; an empty version
 * says so; a manager sees the plan but has nothing to press.
 */
class MigrationPanelTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired ModelCatalog catalog;
  @Autowired Drafts drafts;
  @Autowired DesignerAccess access;
  @Autowired JourneyMigration migration;
  @Autowired LiveCounts liveCounts;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;

  private final List<String> deployments = new ArrayList<>();
  private ProcessDefinition v1;
  private ProcessDefinition v2;
  private String atFirst;
  private String atSecond;

  @BeforeEach
  void twoVersionsWithJourneys() {
    MockVaadin.setup(ROUTES);
    v1 = deploy("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_First"/>
        <userTask id="Task_First" name="First step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F2" sourceRef="Task_First" targetRef="Task_Second"/>
        <userTask id="Task_Second" name="Second step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F3" sourceRef="Task_Second" targetRef="End"/><endEvent id="End"/>""");
    atFirst = start("Task_First");
    atSecond = start("Task_Second");
    v2 = deploy("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Second"/>
        <userTask id="Task_Second" name="Second step" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F3" sourceRef="Task_Second" targetRef="End"/><endEvent id="End"/>""");
  }

  @AfterEach
  void tearDown() {
    MockVaadin.tearDown();
    SecurityContextHolder.clearContext();
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void aDesignerSeesWhichJourneysCanMoveConfirmsAndGetsTheReport() {
    DesignerView view = open("designer", "designers");
    view.choose(JourneyMigrationTest.TRIAL);
    assertThat(view.moveJourneys.isVisible()).isTrue();
    ButtonKt._click(view.moveJourneys);
    MigrationPanel panel = view.migrationPanel;
    assertThat(panel.from.getValue().definitionId()).as("the older version with journeys").isEqualTo(v1.getId());
    assertThat(panel.to.getValue().definitionId()).as("the latest").isEqualTo(v2.getId());
    assertThat(panel.summary.getText()).isEqualTo("1 of 2 journeys on version " + v1.getVersion()
        + " can move to version " + v2.getVersion() + ".");
    List<String> rows = List.of(String.join(" | ", GridKt._getFormattedRow(panel.journeys, 0)),
        String.join(" | ", GridKt._getFormattedRow(panel.journeys, 1)));
    assertThat(rows).anySatisfy(r -> assertThat(r).contains("First step (Task_First)")
        .contains("Stays: It waits at First step (Task_First): version " + v2.getVersion() + " removes it"));
    assertThat(rows).anySatisfy(r -> assertThat(r).contains("Second step (Task_Second)").endsWith("Can move"));
    assertThat(String.join(" ", GridKt._getFormattedRow(panel.notMapped, 0)))
        .contains("First step (Task_First)", "removes it");
    assertThat(panel.migrate.getText()).isEqualTo("Migrate 1 eligible journey");
    assertThat(panel.migrate.isVisible()).isTrue();

    panel.inBackground = false;
    ButtonKt._click(panel.migrate);
    assertThat(panel.confirm.isOpened()).as("asked first").isTrue();
    assertThat(ConfirmDialogKt._getHeader(panel.confirm)).isEqualTo("Move 1 journey to version " + v2.getVersion()
        + "?");
    assertThat(definitionOf(atSecond)).as("nothing moves before the answer").isEqualTo(v1.getId());
    ConfirmDialogKt._fireConfirm(panel.confirm);

    assertThat(panel.status.getText()).startsWith("Done in 1 batch: 1 moved, 0 refused, 0 failed");
    assertThat(panel.report.isVisible()).isTrue();
    assertThat(String.join(" | ", GridKt._getFormattedRow(panel.report, 0))).contains("moved");
    assertThat(definitionOf(atSecond)).isEqualTo(v2.getId());
    assertThat(definitionOf(atFirst)).isEqualTo(v1.getId());
    assertThat(panel.summary.getText()).as("the plan again, without the moved journey")
        .isEqualTo("0 of 1 journey on version " + v1.getVersion() + " can move to version " + v2.getVersion() + ".");
    assertThat(panel.migrate.isVisible()).isFalse();
  }

  @Test
  void aVersionWithoutJourneysSaysSoAndAManagerOnlyLooks() {
    DesignerView view = open("manager", "managers");
    view.choose(JourneyMigrationTest.TRIAL);
    view.openMigration(v1.getId());
    MigrationPanel panel = view.migrationPanel;
    assertThat(panel.summary.getText()).startsWith("1 of 2 journeys");
    assertThat(panel.migrate.isVisible()).as("only designers move journeys").isFalse();

    panel.from.setValue(panel.to.getValue());
    assertThat(panel.summary.getText()).isEqualTo("Choose two different versions.");
    panel.to.setValue(panel.from.getListDataView().getItems().filter(v -> v.definitionId().equals(v1.getId()))
        .findFirst().orElseThrow());
    assertThat(panel.summary.getText()).isEqualTo("No journeys run on version " + v2.getVersion() + ".");
  }

  private DesignerView open(String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "demo",
        TeamMember.TEAM_PREFIX + team));
    DesignerView view = new DesignerView(catalog, drafts, access, migration, liveCounts);
    UI.getCurrent().add(view);
    return view;
  }

  private ProcessDefinition deploy(String body) {
    var deployed = repository.createDeployment().name("homefirst-migration-test")
        .addString("trial.bpmn", JourneyMigrationTest.trial(body)).deployWithResult();
    deployments.add(deployed.getId());
    return deployed.getDeployedProcessDefinitions().getFirst();
  }

  private String start(String at) {
    return runtime.createProcessInstanceByKey(JourneyMigrationTest.TRIAL).businessKey(UUID.randomUUID().toString())
        .startBeforeActivity(at).execute().getId();
  }

  private String definitionOf(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
        .getProcessDefinitionId();
  }
}
