package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.UI;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.IntStream;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The designer workspace's model list on the server (Karibu-Testing) with the real engine: a
 * designer browses every deployed model, its versions and callers; someone outside designers and
 * managers is refused and the attempt audited.
 */
class DesignerViewTest extends StackTest {

  private static final Routes ROUTES = new Routes().autoDiscoverViews("org.homefirst");

  @Autowired ModelCatalog catalog;
  @Autowired DesignerAccess access;
  @Autowired ModelLint lint;
  @Autowired Drafts drafts;
  @Autowired Publishing publishing;
  @Autowired DraftValidation validation;
  @Autowired JourneyMigration migration;
  @Autowired EditorChoices choices;
  @Autowired LiveCounts liveCounts;

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
  void aDesignerBrowsesEveryModelWithVersionsAndCallers() {
    DesignerView view = open("designer", "designers");
    assertThat(view.getElement().hasAttribute("data-refused")).isFalse();
    var rows = IntStream.range(0, GridKt._size(view.models)).mapToObj(i -> GridKt._get(view.models, i)).toList();
    assertThat(rows).extracting(ModelCatalog.Model::key).contains("homefirst-discharge-journey",
        "homefirst-pathway-1", "homefirst-sla-escalation", "homefirst-triage-pathway-suggestion");
    ModelCatalog.Model pathway1 = rows.stream().filter(m -> m.key().equals("homefirst-pathway-1")).findFirst()
        .orElseThrow();
    assertThat(pathway1.kind()).isEqualTo(ModelCatalog.Kind.PROCESS);
    assertThat(pathway1.calledFrom()).extracting(ModelCatalog.Reference::fromKey)
        .containsExactly("homefirst-discharge-journey");
    ModelCatalog.Model triage = rows.stream().filter(m -> m.key().equals("homefirst-triage-pathway-suggestion"))
        .findFirst().orElseThrow();
    assertThat(triage.kind()).isEqualTo(ModelCatalog.Kind.DECISION);
    assertThat(triage.calledFrom()).extracting(ModelCatalog.Reference::how).containsOnly("business rule task");

    view.choose("homefirst-pathway-1");
    assertThat(GridKt._size(view.versions)).isGreaterThanOrEqualTo(1);
    assertThat(GridKt._getFormattedRow(view.versions, 0)).contains("v" + pathway1.latestVersion());
    assertThat(GridKt._size(view.callers)).isEqualTo(1);
    assertThat(view.details.getChildren().anyMatch(LiveDiagram.class::isInstance)).as("the diagram").isTrue();
  }

  @Test
  void aDesignerChecksAndSavesADraftInTheEditor() {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("designer", "demo",
        TeamMember.TEAM_PREFIX + "designers"));
    TeamMember designer = new TeamMember("designer", Set.of("designers"));
    Drafts.Draft draft = drafts.start(designer, "homefirst-pathway-3");
    DraftView view = new DraftView(drafts, lint, validation, access, publishing, choices);
    UI.getCurrent().add(view);
    view.open(draft.id());
    assertThat(view.editor).as("BPMN opens in the modeler").isNotNull();
    assertThat(view.editor.getElement().getProperty("xml")).isEqualTo(draft.xml());
    assertThat(view.save.isVisible()).isTrue();

    view.check(draft.xml());
    assertThat(view.outcome.getText()).startsWith("The engine accepts it").endsWith("no problems.");
    assertThat(view.findings.isVisible()).isFalse();

    String unknownTopic = draft.xml().replaceFirst("camunda:topic=\"homefirst\\.([a-z-]+)\\.([a-z-]+)\"",
        "camunda:topic=\"homefirst.$1.teleport\"");
    view.check(unknownTopic);
    assertThat(view.outcome.getText()).startsWith("The engine accepts it").endsWith("1 problem listed below.");
    assertThat(GridKt._get(view.findings, 0)).satisfies(f -> {
      assertThat(f.source()).isEqualTo("Home First rule topic-worker");
      assertThat(f.elementId()).isNotNull();
      assertThat(f.message()).contains(".teleport", "No worker serves topic");
    });

    view.check(draft.xml().replaceFirst("</bpmn:callActivity>", "</bpmn:callActivit>"));
    assertThat(view.outcome.getText()).startsWith("The engine refuses it");
    var found = IntStream.range(0, GridKt._size(view.findings)).mapToObj(i -> GridKt._get(view.findings, i)).toList();
    assertThat(found).extracting(DraftView.Finding::source).containsExactly("Home First rule readable-xml", "Engine");

    view.save(draft.xml().replace("</bpmn:definitions>", "<!-- saved -->\n</bpmn:definitions>"));
    assertThat(view.outcome.getText()).isEqualTo("Saved as revision 2.");
    assertThat(view.draft.revision()).isEqualTo(2);
    drafts.save(new TeamMember("designer.two", Set.of("designers")), draft.id(), 2, draft.xml());
    view.save(draft.xml());
    assertThat(view.outcome.getText()).startsWith("designer.two saved revision 3 of this draft");
  }

  @Test
  void eachReviewerSeesOnlyTheirStepOfTheReview() {
    Drafts.Draft draft = drafts.start(new TeamMember("designer", Set.of("designers")), "homefirst-voluntary-service");
    DraftView author = openDraft(draft, "designer", "designers");
    assertThat(author.decisions).as("a decision table opens in dmn-js").isNotNull();
    assertThat(author.submit.isVisible()).isTrue();
    assertThat(author.approveDesign.isVisible()).isFalse();
    author.submit.click();
    assertThat(author.outcome.getText()).isEqualTo("Submitted for review.");
    assertThat(author.save.isVisible()).as("no edits in review").isFalse();
    assertThat(author.approveDesign.isVisible()).as("designers see it; the service refuses the author").isTrue();

    DraftView second = openDraft(draft, "designer.two", "designers");
    assertThat(second.approvePublishing.isVisible()).isFalse();
    second.approveDesign.click();
    assertThat(second.outcome.getText()).isEqualTo("Design approved.");

    DraftView manager = openDraft(draft, "manager", "managers");
    assertThat(manager.approveDesign.isVisible()).isFalse();
    assertThat(manager.save.isVisible()).isFalse();
    manager.approvePublishing.click();
    assertThat(manager.outcome.getText()).isEqualTo("Publishing approved.");
    assertThat(manager.deploy.isVisible()).as("designers deploy").isFalse();

    DraftView deployer = openDraft(draft, "designer", "designers");
    assertThat(deployer.deploy.isVisible()).isTrue();
    assertThat(GridKt._size(deployer.review)).isEqualTo(3);
  }

  private DraftView openDraft(Drafts.Draft draft, String user, String team) {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "demo",
        TeamMember.TEAM_PREFIX + team));
    DraftView view = new DraftView(drafts, lint, validation, access, publishing, choices);
    UI.getCurrent().add(view);
    view.open(draft.id());
    return view;
  }

  @Test
  void aDraftIsRefusedToSomeoneOutsideTheWorkspace() {
    Drafts.Draft draft = drafts.start(new TeamMember("designer", Set.of("designers")), "homefirst-pathway-0");
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken("jad.coordinator", "demo",
        TeamMember.TEAM_PREFIX + "jad"));
    DraftView view = new DraftView(drafts, lint, validation, access, publishing, choices);
    UI.getCurrent().add(view);
    view.open(draft.id());
    assertThat(view.getElement().hasAttribute("data-refused")).isTrue();
    assertThat(view.editor).isNull();
  }

  /** The lint with the application's own forms, teams, SLA rules and workers: the shipped models pass. */
  @Test
  void everyDeployedProcessPassesTheLintAndValidates() {
    TeamMember designer = new TeamMember("designer", Set.of("designers"));
    for (ModelCatalog.Model model : catalog.models(designer)) {
      if (model.kind() == ModelCatalog.Kind.PROCESS) {
        String xml = catalog.latestXml(designer, model.key()).orElseThrow();
        assertThat(lint.check(xml)).as(model.key()).isEmpty();
      }
    }
    ModelCatalog.Deployed pathway1 = catalog.latest("homefirst-pathway-1").orElseThrow();
    DraftValidation.Result result = validation.check(pathway1.resourceName(), pathway1.xml());
    assertThat(result.errors()).isEmpty();
    assertThat(result.deployedWith()).contains("homefirst-trusted-assessment", "homefirst-reablement-service");
  }

  @Test
  void aManagerMayOpenTheWorkspaceButOnlyDesignersEdit() {
    TeamMember manager = new TeamMember("manager", Set.of("managers", "jad"));
    TeamMember designer = new TeamMember("designer", Set.of("designers"));
    assertThat(access.mayOpen(manager)).isTrue();
    assertThat(access.mayEdit(manager)).isFalse();
    assertThat(access.mayApprovePublishing(manager)).isTrue();
    assertThat(access.mayOpen(designer)).isTrue();
    assertThat(access.mayEdit(designer)).isTrue();
    assertThat(access.mayApprovePublishing(designer)).isFalse();
    assertThat(access.mayOpen(JAD)).isFalse();
  }

  @Test
  void someoneElseIsRefusedAndTheAttemptAudited() {
    String user = "ward.nurse." + System.nanoTime();
    DesignerView view = open(user, "bhrut");
    assertThat(view.getElement().hasAttribute("data-refused")).isTrue();
    assertThat(view.models.getParent()).isEmpty();
    assertThat(db.sql("select count(*) from audit_event where actor = ? and action = 'REFUSED'"
        + " and detail like 'designer workspace:%'").param(user).query(Integer.class).single()).isEqualTo(1);
  }

  private DesignerView open(String user, String... teams) {
    SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(user, "demo",
        Arrays.stream(teams).map(t -> TeamMember.TEAM_PREFIX + t).toArray(String[]::new)));
    DesignerView view = new DesignerView(catalog, drafts, access, migration, liveCounts);
    UI.getCurrent().add(view);
    return view;
  }
}
