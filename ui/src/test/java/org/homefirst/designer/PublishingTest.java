package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.DecisionDefinition;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * From draft to deployed: a second designer and a manager approve, a designer deploys with a
 * version tag on the live engine under the workspace's deployment name; the approval rules refuse
 * the author approving their own draft and a non-manager approving publishing; a draft the
 * engine refuses never reaches review. Uses a decision table (removed afterwards), so the other
 * tests' journeys run on unchanged models.
 */
class PublishingTest extends StackTest {

  static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  static final TeamMember SECOND = new TeamMember("designer.two", Set.of("designers"));
  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));

  @Autowired Drafts drafts;
  @Autowired Publishing publishing;
  @Autowired RepositoryService repository;

  @Test
  void twoApprovalsThenDeployedWithAVersionTag() {
    String key = "homefirst-reablement-service";
    Drafts.Draft draft = drafts.start(DESIGNER, key);
    publishing.submit(DESIGNER, draft.id());
    assertThat(drafts.find(draft.id()).orElseThrow().state()).isEqualTo(Drafts.State.IN_REVIEW);
    assertThatThrownBy(() -> drafts.save(DESIGNER, draft.id(), 1, draft.xml())).isInstanceOf(DraftConflict.class)
        .hasMessageContaining("in-review");

    assertThatThrownBy(() -> publishing.approveDesign(DESIGNER, draft.id())).isInstanceOf(ReviewRefused.class)
        .hasMessage("A second designer approves the design: you submitted this draft.");
    assertThatThrownBy(() -> publishing.approvePublishing(SECOND, draft.id())).isInstanceOf(DesignerRefused.class)
        .hasMessage("Only managers approve publishing");
    assertThatThrownBy(() -> publishing.approveDesign(MANAGER, draft.id())).isInstanceOf(DesignerRefused.class);
    publishing.approveDesign(SECOND, draft.id());
    assertThat(drafts.find(draft.id()).orElseThrow().state()).as("a manager has not approved yet")
        .isEqualTo(Drafts.State.IN_REVIEW);
    assertThatThrownBy(() -> publishing.deploy(DESIGNER, draft.id(), "t1")).isInstanceOf(ReviewRefused.class)
        .hasMessage("This draft is in-review: it cannot be deployed now.");
    publishing.approvePublishing(MANAGER, draft.id());
    assertThat(drafts.find(draft.id()).orElseThrow().state()).isEqualTo(Drafts.State.APPROVED);

    assertThatThrownBy(() -> publishing.deploy(DESIGNER, draft.id(), "no spaces please"))
        .isInstanceOf(ReviewRefused.class);
    String definitionId = publishing.deploy(DESIGNER, draft.id(), "2026-12-test");
    try {
      DecisionDefinition latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
          .singleResult();
      assertThat(latest.getId()).isEqualTo(definitionId);
      assertThat(latest.getVersionTag()).isEqualTo("2026-12-test");
      assertThat(repository.createDeploymentQuery().deploymentId(latest.getDeploymentId()).singleResult().getName())
          .isEqualTo(ModelCatalog.WORKSPACE_DEPLOYMENT);
      assertThat(drafts.find(draft.id()).orElseThrow().state()).isEqualTo(Drafts.State.PUBLISHED);
      assertThat(publishing.steps(MANAGER, draft.id())).extracting(Publishing.Step::step, Publishing.Step::by)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("submitted", "designer"),
              org.assertj.core.groups.Tuple.tuple("design-approved", "designer.two"),
              org.assertj.core.groups.Tuple.tuple("publishing-approved", "manager"),
              org.assertj.core.groups.Tuple.tuple("deployed", "designer"));
      assertThat(db.sql("select count(*) from audit_event where action = 'DEPLOY_MODEL' and detail like ?")
          .param(key + " 2026-12-test%").query(Integer.class).single()).isEqualTo(1);
    } finally {
      repository.deleteDeployment(repository.getDecisionDefinition(definitionId).getDeploymentId());
    }
  }

  @Test
  void aDraftTheEngineRefusesNeverReachesReview() {
    Drafts.Draft draft = drafts.start(DESIGNER, "homefirst-s117-apportionment");
    drafts.save(DESIGNER, draft.id(), 1, draft.xml().replaceFirst("<decisionTable", "<decisionTable hitPolicy=\"X\""));
    assertThatThrownBy(() -> publishing.submit(DESIGNER, draft.id())).isInstanceOf(ReviewRefused.class)
        .hasMessageStartingWith("The engine refuses this draft: ");
    assertThat(drafts.find(draft.id()).orElseThrow().state()).isEqualTo(Drafts.State.DRAFT);
  }

  @Test
  void sentBackVoidsTheApprovals() {
    Drafts.Draft draft = drafts.start(DESIGNER, "homefirst-voluntary-service");
    publishing.submit(DESIGNER, draft.id());
    publishing.approveDesign(SECOND, draft.id());
    publishing.sendBack(MANAGER, draft.id(), "wait for the new contract");
    assertThat(drafts.find(draft.id()).orElseThrow().state()).isEqualTo(Drafts.State.DRAFT);
    publishing.submit(DESIGNER, draft.id());
    publishing.approvePublishing(MANAGER, draft.id());
    assertThat(drafts.find(draft.id()).orElseThrow().state()).as("the earlier design approval no longer counts")
        .isEqualTo(Drafts.State.IN_REVIEW);
  }

  @Test
  void theVersionTagGoesOnTheModelOfTheKey() {
    String xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
        + "<bpmn:process id=\"p\" isExecutable=\"true\"/><bpmn:process id=\"q\"/></bpmn:definitions>";
    String tagged = Publishing.tagged(xml, "p", "v7");
    assertThat(tagged).contains("versionTag=\"v7\"").contains("http://camunda.org/schema/1.0/bpmn");
    assertThat(tagged.indexOf("versionTag")).isLessThan(tagged.indexOf("id=\"q\""));
    String dmn = Publishing.tagged("<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\">"
        + "<decision id=\"d\"/></definitions>", "d", "v8");
    assertThat(dmn).contains("http://camunda.org/schema/1.0/dmn").contains("versionTag=\"v8\"");
  }
}
