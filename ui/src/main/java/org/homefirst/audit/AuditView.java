package org.homefirst.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Search the audit log by person, action, patient (NHS number or referral id) and dates. For the
 * teams in {@code homefirst.audit.viewer-teams} (default {@code managers,admins}).
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit log | Home First")
@PermitAll
public class AuditView extends VerticalLayout {

  final TextField actor = new TextField("Person (username)");
  final Select<AuditLog.Action> action = new Select<>();
  final TextField patient = new TextField("Patient (NHS number or referral id)");
  final DatePicker from = new DatePicker("From");
  final DatePicker to = new DatePicker("To (inclusive)");
  final Grid<AuditEvent> grid = new Grid<>();

  public AuditView(AuditLog audit, @Value("${homefirst.audit.viewer-teams:managers,admins}") List<String> viewerTeams) {
    TeamMember me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new H2("Audit log"));
    if (viewerTeams.stream().noneMatch(me::isIn)) {
      add(new Paragraph("The audit log is open to " + String.join(" and ", viewerTeams) + " only."));
      audit.record(me.username(), AuditLog.Action.REFUSED, null, null, "audit log");
      getElement().setAttribute("data-refused", "true");
      return;
    }
    setSizeFull();
    action.setLabel("Action");
    action.setItems(AuditLog.Action.values());
    action.setItemLabelGenerator(a -> a == null ? "Any action" : a.label());
    action.setEmptySelectionAllowed(true);
    action.setEmptySelectionCaption("Any action");
    from.setLocale(Locale.UK);
    to.setLocale(Locale.UK);
    grid.addColumn(e -> Formats.dateTime(e.at())).setHeader("When").setWidth("9.5rem").setFlexGrow(0);
    grid.addColumn(AuditEvent::actor).setHeader("Who").setWidth("10rem").setFlexGrow(0);
    grid.addColumn(e -> AuditLog.Action.labelOf(e.action())).setHeader("Action").setWidth("10rem").setFlexGrow(0);
    grid.addColumn(e -> Formats.nhsNumber(e.nhsNumber())).setHeader("Patient").setWidth("8.5rem").setFlexGrow(0);
    grid.addColumn(e -> e.taskKey() == null ? "" : String.valueOf(e.taskKey())).setHeader("Task").setWidth("10rem").setFlexGrow(0);
    grid.addColumn(e -> e.detail() == null ? "" : e.detail()).setHeader("Detail").setFlexGrow(1);
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    grid.setPageSize(100);
    CallbackDataProvider<AuditEvent, Void> rows =
        DataProvider.fromCallbacks(q -> audit.search(query(), q.getOffset(), q.getLimit()).stream(), q -> audit.count(query()));
    grid.setItems(rows);
    Button search = new Button("Search", e -> {
      audit.record(me.username(), AuditLog.Action.SEARCH_AUDIT, null, null, query().toString());
      rows.refreshAll();
    });
    search.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
    FlexLayout bar = new FlexLayout(actor, action, patient, from, to, search);
    bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    bar.setAlignItems(FlexComponent.Alignment.BASELINE);
    bar.getStyle().set("gap", "var(--lumo-space-s)");
    add(bar, grid);
    setFlexGrow(1, grid);
  }

  AuditLog.Query query() {
    return new AuditLog.Query(
        actor.getValue(),
        action.getValue(),
        patient.getValue(),
        from.getValue() == null ? null : from.getValue().atStartOfDay(Formats.LONDON).toInstant(),
        to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay(Formats.LONDON).toInstant());
  }

  static LocalDate today() {
    return LocalDate.now(Formats.LONDON);
  }
}
