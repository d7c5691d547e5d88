package org.homefirst.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One draft in the designer workspace: the editor (bpmn-js with the properties panel, or dmn-js
 * for a decision table), saving a new revision, and the checks: Home First's lint rules and
 * a deployment on the scratch engine, each problem listed in words and, for BPMN, marked on the
 * diagram and selectable from the list.
 */
@Route(value = "designer/draft/:draftId", layout = MainLayout.class)
@PageTitle("Draft | Designer workspace | Home First")
@PermitAll
public class DraftView extends VerticalLayout implements BeforeEnterObserver {

  /** A problem as listed: where it comes from (a Home First rule or the engine), its element, the words. */
  record Finding(String source, String elementId, String message) {}

  private final Drafts drafts;
  private final ModelLint lint;
  private final DraftValidation validation;
  private final DesignerAccess access;
  private final Publishing publishing;
  private final EditorChoices choices;
  private final TeamMember me;
  /** The last Check's findings and the browser's lint findings, listed together. */
  private List<Finding> checked = List.of();
  private List<Finding> linted = List.of();
  final Paragraph about = new Paragraph();
  final Paragraph outcome = new Paragraph();
  final Grid<Finding> findings = new Grid<>();
  final Button save = new Button("Save revision");
  final Button check = new Button("Check");
  final Button submit = new Button("Submit for review");
  final Button approveDesign = new Button("Approve the design");
  final Button approvePublishing = new Button("Approve publishing");
  final Button sendBack = new Button("Send back");
  final TextField versionTag = new TextField("Version tag");
  final Button deploy = new Button("Deploy");
  final Grid<Publishing.Step> review = new Grid<>();
  /** After a deploy: to the model page, to move journeys running on the draft's base version. */
  final Anchor moveJourneys = new Anchor();
  ModelEditor editor;
  DraftDiff diff;
  private ReviewChanges reviewChanges;
  private ModelExport modelExport;
  DecisionEditor decisions;
  Drafts.Draft draft;
  private ProcessTestRuns processTests;
  ProcessTestPanel tests;

  public DraftView(Drafts drafts, ModelLint lint, DraftValidation validation, DesignerAccess access,
      Publishing publishing, EditorChoices choices) {
    this.publishing = publishing;
    this.choices = choices;
    this.drafts = drafts;
    this.lint = lint;
    this.validation = validation;
    this.access = access;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    outcome.getElement().setAttribute("role", "status");
    findings.addColumn(Finding::source).setHeader("Found by").setAutoWidth(true).setFlexGrow(0);
    findings.addColumn(f -> f.elementId() == null ? "the whole model" : f.elementId()).setHeader("Element")
        .setAutoWidth(true);
    findings.addColumn(Finding::message).setHeader("Problem").setFlexGrow(3);
    findings.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
    findings.setAllRowsVisible(true);
    findings.getElement().setAttribute("aria-label", "Problems found; choose one to select its element");
    findings.addSelectionListener(e -> e.getFirstSelectedItem().filter(f -> f.elementId() != null && editor != null)
        .ifPresent(f -> editor.select(f.elementId())));
    findings.setVisible(false);
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClickListener(e -> withXml(this::save));
    check.addClickListener(e -> withXml(this::check));
    submit.addClickListener(e -> {
      step(() -> publishing.submit(me, draft.id()), "Submitted for review.");
      if (diff != null && draft.state() == Drafts.State.IN_REVIEW) {
        outcome.setText(outcome.getText() + diff.warningNote());
      }
    });
    approveDesign.addClickListener(e -> step(() -> publishing.approveDesign(me, draft.id()), "Design approved."));
    approvePublishing.addClickListener(e -> step(() -> publishing.approvePublishing(me, draft.id()),
        "Publishing approved."));
    sendBack.addClickListener(e -> step(() -> publishing.sendBack(me, draft.id(), null), "Sent back to draft."));
    versionTag.setHelperText("Letters, digits, dots and hyphens, e.g. 2026-12-reablement");
    deploy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    deploy.addClickListener(e -> step(() -> publishing.deploy(me, draft.id(), versionTag.getValue()),
        "Deployed: new journeys use it."));
    review.addColumn(Publishing.Step::step).setHeader("Step").setAutoWidth(true);
    review.addColumn(Publishing.Step::by).setHeader("By").setAutoWidth(true);
    review.addColumn(s -> Formats.dateTime(s.at())).setHeader("When").setAutoWidth(true);
    review.addColumn(s -> s.note() == null ? "" : s.note()).setHeader("Note").setFlexGrow(2);
    review.addThemeVariants(GridVariant.LUMO_COMPACT);
    review.setAllRowsVisible(true);
    review.getElement().setAttribute("aria-label", "Review of this draft, step by step");
    setWidthFull();
  }

  /** Set by Spring on the route (tests that build the view by hand go without). */
  @Autowired
  void processTests(ProcessTestRuns runs) {
    this.processTests = runs;
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    removeAll();
    add(new H2("Draft"));
    UUID id;
    try {
      id = UUID.fromString(event.getRouteParameters().get("draftId").orElse(""));
    } catch (IllegalArgumentException e) {
      add(new Paragraph("There is no such draft."));
      return;
    }
    open(id);
  }

  /** Shows the draft with this id (or says why not). */
  void open(UUID id) {
    try {
      draft = drafts.open(me, id).orElse(null);
    } catch (DesignerRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    if (draft == null) {
      add(new Paragraph("There is no such draft."));
      return;
    }
    show();
    if (draft.kind() == ModelCatalog.Kind.PROCESS) {
      editor = new ModelEditor(draft.xml());
      editor.onChange(() -> outcome.setText("Changed since revision " + draft.revision() + ": not saved yet."));
      choices.offerTo(editor);
      editor.onLint(found -> {
        linted = found.stream().map(l -> new Finding(l.source() + " " + l.rule(), l.elementId(), l.message())).toList();
        listFindings();
      });
      add(editor);
    } else {
      decisions = new DecisionEditor(draft.xml());
      decisions.onChange(() -> outcome.setText("Changed since revision " + draft.revision() + ": not saved yet."));
      add(decisions);
    }
    HorizontalLayout actions = new HorizontalLayout(save, check, submit, approveDesign, approvePublishing, sendBack,
        versionTag, deploy);
    actions.setAlignItems(Alignment.BASELINE);
    actions.setWrap(true);
    add(actions, outcome, new H3("Problems"), findings, new H3("Review"), review);
    addComponentAtIndex(indexOf(outcome) + 1, moveJourneys);
    if (reviewChanges != null) {
      diff = new DraftDiff(reviewChanges, modelExport, me);
      add(diff);
    }
    if (processTests != null && access.mayEdit(me)) {
      tests = new ProcessTestPanel(processTests, me, draft, this::withXml);
      add(tests);
    }
    showActions();
  }

  /** Only the actions this member may take in the draft's state. */
  private void showActions() {
    boolean designer = access.mayEdit(me);
    Drafts.State state = draft.state();
    save.setVisible(designer && state == Drafts.State.DRAFT);
    submit.setVisible(designer && state == Drafts.State.DRAFT);
    approveDesign.setVisible(designer && state == Drafts.State.IN_REVIEW);
    approvePublishing.setVisible(access.mayApprovePublishing(me) && state == Drafts.State.IN_REVIEW);
    sendBack.setVisible(state == Drafts.State.IN_REVIEW || state == Drafts.State.APPROVED);
    versionTag.setVisible(designer && state == Drafts.State.APPROVED);
    deploy.setVisible(designer && state == Drafts.State.APPROVED);
    review.setItems(publishing.steps(me, draft.id()));
    moveJourneys.setVisible(designer && state == Drafts.State.PUBLISHED && draft.kind() == ModelCatalog.Kind.PROCESS);
    moveJourneys.setText("Move journeys running on version " + draft.baseVersion() + " to the new version…");
    moveJourneys.setHref("designer?model=" + draft.modelKey() + "&migrateFrom="
        + java.net.URLEncoder.encode(draft.baseDefinitionId(), java.nio.charset.StandardCharsets.UTF_8));
    if (diff != null) {
      diff.show(draft);
    }
  }

  /** The review diff and export ({@link DraftDiff}); set by Spring, absent when a test builds the view without. */
  @Autowired
  void changes(ReviewChanges changes, ModelExport export) {
    this.reviewChanges = changes;
    this.modelExport = export;
  }

  private void step(Runnable action, String done) {
    try {
      action.run();
      draft = drafts.find(draft.id()).orElseThrow();
      outcome.setText(done);
      show();
      showActions();
    } catch (ReviewRefused | DesignerRefused | DraftConflict refused) {
      outcome.setText(refused.getMessage().endsWith(".") ? refused.getMessage() : refused.getMessage() + ".");
    }
  }

  private void show() {
    getChildren().filter(H2.class::isInstance).findFirst().ifPresent(h -> ((H2) h)
        .setText("Draft of " + draft.modelKey()));
    about.setText("Started from version " + draft.baseVersion() + " by " + draft.createdBy() + " · revision "
        + draft.revision() + " saved by " + draft.updatedBy() + ", " + Formats.dateTime(draft.updatedAt()) + " · "
        + draft.state().code);
    if (about.getParent().isEmpty()) {
      add(about);
    }
  }

  private void withXml(Consumer<String> then) {
    if (editor != null) {
      editor.currentXml(then);
    } else if (decisions != null) {
      decisions.currentXml(then);
    }
  }

  void save(String xml) {
    try {
      draft = drafts.save(me, draft.id(), draft.revision(), xml);
      outcome.setText("Saved as revision " + draft.revision() + ".");
      show();
      showActions();
    } catch (DraftConflict conflict) {
      outcome.setText(conflict.getMessage());
    } catch (DesignerRefused refused) {
      outcome.setText(refused.getMessage() + ".");
    }
  }

  private void listFindings() {
    List<Finding> all = new ArrayList<>(checked);
    all.addAll(linted);
    findings.setItems(all);
    findings.setVisible(!all.isEmpty());
  }

  /** Lint and scratch-engine validation of the XML as it is in the editor now (saved or not). */
  void check(String xml) {
    List<Finding> found = new ArrayList<>();
    DraftValidation.Result result;
    try {
      result = validation.validate(me, draft.withXml(xml));
    } catch (DesignerRefused refused) {
      outcome.setText(refused.getMessage() + ".");
      return;
    }
    if (draft.kind() == ModelCatalog.Kind.PROCESS) {
      lint.check(xml).forEach(p -> found.add(new Finding("Home First rule " + p.rule(), p.elementId(), p.message())));
    }
    result.errors().forEach(m -> found.add(new Finding("Engine", m.elementId(),
        m.line() > 0 ? m.text() + " (line " + m.line() + ")" : m.text())));
    result.warnings().forEach(m -> found.add(new Finding("Engine (warning)", m.elementId(), m.text())));
    checked = found;
    listFindings();
    if (editor != null) {
      editor.markProblems(found.stream().map(Finding::elementId).filter(java.util.Objects::nonNull).toList());
    }
    outcome.setText((result.deployable() ? "The engine accepts it" : "The engine refuses it")
        + (result.deployedWith().isEmpty() ? "" : " (tried with " + String.join(", ", result.deployedWith()) + ")")
        + "; " + (found.isEmpty() ? "no problems." : found.size() + (found.size() == 1 ? " problem" : " problems")
        + " listed below."));
  }
}
