package org.homefirst.designer;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.shared.Registration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.homefirst.inbox.TeamMember;

/**
 * "Run process tests" in a draft: starts {@link ProcessTestRuns} on the XML in the editor, shows
 * progress (tests done of total) while the page polls, then every test's result in words, failures
 * first with the assertion's message. Someone else's run going on is shown, not interrupted.
 */
class ProcessTestPanel extends VerticalLayout {

  private static final int POLL_MILLIS = 1000;

  private final ProcessTestRuns runs;
  private final TeamMember me;
  private final Drafts.Draft draft;
  final Button run = new Button("Run process tests");
  final Paragraph status = new Paragraph();
  final ProgressBar progress = new ProgressBar();
  final Grid<ProcessTestRuns.Outcome> results = new Grid<>();
  private Registration polling;

  /** The draft, and how to get the XML in the editor now (saved or not). */
  ProcessTestPanel(ProcessTestRuns runs, TeamMember me, Drafts.Draft draft, Consumer<Consumer<String>> currentXml) {
    this.runs = runs;
    this.me = me;
    this.draft = draft;
    setPadding(false);
    status.getElement().setAttribute("role", "status");
    progress.getElement().setAttribute("aria-label", "Process tests done");
    progress.setVisible(false);
    results.addColumn(o -> o.passed() ? "Passed" : "Failed").setHeader("Result").setAutoWidth(true).setFlexGrow(0);
    results.addColumn(ProcessTestRuns.Outcome::testClass).setHeader("Test class").setAutoWidth(true);
    results.addColumn(ProcessTestRuns.Outcome::test).setHeader("Test").setAutoWidth(true);
    results.addColumn(o -> o.why() == null ? "" : o.why()).setHeader("Why it failed").setFlexGrow(3);
    results.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    results.setAllRowsVisible(true);
    results.getElement().setAttribute("aria-label", "Process test results, failures first");
    results.setVisible(false);
    run.addClickListener(e -> currentXml.accept(this::start));
    add(new H3("Process tests"), new Paragraph("Runs the tests written for " + draft.resourceName()
        + " and the journeys that call it, against this draft, on a test engine of their own."), run, status,
        progress, results);
    refresh();
  }

  void start(String xml) {
    try {
      runs.start(me, draft.withXml(xml));
      watch();
      refresh();
    } catch (ReviewRefused | DesignerRefused refused) {
      status.setText(refused.getMessage() + ".");
    }
  }

  /** Shows the latest run: this draft's, or that someone else's is going on. */
  void refresh() {
    ProcessTestRuns.Run latest = runs.latest().orElse(null);
    if (latest == null) {
      return;
    }
    boolean ours = latest.draftId().equals(draft.id());
    if (!ours) {
      if (!latest.finished()) {
        status.setText("A run for " + latest.startedBy() + "'s draft of " + latest.model() + " is going on.");
      }
      run.setEnabled(latest.finished());
      return;
    }
    run.setEnabled(latest.finished());
    int total = latest.total();
    int done = latest.done();
    if (!latest.finished()) {
      status.setText(total < 0 ? "Finding the tests…" : done + " of " + total + " tests done, "
          + latest.failures().size() + " failed so far.");
      progress.setVisible(total > 0);
      if (total > 0) {
        progress.setMax(total);
        progress.setValue(done);
      }
    } else {
      progress.setVisible(false);
      int failed = latest.failures().size();
      String summary = total == 0 ? "No process tests exercise this model."
          : failed == 0 ? "All " + done + " tests passed against this draft."
          : failed + " of " + done + " tests failed against this draft: see why below.";
      status.setText(latest.problem() == null ? summary : latest.problem() + ". " + summary);
    }
    List<ProcessTestRuns.Outcome> outcomes = new ArrayList<>(latest.outcomes());
    outcomes.sort(Comparator.comparing(ProcessTestRuns.Outcome::passed));
    results.setItems(outcomes);
    results.setVisible(!outcomes.isEmpty());
    if (latest.finished()) {
      stopWatching();
    }
  }

  private void watch() {
    getUI().ifPresent(ui -> {
      if (polling == null) {
        ui.setPollInterval(POLL_MILLIS);
        polling = ui.addPollListener(e -> refresh());
      }
    });
  }

  private void stopWatching() {
    if (polling != null) {
      polling.remove();
      polling = null;
      getUI().ifPresent(ui -> ui.setPollInterval(-1));
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    runs.latest().filter(r -> !r.finished()).ifPresent(r -> watch());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (polling != null) {
      polling.remove();
      polling = null;
      event.getUI().setPollInterval(-1);
    }
  }
}
