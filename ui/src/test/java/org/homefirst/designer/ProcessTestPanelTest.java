package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;

/**
 * The "Run process tests" panel of a draft: while a run goes on it says so (and offers no second
 * run), to the designer who started it and to another designer on another draft; the XML it runs
 * is the editor's. The run itself is held back (no JVM starts), so this needs no stack.
 */
class ProcessTestPanelTest {

  static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  static final TeamMember SECOND = new TeamMember("designer.two", Set.of("designers"));

  private final List<Runnable> held = new ArrayList<>();
  private final ProcessTestRuns runs = new ProcessTestRuns(new DesignerAccess(null), Clock.systemUTC(), held::add);

  private static Drafts.Draft draft(String model) {
    return new Drafts.Draft(UUID.randomUUID(), "homefirst-" + model, ModelCatalog.Kind.PROCESS,
        "homefirst/" + model + ".bpmn", "homefirst-" + model + ":1:1", 1, "<saved/>", 1, Drafts.State.DRAFT,
        "designer", Instant.now(), "designer", Instant.now());
  }

  @Test
  void aRunGoingOnIsShownAndNoSecondRunIsOffered() {
    ProcessTestPanel mine = new ProcessTestPanel(runs, DESIGNER, draft("pathway-1"), then -> then.accept("<edited/>"));
    ProcessTestPanel theirs = new ProcessTestPanel(runs, SECOND, draft("chc"), then -> then.accept("<other/>"));

    mine.run.click();
    assertThat(held).hasSize(1);
    assertThat(runs.latest()).hasValueSatisfying(r -> assertThat(r.model()).isEqualTo("pathway-1.bpmn"));
    assertThat(mine.status.getText()).isEqualTo("Finding the tests…");
    assertThat(mine.run.isEnabled()).isFalse();

    theirs.refresh();
    assertThat(theirs.status.getText()).isEqualTo("A run for designer's draft of pathway-1.bpmn is going on.");
    assertThat(theirs.run.isEnabled()).isFalse();
    theirs.start("<other/>");
    assertThat(theirs.status.getText()).startsWith("The process tests are already running, for designer's draft");
    assertThat(held).as("no second run started").hasSize(1);
  }
}
