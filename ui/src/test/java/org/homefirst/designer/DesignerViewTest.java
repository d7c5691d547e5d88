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
import org.homefirst.journey.BpmnViewer;
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
    assertThat(view.details.getChildren().anyMatch(BpmnViewer.class::isInstance)).as("the diagram").isTrue();
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
    DesignerView view = new DesignerView(catalog);
    UI.getCurrent().add(view);
    return view;
  }
}
