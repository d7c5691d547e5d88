package org.homefirst.console;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.BpmnViewer;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The heatmap on the diagram: a journey model drawn with, on each step, the journeys waiting
 * there now, the average time spent there and the SLA breaches of its clocks, shaded and written
 * out, and the same figures as a table. The model is in the address (?model=...).
 */
@Route(value = "console/diagram", layout = MainLayout.class)
@PageTitle("Manager console: where journeys wait | Home First")
@PermitAll
public class DiagramView extends VerticalLayout implements BeforeEnterObserver {

  private final DiagramHeat heat;
  private final TeamMember me;
  final Select<DiagramHeat.Model> model = new Select<>();
  final Div drawing = new Div();
  final Grid<DiagramHeat.Step> table = new Grid<>();
  final Paragraph empty = new Paragraph();
  private List<DiagramHeat.Model> models = List.of();

  public DiagramView(DiagramHeat heat) {
    this.heat = heat;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new ConsoleTabs("console/diagram"), new H2("Where journeys wait and breach"));
    try {
      models = heat.models(me);
    } catch (ConsoleRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    Paragraph how = new Paragraph("On each step: journeys waiting there now, the average time spent there "
        + "(steps finished in the last 90 days) and SLA breaches of its clocks (breached in the last 90 days). "
        + "The darker the shade, the more waiting and breaches; the numbers are written on every shaded step.");
    how.getStyle().set("color", "var(--lumo-secondary-text-color)");
    model.setLabel("Model");
    model.setItems(models);
    model.setItemLabelGenerator(m -> m.name().equals(m.bpmnProcessId()) ? m.name()
        : m.name() + " (" + m.bpmnProcessId() + ")");
    model.setWidth("32rem");
    model.addValueChangeListener(e -> {
      if (e.isFromClient() && e.getValue() != null) {
        getUI().ifPresent(ui -> ui.navigate("console/diagram",
            QueryParameters.simple(Map.of("model", e.getValue().bpmnProcessId()))));
      }
    });
    drawing.setWidthFull();
    table.addColumn(DiagramHeat.Step::name).setHeader("Step").setFlexGrow(2);
    table.addColumn(DiagramHeat.Step::waiting).setHeader("Waiting now").setAutoWidth(true).setFlexGrow(0)
        .setSortable(true);
    table.addColumn(s -> DiagramHeat.words(s.averageTime())).setHeader("Average time there").setAutoWidth(true)
        .setFlexGrow(0).setComparator(Comparator.comparing(DiagramHeat.Step::averageTime,
            Comparator.nullsFirst(Comparator.naturalOrder())));
    table.addColumn(DiagramHeat.Step::finished).setHeader("Finished (90 days)").setAutoWidth(true).setFlexGrow(0);
    table.addColumn(DiagramHeat.Step::breaches).setHeader("SLA breaches (90 days)").setAutoWidth(true)
        .setFlexGrow(0).setSortable(true);
    table.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    table.setAllRowsVisible(true);
    table.getElement().setAttribute("aria-label", "Steps of the model with waiting journeys, times and breaches");
    add(how, model, drawing, new H3("The same figures as a table"), empty, table);
    setWidthFull();
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (models.isEmpty()) {
      if (getElement().getAttribute("data-refused") == null) {
        empty.setText("No journey model is deployed yet.");
        table.setVisible(false);
      }
      return;
    }
    String wanted = event.getLocation().getQueryParameters().getSingleParameter("model")
        .orElse(models.getFirst().bpmnProcessId());
    DiagramHeat.Model chosen = models.stream().filter(m -> m.bpmnProcessId().equals(wanted)).findFirst()
        .orElse(models.getFirst());
    model.setValue(chosen);
    show(chosen);
  }

  private void show(DiagramHeat.Model chosen) {
    List<DiagramHeat.Step> steps = heat.steps(me, chosen);
    List<BpmnViewer.Overlay> overlays = steps.stream().map(s -> new BpmnViewer.Overlay(s.elementId(),
        s.waiting() + " waiting · avg " + DiagramHeat.words(s.averageTime()) + " · " + s.breaches()
            + (s.breaches() == 1 ? " breach" : " breaches"),
        DiagramHeat.level(s, steps))).toList();
    BpmnViewer viewer = new BpmnViewer(chosen.xml(), List.of()).overlays(overlays).tall();
    viewer.getElement().setAttribute("aria-label", "Diagram of " + chosen.name()
        + " with journeys waiting, average time and breaches on each step; the table below has the same figures");
    drawing.removeAll();
    drawing.add(viewer);
    table.setItems(steps.stream().sorted(Comparator.comparing(DiagramHeat.Step::waiting).reversed()
        .thenComparing(Comparator.comparing(DiagramHeat.Step::breaches).reversed())).toList());
    table.setVisible(!steps.isEmpty());
    empty.setText("No journey has waited at a step of this model in the last 90 days.");
    empty.setVisible(steps.isEmpty());
  }
}
