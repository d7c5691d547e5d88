package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.RepositoryService;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Drafts in PostgreSQL: every revision kept with who saved it; a save that would overwrite a
 * revision the designer has not seen, or ignore a deployment made since the draft started, is
 * refused with the conflict in words; only designers change drafts.
 */
class DraftsTest extends StackTest {

  static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  static final TeamMember SECOND = new TeamMember("designer.two", Set.of("designers"));
  static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));

  @Autowired Drafts drafts;
  @Autowired RepositoryService repository;

  @Test
  void everyRevisionIsKeptWithWhoSavedIt() {
    Drafts.Draft draft = drafts.start(DESIGNER, "homefirst-pathway-1");
    assertThat(draft.revision()).isEqualTo(1);
    assertThat(draft.state()).isEqualTo(Drafts.State.DRAFT);
    assertThat(draft.resourceName()).isEqualTo("pathway-1.bpmn");
    String original = draft.xml();
    assertThat(original).contains("homefirst-pathway-1");

    String changed = original.replace("</bpmn:definitions>", "<!-- one -->\n</bpmn:definitions>");
    draft = drafts.save(DESIGNER, draft.id(), 1, changed);
    draft = drafts.save(SECOND, draft.id(), 2, changed.replace("one", "two"));

    assertThat(draft.revision()).isEqualTo(3);
    assertThat(draft.xml()).contains("<!-- two -->");
    assertThat(drafts.revisions(DESIGNER, draft.id())).extracting(Drafts.Revision::revision, Drafts.Revision::savedBy)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "designer"),
            org.assertj.core.groups.Tuple.tuple(2, "designer"), org.assertj.core.groups.Tuple.tuple(3, "designer.two"));
    assertThat(drafts.revisionXml(DESIGNER, draft.id(), 1)).contains(original);
    assertThat(drafts.revisionXml(DESIGNER, draft.id(), 2).orElseThrow()).contains("<!-- one -->");
    assertThat(drafts.list(MANAGER, "homefirst-pathway-1")).extracting(Drafts.Draft::id).contains(draft.id());
  }

  @Test
  void aSaveOverARevisionNotSeenIsAConflictNotAnOverwrite() {
    Drafts.Draft draft = drafts.start(DESIGNER, "homefirst-pathway-2");
    String xml = draft.xml();
    drafts.save(SECOND, draft.id(), 1, xml.replace("</bpmn:definitions>", "<!-- theirs -->\n</bpmn:definitions>"));

    assertThatThrownBy(() -> drafts.save(DESIGNER, draft.id(), 1, xml + "<!-- mine -->"))
        .isInstanceOfSatisfying(DraftConflict.class, conflict -> {
          assertThat(conflict.kind()).isEqualTo(DraftConflict.Kind.SAVED_MEANWHILE);
          assertThat(conflict.getMessage()).contains("designer.two saved revision 2", "not saved");
          assertThat(conflict.theirXml()).contains("<!-- theirs -->");
        });
    assertThat(drafts.find(draft.id()).orElseThrow().xml()).contains("<!-- theirs -->").doesNotContain("mine");
  }

  @Test
  void aDeploymentSinceTheDraftStartedIsAConflict() {
    // a decision table nobody else in the test run changes; deployed again with the same content
    String key = "homefirst-voluntary-service";
    Drafts.Draft draft = drafts.start(DESIGNER, key);
    String deploymentId = repository.createDeployment().name("drafts-test")
        .addInputStream(draft.resourceName(), new ByteArrayInputStream(draft.xml().getBytes(StandardCharsets.UTF_8)))
        .deploy().getId();
    try {
      assertThatThrownBy(() -> drafts.save(DESIGNER, draft.id(), 1, draft.xml()))
          .isInstanceOfSatisfying(DraftConflict.class, conflict -> {
            assertThat(conflict.kind()).isEqualTo(DraftConflict.Kind.BASE_CHANGED);
            assertThat(conflict.getMessage()).contains("was deployed as version " + (draft.baseVersion() + 1),
                "started from version " + draft.baseVersion());
          });
      assertThat(drafts.revisions(DESIGNER, draft.id())).hasSize(1);
    } finally {
      repository.deleteDeployment(deploymentId, true);
    }
  }

  @Test
  void onlyDesignersStartOrSaveDrafts() {
    assertThatThrownBy(() -> drafts.start(MANAGER, "homefirst-pathway-1")).isInstanceOf(DesignerRefused.class)
        .hasMessage("Only service designers change models");
    Drafts.Draft draft = drafts.start(DESIGNER, "homefirst-pathway-0");
    assertThatThrownBy(() -> drafts.save(JAD, draft.id(), 1, draft.xml())).isInstanceOf(DesignerRefused.class);
    assertThat(drafts.find(draft.id()).orElseThrow().revision()).isEqualTo(1);
  }
}
