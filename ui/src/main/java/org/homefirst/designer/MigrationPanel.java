package org.homefirst.designer;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import java.util.function.Consumer;
import org.homefirst.inbox.TeamMember;

/**
 * Moving a model's running journeys to another version, on the model page: choose the versions,
 * see the plan (what maps, what cannot) and each journey with whether it can move and why not,
 * then, for a designer, move the eligible ones after a confirmation, with progress batch by batch
 * and the report. Nothing moves without that request.
 */
class MigrationPanel extends VerticalLayout {

  private final JourneyMigration migration;
  private final DesignerAccess access;
  private final TeamMember me;
  private final String modelKey;
  final Select<JourneyMigration.Version> from = new Select<>();
  final Select<JourneyMigration.Version> to = new Select<>();
  final Paragraph summary = new Paragraph();
  final Grid<JourneyMigration.Journey> journeys = new Grid<>();
  final Grid<JourneyMigration.Mapping> mapped = new Grid<>();
  final Grid<JourneyMigration.NotMapped> notMapped = new Grid<>();
  final Div plan = new Div();
  final Button migrate = new Button();
  final ProgressBar progress = new ProgressBar();
  final Paragraph status = new Paragraph();
  final Grid<JourneyMigration.Result> report = new Grid<>();
  ConfirmDialog confirm;
  /** Off in tests: the run then happens in the caller's thread, the page updated as it goes. */
  boolean inBackground = true;
  private JourneyMigration.Plan shown;
  /** While the version lists are refreshed: no plan per change. */
  private boolean quiet;

  MigrationPanel(JourneyMigration migration, DesignerAccess access, TeamMember me, String modelKey,
      String fromDefinitionId) {
    this.migration = migration;
    this.access = access;
    this.me = me;
    this.modelKey = modelKey;
    setPadding(false);
    setWidthFull();
    add(new H3("Move running journeys to another version"));
    List<JourneyMigration.Version> versions = migration.versions(me, modelKey);
    if (versions.size() < 2) {
      add(new Paragraph("Only one version of " + modelKey + " is deployed: there is no other version to move "
          + "journeys to."));
      return;
    }
    Paragraph how = new Paragraph("Journeys stay on the version they started on unless you move them. A journey "
        + "can move when every step it is at exists in the new version and the engine accepts the move; it then "
        + "carries on along the new version's path, with its open tasks and clocks.");
    how.getStyle().set("color", "var(--lumo-secondary-text-color)");
    from.setLabel("From version");
    to.setLabel("To version");
    for (Select<JourneyMigration.Version> s : List.of(from, to)) {
      s.setItems(versions);
      s.setItemLabelGenerator(v -> v.label() + " (" + v.running() + (v.running() == 1 ? " journey)" : " journeys)"));
    }
    to.setValue(versions.getFirst());
    from.setValue(versions.stream().filter(v -> v.definitionId().equals(fromDefinitionId)).findFirst()
        .orElse(versions.stream().skip(1).filter(v -> v.running() > 0).findFirst().orElse(versions.get(1))));
    from.addValueChangeListener(e -> {
      if (!quiet) {
        show();
      }
    });
    to.addValueChangeListener(e -> {
      if (!quiet) {
        show();
      }
    });

    summary.getElement().setAttribute("role", "status");
    journeys.addColumn(j -> j.referralId() == null ? "not a referral's journey (" + j.processInstanceId() + ")"
        : "referral " + j.referralId()).setHeader("Journey").setAutoWidth(true);
    journeys.addColumn(j -> String.join(", ", j.waitingAt())).setHeader("Waiting at").setFlexGrow(2);
    journeys.addColumn(j -> j.eligible() ? "Can move" : "Stays: " + j.reason()).setHeader("Can it move?")
        .setFlexGrow(3);
    journeys.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    journeys.setAllRowsVisible(true);
    journeys.getElement().setAttribute("aria-label", "Journeys on the old version and whether each can move");
    mapped.addColumn(m -> m.name() == null ? m.sourceId() : m.name() + " (" + m.sourceId() + ")")
        .setHeader("Step in both versions").setFlexGrow(2);
    mapped.addThemeVariants(GridVariant.LUMO_COMPACT);
    mapped.setAllRowsVisible(true);
    mapped.getElement().setAttribute("aria-label", "Steps journeys move from and to");
    notMapped.addColumn(n -> n.name() == null ? n.elementId() : n.name() + " (" + n.elementId() + ")")
        .setHeader("Step of the old version").setAutoWidth(true);
    notMapped.addColumn(JourneyMigration.NotMapped::why).setHeader("Why journeys there cannot move").setFlexGrow(3);
    notMapped.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    notMapped.setAllRowsVisible(true);
    notMapped.getElement().setAttribute("aria-label", "Steps that cannot be mapped to the new version");

    migrate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    migrate.addClickListener(e -> askToConfirm());
    progress.setVisible(false);
    progress.getElement().setAttribute("aria-label", "Batches moved so far");
    status.getElement().setAttribute("role", "status");
    report.addColumn(r -> r.referralId() == null ? "not a referral's journey (" + r.processInstanceId() + ")"
        : "referral " + r.referralId())
        .setHeader("Journey").setAutoWidth(true);
    report.addColumn(r -> r.outcome().code).setHeader("Outcome").setAutoWidth(true);
    report.addColumn(r -> r.batch() == null ? "" : String.valueOf(r.batch())).setHeader("Batch").setAutoWidth(true);
    report.addColumn(r -> r.reason() == null ? "" : r.reason()).setHeader("Reason").setFlexGrow(3);
    report.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    report.setAllRowsVisible(true);
    report.setVisible(false);
    report.getElement().setAttribute("aria-label", "Outcome of the move, journey by journey");

    plan.setWidthFull();
    HorizontalLayout choose = new HorizontalLayout(from, to);
    choose.setAlignItems(Alignment.BASELINE);
    add(how, choose, summary, plan, migrate, progress, status, report);
    show();
  }

  /** The plan and the journeys for the chosen versions. */
  void show() {
    plan.removeAll();
    migrate.setVisible(false);
    JourneyMigration.Version source = from.getValue();
    JourneyMigration.Version target = to.getValue();
    if (source == null || target == null || source.definitionId().equals(target.definitionId())) {
      shown = null;
      summary.setText("Choose two different versions.");
      return;
    }
    try {
      shown = migration.plan(me, source.definitionId(), target.definitionId());
    } catch (DesignerRefused | ReviewRefused refused) {
      shown = null;
      summary.setText(refused.getMessage() + ".");
      return;
    }
    int eligible = shown.eligible().size();
    if (shown.journeys().isEmpty()) {
      summary.setText("No journeys run on version " + source.version() + ".");
    } else {
      summary.setText(eligible + " of " + count(shown.journeys().size()) + " on version " + source.version()
          + " can move to version " + target.version() + ".");
      journeys.setItems(shown.journeys());
      plan.add(journeys);
    }
    plan.add(new H4("The plan"));
    mapped.setItems(shown.mapped());
    plan.add(shown.mapped().isEmpty() ? new Paragraph("No step of version " + source.version()
        + " has a match in version " + target.version() + ".") : mapped);
    if (!shown.notMapped().isEmpty()) {
      notMapped.setItems(shown.notMapped());
      plan.add(notMapped);
    }
    if (!shown.added().isEmpty()) {
      plan.add(new Paragraph("New in version " + target.version() + ": " + String.join(", ", shown.added()) + "."));
    }
    migrate.setText("Migrate " + eligible + " eligible " + (eligible == 1 ? "journey" : "journeys"));
    migrate.setVisible(access.mayEdit(me) && eligible > 0);
  }

  private void askToConfirm() {
    if (shown == null) {
      return;
    }
    List<String> ids = shown.eligible().stream().map(JourneyMigration.Journey::processInstanceId).toList();
    int n = ids.size();
    confirm = new ConfirmDialog();
    confirm.setHeader("Move " + count(n) + " to version " + shown.to().version() + "?");
    confirm.setText("They carry on along version " + shown.to().version() + "'s path from where they are. "
        + "Journeys that cannot move stay on version " + shown.from().version() + ". The move is recorded and "
        + "cannot be undone here.");
    confirm.setCancelable(true);
    confirm.setCancelText("Go back");
    confirm.setConfirmText("Move " + count(n));
    confirm.addConfirmListener(e -> run(ids));
    confirm.open();
  }

  /** Moves the journeys, batch by batch, showing progress; the report at the end. */
  void run(List<String> ids) {
    String fromId = shown.from().definitionId();
    String toId = shown.to().definitionId();
    migrate.setEnabled(false);
    from.setEnabled(false);
    to.setEnabled(false);
    progress.setValue(0);
    progress.setVisible(true);
    report.setVisible(false);
    status.setText("Moving " + count(ids.size()) + " in batches of " + migration.batchSize() + "…");
    Consumer<Runnable> onPage = inBackground ? onPageOf(UI.getCurrent()) : Runnable::run;
    Runnable work = () -> {
      try {
        JourneyMigration.Report done = migration.migrate(me, fromId, toId, ids, p -> onPage.accept(() -> {
          progress.setValue((double) p.batchesDone() / p.batches());
          status.setText("Batch " + p.batchesDone() + " of " + p.batches() + " done: " + p.moved() + " moved, "
              + p.failed() + " failed so far.");
        }));
        onPage.accept(() -> finished(done));
      } catch (RuntimeException e) {
        onPage.accept(() -> {
          status.setText("The move did not run: " + e.getMessage());
          from.setEnabled(true);
          to.setEnabled(true);
          migrate.setEnabled(true);
        });
      }
    };
    if (inBackground) {
      Thread.ofVirtual().name("journey-migration").start(work);
    } else {
      work.run();
    }
  }

  private void finished(JourneyMigration.Report done) {
    progress.setVisible(false);
    status.setText("Done in " + done.batches() + (done.batches() == 1 ? " batch: " : " batches: ")
        + done.count(JourneyMigration.Outcome.MOVED) + " moved, " + done.count(JourneyMigration.Outcome.REFUSED)
        + " refused, " + done.count(JourneyMigration.Outcome.FAILED) + " failed (run " + done.runId() + ").");
    report.setItems(done.results());
    report.setVisible(true);
    from.setEnabled(true);
    to.setEnabled(true);
    migrate.setEnabled(true);
    List<JourneyMigration.Version> versions = migration.versions(me, modelKey);
    JourneyMigration.Version source = versions.stream()
        .filter(v -> v.definitionId().equals(from.getValue().definitionId())).findFirst().orElse(from.getValue());
    JourneyMigration.Version target = versions.stream()
        .filter(v -> v.definitionId().equals(to.getValue().definitionId())).findFirst().orElse(to.getValue());
    quiet = true;
    from.setItems(versions);
    to.setItems(versions);
    from.setValue(source);
    to.setValue(target);
    quiet = false;
    show();
  }

  private static Consumer<Runnable> onPageOf(UI ui) {
    return r -> ui.access(r::run);
  }

  private static String count(int journeys) {
    return journeys + (journeys == 1 ? " journey" : " journeys");
  }
}
