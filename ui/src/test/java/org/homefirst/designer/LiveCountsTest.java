package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.homefirst.StackTest;
import org.homefirst.inbox.FormCatalog;
import org.homefirst.inbox.FormDefinition;
import org.homefirst.inbox.TeamMember;
import org.homefirst.inbox.Teams;
import org.homefirst.journey.BpmnViewer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The editor's server-side helpers on the real stack: the live counts of the deployed diagram
 * (the console's step heat, readable by designers and managers, refused to others) and the lists
 * the properties panel offers (the inbox's forms, the known teams).
 */
class LiveCountsTest extends StackTest {

  private static final TeamMember DESIGNER = new TeamMember("designer", Set.of("designers"));
  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));
  private static final String JOURNEY = "homefirst-discharge-journey";

  @Autowired LiveCounts live;
  @Autowired EditorChoices choices;
  @Autowired FormCatalog forms;

  @Test
  void aNewReferralShowsAsWaitingAtTriageOnTheDesignersDiagram() {
    int before = waitingAtTriage(live.of(DESIGNER, JOURNEY));
    refer(validNhsNumber(), "lbr", "bhrut-queens");
    LiveCounts.Counts counts = eventually("the new journey waits at triage",
        () -> {
          LiveCounts.Counts c = live.of(DESIGNER, JOURNEY);
          return waitingAtTriage(c) > before ? c : null;
        });
    assertThat(counts.to()).isEqualTo(counts.from().plusDays(LiveCounts.DAYS - 1));
    assertThat(counts.waiting()).isGreaterThanOrEqualTo(waitingAtTriage(counts));
    BpmnViewer.Overlay triage = LiveCounts.overlays(counts).stream()
        .filter(o -> o.elementId().equals("Task_Triage")).findFirst().orElseThrow();
    assertThat(triage.text()).startsWith(waitingAtTriage(counts) + " waiting · avg ");
    assertThat(triage.level()).isBetween(1, 4);
    assertThat(live.of(MANAGER, JOURNEY).steps()).as("managers approve publishing, and see the same")
        .extracting(LiveCounts.Step::elementId).contains("Task_Triage");
  }

  @Test
  void someoneOutsideTheWorkspaceIsRefused() {
    assertThatThrownBy(() -> live.of(JAD, JOURNEY)).isInstanceOf(DesignerRefused.class);
  }

  @Test
  void overlaysWordTheFiguresAndShadeOnlyWhereJourneysWait() {
    LiveCounts.Counts counts = new LiveCounts.Counts(LocalDate.of(2026, 10, 5), LocalDate.of(2026, 11, 30), List.of(
        new LiveCounts.Step("Task_A", "A", 4, 10, Duration.ofHours(27)),
        new LiveCounts.Step("Task_B", "B", 1, 0, null),
        new LiveCounts.Step("Task_C", "C", 0, 3, Duration.ofMinutes(95))));
    assertThat(LiveCounts.overlays(counts)).containsExactly(
        new BpmnViewer.Overlay("Task_A", "4 waiting · avg 1 d 3 h", 4),
        new BpmnViewer.Overlay("Task_B", "1 waiting · avg –", 1),
        new BpmnViewer.Overlay("Task_C", "0 waiting · avg 1 h 35 m", 0));
    LiveDiagram empty = new LiveDiagram("Pathway 1", "<definitions/>",
        new LiveCounts.Counts(counts.from(), counts.to(), List.of()));
    assertThat(empty.legend.getText()).isEqualTo(
        "No journey is waiting at a step of this model now, and none passed through one from 5 Oct 2026 to 30 Nov 2026.");
  }

  @Test
  void theFormKeyListOffersEveryFormTheInboxKnowsAndTheTeams() {
    assertThat(choices.forms()).containsOnlyKeys(forms.all().stream().map(FormDefinition::formKey).toArray(String[]::new));
    FormDefinition any = forms.all().iterator().next();
    assertThat(choices.forms()).containsEntry(any.formKey(), any.title());
    assertThat(choices.teams().keySet()).containsExactlyElementsOf(Teams.ids());
    assertThat(choices.teams()).containsEntry("designers", "Service designers");
  }

  private static int waitingAtTriage(LiveCounts.Counts counts) {
    return counts.steps().stream().filter(s -> s.elementId().equals("Task_Triage")).mapToInt(LiveCounts.Step::waitingNow)
        .sum();
  }
}
