package org.homefirst.incident;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyView;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Journeys that need an operator: each open incident with the patient, the step and its cause in
 * words, and a retry button. For the operator teams of {@link Incidents} only.
 */
@Route(value = "incidents", layout = MainLayout.class)
@PageTitle("Incidents | Home First")
@PermitAll
public class IncidentsView extends VerticalLayout {

  final Grid<Incidents.OpenIncident> grid = new Grid<>();
  final Paragraph empty = new Paragraph("No incidents: every journey is moving.");
  private final Incidents incidents;
  private final TeamMember me;

  public IncidentsView(Incidents incidents) {
    this.incidents = incidents;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new H2("Incidents"));
    if (!incidents.mayOperate(me)) {
      try {
        incidents.open(me);
      } catch (IncidentRefused refused) {
        add(new Paragraph(refused.getMessage() + "."));
      }
      getElement().setAttribute("data-refused", "true");
      return;
    }
    setSizeFull();
    add(new Paragraph("A step that used up its retries waits here. Fix the cause (a partner's system down, "
        + "a setting), then retry: the step is taken up again at once and the journey goes on."));
    grid.addColumn(i -> Formats.dateTime(i.since())).setHeader("Since").setWidth("9.5rem").setFlexGrow(0);
    grid.addComponentColumn(i -> i.referralId() == null ? new Paragraph("") : new RouterLink(
            Formats.nhsNumber(i.nhsNumber()) + " " + i.patient(), JourneyView.class, i.referralId().toString()))
        .setHeader("Patient").setWidth("14rem").setFlexGrow(0);
    grid.addColumn(Incidents.OpenIncident::step).setHeader("Step").setWidth("14rem").setFlexGrow(0);
    grid.addColumn(Incidents.OpenIncident::cause).setHeader("What went wrong").setFlexGrow(1);
    grid.addComponentColumn(i -> {
      Button retry = new Button("Retry", e -> retry(i));
      retry.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
      retry.getElement().setAttribute("aria-label", "Retry " + i.step() + " for " + i.patient());
      return retry;
    }).setHeader("").setWidth("7rem").setFlexGrow(0);
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
    add(empty, grid);
    setFlexGrow(1, grid);
    refresh();
  }

  void retry(Incidents.OpenIncident incident) {
    try {
      incidents.retry(me, incident.key());
      Notification.show("Retrying \u201c" + incident.step() + "\u201d for " + incident.patient())
          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    } catch (IncidentRefused refused) {
      Notification.show(refused.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
    refresh();
  }

  void refresh() {
    List<Incidents.OpenIncident> open = incidents.open(me);
    grid.setItems(open);
    grid.setVisible(!open.isEmpty());
    empty.setVisible(open.isEmpty());
  }
}
