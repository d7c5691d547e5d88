package org.homefirst.designer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The designer workspace's first page: every BPMN and DMN model on the engine, and for the chosen
 * one (?model=key) its deployed versions, the journeys running on each, who calls it, and its
 * diagram. Service designers and managers only (DesignerAccess).
 */
@Route(value = "designer", layout = MainLayout.class)
@PageTitle("Designer workspace | Home First")
@PermitAll
public class DesignerView extends VerticalLayout implements BeforeEnterObserver {

  private final ModelCatalog catalog;
  private final Drafts drafts;
  private final DesignerAccess access;
  private final LiveCounts live;
  private final TeamMember me;
  final Grid<ModelCatalog.Model> models = new Grid<>();
  final Div details = new Div();
  final Grid<ModelCatalog.Version> versions = new Grid<>();
  final Grid<ModelCatalog.Reference> callers = new Grid<>();
  private List<ModelCatalog.Model> all = List.of();
  private final JourneyMigration migration;
  MigrationPanel migrationPanel;
  final Button moveJourneys = new Button("Move running journeys to another version…", e -> openMigration(null));

  public DesignerView(ModelCatalog catalog, Drafts drafts, DesignerAccess access, JourneyMigration migration,
      LiveCounts live) {
    this.migration = migration;
    this.live = live;
    this.catalog = catalog;
    this.drafts = drafts;
    this.access = access;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new H2("Designer workspace"));
    try {
      all = catalog.models(me);
    } catch (DesignerRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    Paragraph how = new Paragraph("Every journey model (BPMN) and decision table (DMN) deployed on the engine. "
        + "Choose one to see its versions, the journeys running on each version and the models that call it.");
    how.getStyle().set("color", "var(--lumo-secondary-text-color)");
    models.addColumn(ModelCatalog.Model::name).setHeader("Model").setFlexGrow(3).setSortable(true);
    models.addColumn(ModelCatalog.Model::key).setHeader("Key").setFlexGrow(2);
    models.addColumn(m -> m.kind().words).setHeader("Kind").setAutoWidth(true).setFlexGrow(0);
    models.addColumn(m -> "v" + m.latestVersion() + (m.latestTag() == null ? "" : " · " + m.latestTag()))
        .setHeader("Latest version").setAutoWidth(true).setFlexGrow(0);
    models.addColumn(m -> m.kind() == ModelCatalog.Kind.PROCESS ? String.valueOf(m.running()) : "–")
        .setHeader("Running (all versions)").setAutoWidth(true).setFlexGrow(0);
    models.addColumn(m -> m.calledFrom().isEmpty() ? "not called by another model" : m.calledFrom().stream()
        .map(ModelCatalog.Reference::fromKey).distinct().collect(Collectors.joining(", ")))
        .setHeader("Called from").setFlexGrow(3);
    models.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    models.setAllRowsVisible(true);
    models.getElement().setAttribute("aria-label", "Deployed models; choose one for its versions");
    models.setItems(all);
    models.addSelectionListener(e -> e.getFirstSelectedItem().ifPresent(m -> {
      if (e.isFromClient()) {
        getUI().ifPresent(ui -> ui.navigate("designer", QueryParameters.simple(Map.of("model", m.key()))));
      }
    }));

    versions.addColumn(v -> "v" + v.version()).setHeader("Version").setAutoWidth(true).setFlexGrow(0);
    versions.addColumn(v -> v.tag() == null ? "" : v.tag()).setHeader("Version tag").setAutoWidth(true);
    versions.addColumn(v -> Formats.dateTime(v.deployedAt())).setHeader("Deployed").setAutoWidth(true);
    versions.addColumn(ModelCatalog.Version::source).setHeader("From").setAutoWidth(true);
    versions.addColumn(v -> String.valueOf(v.running())).setHeader("Running on it").setAutoWidth(true);
    versions.addThemeVariants(GridVariant.LUMO_COMPACT);
    versions.setAllRowsVisible(true);
    versions.getElement().setAttribute("aria-label", "Deployed versions of the chosen model, newest first");
    callers.addColumn(ModelCatalog.Reference::fromKey).setHeader("Model").setAutoWidth(true);
    callers.addColumn(r -> r.elementName() == null ? r.elementId() : r.elementName() + " (" + r.elementId() + ")")
        .setHeader("Element").setFlexGrow(2);
    callers.addColumn(ModelCatalog.Reference::how).setHeader("How").setAutoWidth(true);
    callers.addThemeVariants(GridVariant.LUMO_COMPACT);
    callers.setAllRowsVisible(true);
    callers.getElement().setAttribute("aria-label", "Elements of other models that call the chosen model");
    details.setWidthFull();
    add(how, models, details);
    setWidthFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (getElement().getAttribute("data-refused") != null) {
      return;
    }
    var parameters = event.getLocation().getQueryParameters();
    choose(parameters.getSingleParameter("model").orElse(null));
    parameters.getSingleParameter("migrateFrom").ifPresent(this::openMigration);
  }

  /** The panel that moves the chosen model's running journeys, from that version (or a sensible one). */
  void openMigration(String fromDefinitionId) {
    models.getSelectedItems().stream().findFirst().filter(m -> m.kind() == ModelCatalog.Kind.PROCESS).ifPresent(m -> {
      if (migrationPanel != null) {
        details.remove(migrationPanel);
      }
      migrationPanel = new MigrationPanel(migration, access, me, m.key(), fromDefinitionId);
      int after = details.getElement().indexOfChild(moveJourneys.getElement());
      details.addComponentAtIndex(after < 0 ? 2 : after + 1, migrationPanel);
    });
  }

  /** Shows the model with this key, or none. */
  void choose(String key) {
    all.stream().filter(m -> m.key().equals(key)).findFirst().ifPresentOrElse(this::show, details::removeAll);
  }

  private void show(ModelCatalog.Model model) {
    models.select(model);
    details.removeAll();
    versions.setItems(catalog.versions(me, model));
    details.add(new H3(model.name() + " (" + model.key() + ")"), versions);
    migrationPanel = null;
    if (model.kind() == ModelCatalog.Kind.PROCESS && model.latestVersion() > 1) {
      details.add(moveJourneys);
    }
    details.add(new H3("Drafts"));
    List<Drafts.Draft> open = drafts.list(me, model.key());
    if (open.isEmpty()) {
      details.add(new Paragraph("No draft of this model yet."));
    }
    for (Drafts.Draft d : open) {
      Anchor link = new Anchor("designer/draft/" + d.id(), "Draft from v" + d.baseVersion() + " by " + d.createdBy()
          + ", revision " + d.revision() + " saved by " + d.updatedBy() + " " + Formats.dateTime(d.updatedAt())
          + " (" + d.state().code + ")");
      details.add(new Div(link));
    }
    if (access.mayEdit(me)) {
      Button start = new Button("Start a draft from v" + model.latestVersion(), e -> {
        Drafts.Draft draft = drafts.start(me, model.key());
        getUI().ifPresent(ui -> ui.navigate("designer/draft/" + draft.id()));
      });
      details.add(start);
    }
    if (model.calledFrom().isEmpty()) {
      details.add(new Paragraph("No other model calls it."));
    } else {
      details.add(new H3("Called from"), callers);
      callers.setItems(model.calledFrom());
    }
    if (model.kind() == ModelCatalog.Kind.PROCESS) {
      catalog.latestXml(me, model.key()).ifPresent(xml ->
          details.add(new LiveDiagram(model.name(), xml, live.of(me, model.key()))));
    }
  }
}
