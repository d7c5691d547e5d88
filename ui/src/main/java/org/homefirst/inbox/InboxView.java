package org.homefirst.inbox;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.delay.Delays;
import org.homefirst.incident.ServiceHealth;
import org.homefirst.referral.Borough;
import org.homefirst.referral.Hospital;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The coordinator's work queues: pick a queue (with counts), narrow it with filters or a search,
 * and work the selected task in the panel beside the list. Team leads also reassign in bulk.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Work queues | Home First")
@PermitAll
public class InboxView extends VerticalLayout {

  record QueueChoice(String name, TaskInbox.Queue queue) {}

  private final TaskInbox inbox;
  private final TaskBoard board;
  private final Clock clock;
  private final SlaRules rules;
  private final TeamMember me;
  private final ServiceHealth health;
  /** What does not answer now (the engine, a partner), in words; hidden while all is well. */
  final Div outage = new Div();
  private final boolean lead;
  final Tabs queues = new Tabs();
  private final List<QueueChoice> choices = new ArrayList<>();
  final TextField search = new TextField();
  final Select<String> borough = new Select<>();
  final Select<String> hospital = new Select<>();
  final ComboBox<String> ward = new ComboBox<>("Ward");
  final Select<TaskInbox.TaskType> taskType = new Select<>();
  final Select<Integer> pathway = new Select<>();
  final Select<TaskInbox.LocalityChoice> locality = new Select<>();
  final Checkbox overdue = new Checkbox("Overdue only");
  final Grid<InboxTask> grid = new Grid<>();
  final Paragraph empty = new Paragraph();
  final TaskPanel detail;
  final Set<Long> bulk = new LinkedHashSet<>();
  final Span bulkCount = new Span();
  final ComboBox<String> bulkTo = new ComboBox<>("Reassign to");
  private CallbackDataProvider<InboxTask, Void> rows;
  private Registration boardRegistration;

  public InboxView(TaskInbox inbox, TaskBoard board, Clock clock, Delays delays, SlaRules rules,
      ServiceHealth health) {
    this.inbox = inbox;
    this.health = health;
    this.rules = rules;
    this.board = board;
    this.clock = clock;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    this.lead = inbox.isLead(me);
    this.detail = new TaskPanel(inbox, delays, clock, rules, me, this::refresh);
    setSizeFull();

    choices.add(new QueueChoice("My tasks", new TaskInbox.Queue.Mine()));
    me.teams().forEach(t -> choices.add(new QueueChoice(Teams.name(t), new TaskInbox.Queue.Team(t))));
    choices.add(new QueueChoice("All I can see", new TaskInbox.Queue.AllVisible()));
    choices.forEach(c -> queues.add(new Tab(c.name())));
    queues.addSelectedChangeListener(e -> filtersChanged());
    queues.getElement().setAttribute("aria-label", "Queues");

    H2 title = new H2("Work queues");
    title.getStyle().set("margin", "0");
    setSpacing(false);
    getStyle().set("gap", "var(--lumo-space-xs)");
    outage.setId("outage-banner");
    outage.getElement().setAttribute("role", "status");
    outage.getElement().getThemeList().add("badge error");
    outage.getStyle().set("white-space", "normal").set("padding", "var(--lumo-space-s)");
    showOutages();
    add(title, outage, queues, filters());
    if (lead) {
      add(bulkBar());
    }
    columns();
    empty.setVisible(false);
    detail.setWidth("26rem");
    detail.setMinWidth("20rem");
    detail.setVisible(false);
    detail.getStyle().set("overflow", "auto");
    HorizontalLayout body = new HorizontalLayout(grid, detail);
    body.setWidthFull();
    body.setMinHeight("0");
    body.setFlexGrow(1, grid);
    grid.setHeightFull();
    detail.setHeightFull();
    add(empty, body);
    setFlexGrow(1, body);

    rows = DataProvider.fromCallbacks(
        q -> inbox.tasks(me, queue(), filter(), q.getOffset(), q.getLimit()).stream(),
        q -> inbox.count(me, queue(), filter()));
    grid.setItems(rows);
    // My tasks when I have some; else my team's queue, or everything I can see when I am in several teams.
    int start = inbox.count(me, new TaskInbox.Queue.Mine()) > 0 ? 0 : choices.size() == 3 ? 1 : choices.size() - 1;
    queues.setSelectedIndex(start);
    refreshCounts();
    filtersChanged();
  }

  private FlexLayout filters() {
    search.setPlaceholder("NHS number or name");
    search.setLabel("Search");
    search.setClearButtonVisible(true);
    search.setPrefixComponent(VaadinIcon.SEARCH.create());
    search.setWidth("13rem");
    for (var field : List.of(borough, hospital, taskType)) {
      field.setWidth("10.5rem");
    }
    ward.setWidth("9rem");
    search.setValueChangeMode(ValueChangeMode.LAZY);
    search.addValueChangeListener(e -> filtersChanged());

    borough.setLabel("Borough");
    borough.setItems(Arrays.stream(Borough.values()).map(Borough::code).toList());
    borough.setItemLabelGenerator(c -> c == null ? "Any borough" : Borough.ofCode(c).map(Borough::label).orElse(c));
    borough.setEmptySelectionAllowed(true);
    borough.setEmptySelectionCaption("Any borough");
    borough.addValueChangeListener(e -> filtersChanged());

    hospital.setLabel("Hospital");
    hospital.setItems(Arrays.stream(Hospital.values()).map(Hospital::code).toList());
    hospital.setItemLabelGenerator(c -> c == null ? "Any hospital" : Hospital.ofCode(c).map(Hospital::label).orElse(c));
    hospital.setEmptySelectionAllowed(true);
    hospital.setEmptySelectionCaption("Any hospital");
    hospital.addValueChangeListener(e -> filtersChanged());

    ward.setItems(inbox.wards());
    ward.setClearButtonVisible(true);
    ward.setPlaceholder("Any ward");
    ward.addValueChangeListener(e -> filtersChanged());

    taskType.setLabel("Task type");
    taskType.setItems(inbox.taskTypes());
    taskType.setItemLabelGenerator(t -> t == null ? "Any task" : t.name());
    taskType.setEmptySelectionAllowed(true);
    taskType.setEmptySelectionCaption("Any task");
    taskType.addValueChangeListener(e -> filtersChanged());

    pathway.setLabel("Pathway");
    pathway.setItems(0, 1, 2, 3);
    pathway.setItemLabelGenerator(p -> p == null ? "Any pathway" : "Pathway " + p);
    pathway.setEmptySelectionAllowed(true);
    pathway.setEmptySelectionCaption("Any pathway");
    pathway.setWidth("9rem");
    pathway.addValueChangeListener(e -> filtersChanged());

    // Redbridge community handoffs go to a locality team by postcode: its queue is worked by locality.
    locality.setLabel("Locality");
    locality.setItems(inbox.localities());
    locality.setItemLabelGenerator(l -> l == null ? "Any locality" : l.name());
    locality.setEmptySelectionAllowed(true);
    locality.setEmptySelectionCaption("Any locality");
    locality.setWidth("12rem");
    locality.addValueChangeListener(e -> filtersChanged());

    overdue.addValueChangeListener(e -> filtersChanged());

    FlexLayout bar = new FlexLayout(search, borough, hospital, ward, locality, pathway, taskType, overdue);
    bar.setFlexWrap(FlexLayout.FlexWrap.WRAP);
    bar.setAlignItems(FlexComponent.Alignment.BASELINE);
    bar.getStyle().set("gap", "var(--lumo-space-s)");
    bar.setWidthFull();
    return bar;
  }

  private HorizontalLayout bulkBar() {
    bulkTo.setItems(inbox.colleagues(me.teams()));
    Button reassign = new Button("Reassign selected", e -> reassign());
    reassign.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    updateBulkCount();
    HorizontalLayout bar = new HorizontalLayout(bulkCount, bulkTo, reassign);
    bar.setAlignItems(FlexComponent.Alignment.BASELINE);
    return bar;
  }

  private void columns() {
    if (lead) {
      grid.addComponentColumn(t -> {
            Checkbox c = new Checkbox(bulk.contains(t.key()));
            c.setAriaLabel("Select " + t.name() + " for " + t.patientName() + ", NHS " + Formats.nhsNumber(t.nhsNumber()));
            c.getElement().setAttribute("data-task", String.valueOf(t.key()));
            c.addValueChangeListener(e -> {
              if (e.getValue()) bulk.add(t.key()); else bulk.remove(t.key());
              updateBulkCount();
            });
            return c;
          })
          .setHeader("Pick").setWidth("4.5rem").setFlexGrow(0).setFrozen(true);
    }
    grid.addComponentColumn(t -> ClockBadge.cell(t, clock.instant(), rules.forTask(t).orElse(null)))
        .setHeader("SLA clock").setWidth("12.5rem").setFlexGrow(0).setFrozen(true);
    grid.addComponentColumn(t -> {
          Div d = new Div(new Span(t.patientName() == null ? "" : t.patientName()));
          Span nhs = new Span(Formats.nhsNumber(t.nhsNumber()));
          nhs.getStyle().set("display", "block").set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
          d.add(nhs);
          return d;
        })
        .setHeader("Patient / NHS number").setWidth("11rem").setFlexGrow(0);
    grid.addColumn(InboxTask::name).setHeader("Task").setFlexGrow(1).setWidth("10rem");
    grid.addColumn(InboxTask::where)
        .setHeader("Where").setWidth("10rem").setFlexGrow(0);
    grid.addColumn(t -> t.locality() == null ? "" : t.locality())
        .setHeader("Locality").setWidth("9rem").setFlexGrow(0).setKey("locality");
    grid.addColumn(t -> ClockBadge.readyShort(t, clock.instant())).setHeader("Discharge ready").setWidth("8rem").setFlexGrow(0);
    grid.addColumn(t -> t.assignee() == null ? "unclaimed" : t.assignee()).setHeader("Claimed by").setWidth("9rem").setFlexGrow(0);
    grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
    grid.setPageSize(50);
    grid.getElement().setAttribute("aria-label", "Tasks, soonest due first");
    grid.asSingleSelect().addValueChangeListener(e -> {
      if (e.getValue() != null) {
        inbox.open(me, e.getValue().key()).ifPresentOrElse(detail::show, () -> detail.show(null));
      } else {
        detail.show(null);
      }
    });
  }

  private void updateBulkCount() {
    bulkCount.setText(bulk.size() + (bulk.size() == 1 ? " task selected" : " tasks selected"));
  }

  private void reassign() {
    if (bulk.isEmpty() || bulkTo.getValue() == null) {
      TaskPanel.notify("Pick tasks and a colleague first", true);
      return;
    }
    try {
      Map<Long, String> refused = inbox.reassign(me, bulk, bulkTo.getValue());
      int done = bulk.size() - refused.size();
      TaskPanel.notify(done + " reassigned to " + bulkTo.getValue()
          + (refused.isEmpty() ? "" : "; " + refused.size() + " refused: " + refused.values().iterator().next()), !refused.isEmpty());
      bulk.clear();
      updateBulkCount();
      refresh();
    } catch (TaskRefused r) {
      TaskPanel.notify(r.getMessage(), true);
    }
  }

  private TaskInbox.Queue queue() {
    int i = queues.getSelectedIndex();
    return choices.get(i < 0 ? 0 : i).queue();
  }

  TaskFilter filter() {
    return new TaskFilter(
        borough.getValue(),
        hospital.getValue(),
        ward.getValue(),
        taskType.getValue() == null ? null : taskType.getValue().elementId(),
        overdue.getValue(),
        search.getValue(),
        pathway.getValue(),
        locality.getValue() == null ? null : locality.getValue().id());
  }

  private void filtersChanged() {
    if (rows == null) {
      return;
    }
    rows.refreshAll();
    int total = inbox.count(me, queue(), filter());
    empty.setVisible(total == 0);
    TaskFilter f = filter();
    boolean filtered = f.needsReferral() || f.taskType() != null || f.overdueOnly() || f.pathway() != null;
    int elsewhere = total == 0 && filtered && !(queue() instanceof TaskInbox.Queue.AllVisible)
        ? inbox.count(me, new TaskInbox.Queue.AllVisible(), f) : 0;
    empty.setText(
        elsewhere > 0
            ? "No tasks match in this queue; " + elsewhere + " match in “All I can see”."
            : filtered
            ? "No tasks match these filters. Clear the search or filters to see the whole queue."
            : queue() instanceof TaskInbox.Queue.Mine
                ? "You have no claimed tasks. Claim one from a team queue."
                : "Nothing waiting in this queue. New referrals appear here as they arrive.");
  }

  private void refreshCounts() {
    for (int i = 0; i < choices.size(); i++) {
      QueueChoice c = choices.get(i);
      ((Tab) queues.getComponentAt(i)).setLabel(c.name() + " (" + inbox.count(me, c.queue()) + ")");
    }
  }

  /** The banner: each system that does not answer, or nothing. */
  void showOutages() {
    List<String> problems = health.problems();
    outage.removeAll();
    problems.forEach(p -> outage.add(new Paragraph(p)));
    outage.setVisible(!problems.isEmpty());
  }

  void refresh() {
    showOutages();
    refreshCounts();
    filtersChanged();
    InboxTask selected = grid.asSingleSelect().getValue();
    if (selected != null) {
      inbox.find(me, selected.key()).ifPresentOrElse(detail::show, () -> grid.asSingleSelect().clear());
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    // Counts and rows only: the selected task's panel keeps what the person is typing.
    boardRegistration = board.onChange(() -> ui.access(() -> {
      refreshCounts();
      filtersChanged();
    }));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (boardRegistration != null) {
      boardRegistration.remove();
    }
  }
}
