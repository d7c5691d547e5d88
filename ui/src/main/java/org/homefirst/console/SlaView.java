package org.homefirst.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.console.SlaPerformance.Breach;
import org.homefirst.console.SlaPerformance.Breakdown;
import org.homefirst.console.SlaPerformance.Dimension;
import org.homefirst.console.SlaPerformance.Filter;
import org.homefirst.console.SlaPerformance.MonthFigures;
import org.homefirst.console.SlaPerformance.Prediction;
import org.homefirst.console.SlaPerformance.RuleFigures;
import org.homefirst.inbox.TeamMember;
import org.homefirst.inbox.Teams;
import org.homefirst.journey.JourneyView;
import org.homefirst.referral.Borough;
import org.homefirst.referral.Hospital;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The SLA page of the manager console: per rule how the locality keeps its standards, broken down
 * and month by month, the breaches with who holds each patient and the escalation, and the open
 * clocks most likely to breach. Every table downloads as CSV; every patient links to the journey.
 */
@Route(value = "console/slas", layout = MainLayout.class)
@PageTitle("SLAs | Manager console | Home First")
@PermitAll
public class SlaView extends VerticalLayout {

  final DatePicker from = new DatePicker("From");
  final DatePicker to = new DatePicker("To");
  final ComboBox<String> team = new ComboBox<>("Team");
  final Select<String> borough = new Select<>();
  final Select<String> hospital = new Select<>();
  final Select<Dimension> by = new Select<>();
  final Select<String> trendRule = new Select<>();

  final Grid<RuleFigures> rules = new Grid<>();
  final Paragraph noneEnded = new Paragraph("No SLA clock ended in this period.");
  /** Said under the figures of a period longer than the exact ones, and under the months. */
  static final String HOURLY = "For periods over " + SlaPerformance.EXACT_DAYS + " days and month by month, "
      + "p50 and p90 are worked out from the clocks counted by duration (by the hour up to 2 days, by 6 hours up to "
      + "20 days, by the day beyond), so may be out by up to an hour, 6 hours or a day.";
  final Paragraph hourly = new Paragraph(HOURLY);
  final Grid<Breakdown> breakdown = new Grid<>();
  final Grid<MonthFigures> trend = new Grid<>();
  final Grid<Breach> breaches = new Grid<>();
  final Paragraph noBreaches = new Paragraph("No breached clock open now or in this period.");
  final Paragraph breachesHidden = new Paragraph();
  final Chart breachChart = Chart.bars("Breaches by rule", List.of(), Chart.Series.of("Breached in the period"),
      Chart.Series.of("Open and breached now")).axes("Rule", "Clocks").horizontal();
  final Div trendChart = new Div();
  final Grid<Prediction> predictions = new Grid<>();
  final Paragraph noPredictions = new Paragraph("No clock is running that has not yet breached.");
  final Paragraph predictionsHidden = new Paragraph();

  private final SlaPerformance performance;
  private final CsvDownload csv;
  private final TeamMember me;
  private volatile List<MonthFigures> allMonths = List.of();

  public SlaView(SlaPerformance performance, ConsoleAccess access, CsvDownload csv, Clock clock) {
    this.performance = performance;
    this.csv = csv;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new ConsoleTabs("console/slas"), new H2("SLAs"));
    try {
      access.checkMayOpen(me, "SLAs page");
    } catch (ConsoleRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    Filter initial = Filter.lastDays(clock, 30);
    from.setValue(initial.from());
    to.setValue(initial.to());
    from.setLocale(Locale.UK);
    to.setLocale(Locale.UK);
    team.setItems(Teams.ids());
    team.setItemLabelGenerator(Teams::name);
    team.setClearButtonVisible(true);
    team.setPlaceholder("All teams");
    borough.setLabel("Borough");
    borough.setItems(withAll(Arrays.stream(Borough.values()).map(Borough::code).toList()));
    borough.setItemLabelGenerator(c -> c.isEmpty() ? "All boroughs" : Borough.ofCode(c).map(Borough::label).orElse(c));
    borough.setValue("");
    hospital.setLabel("Hospital");
    hospital.setItems(withAll(Arrays.stream(Hospital.values()).map(Hospital::code).toList()));
    hospital.setItemLabelGenerator(c -> c.isEmpty() ? "All hospitals" : Hospital.ofCode(c).map(Hospital::label)
        .orElse(c));
    hospital.setValue("");
    HorizontalLayout filters = new HorizontalLayout(from, to, team, borough, hospital);
    filters.setWrap(true);
    filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
    add(filters);
    from.addValueChangeListener(e -> refresh());
    to.addValueChangeListener(e -> refresh());
    team.addValueChangeListener(e -> refresh());
    borough.addValueChangeListener(e -> refresh());
    hospital.addValueChangeListener(e -> refresh());

    ruleTable();
    breakdownTable();
    trendTable();
    breachTable();
    predictionTable();
    refresh();
  }

  private void ruleTable() {
    rules.addColumn(RuleFigures::wording).setHeader("Rule").setFlexGrow(2);
    rules.addColumn(r -> r.ended()).setHeader("Ended").setFlexGrow(0).setWidth("6rem");
    rules.addColumn(r -> share(r.met(), r.ended())).setHeader("Met").setFlexGrow(1);
    rules.addColumn(r -> hours(r.p50Hours())).setHeader("p50").setFlexGrow(0).setWidth("7rem");
    rules.addColumn(r -> hours(r.p90Hours())).setHeader("p90").setFlexGrow(0).setWidth("7rem");
    rules.addColumn(RuleFigures::breaches).setHeader("Breaches").setFlexGrow(0).setWidth("7rem");
    rules.addColumn(RuleFigures::openNow).setHeader("Open now").setFlexGrow(0).setWidth("7rem");
    rules.addColumn(RuleFigures::openBreached).setHeader("Open and breached").setFlexGrow(0).setWidth("9rem");
    table(rules);
    add(new H3("Each rule in the period"), noneEnded, rules, hourly, breachChart, csv("SLA rules", "sla-rules.csv",
        () -> CsvTable.of(shown(rules)).column("rule", RuleFigures::rule).column("wording", RuleFigures::wording)
            .column("target_hours", r -> r.target() == null ? null : r.target().toMinutes() / 60.0)
            .column("ended", RuleFigures::ended).column("met", RuleFigures::met)
            .column("share_met", RuleFigures::shareMet).column("p50_hours", RuleFigures::p50Hours)
            .column("p90_hours", RuleFigures::p90Hours).column("breaches", RuleFigures::breaches)
            .column("open_now", RuleFigures::openNow).column("open_breached", RuleFigures::openBreached)));
  }

  private void breakdownTable() {
    by.setLabel("Break down by");
    by.setItems(Dimension.values());
    by.setItemLabelGenerator(d -> d.label);
    by.setValue(Dimension.TEAM);
    by.addValueChangeListener(e -> refresh());
    breakdown.addColumn(b -> wordingOf(b.rule())).setHeader("Rule").setFlexGrow(2);
    breakdown.addColumn(Breakdown::name).setHeader("Team, borough or hospital").setFlexGrow(2);
    breakdown.addColumn(Breakdown::ended).setHeader("Ended").setFlexGrow(0).setWidth("6rem");
    breakdown.addColumn(b -> share(b.met(), b.ended())).setHeader("Met").setFlexGrow(1);
    breakdown.addColumn(b -> hours(b.p50Hours())).setHeader("p50").setFlexGrow(0).setWidth("7rem");
    breakdown.addColumn(b -> hours(b.p90Hours())).setHeader("p90").setFlexGrow(0).setWidth("7rem");
    breakdown.addColumn(Breakdown::breaches).setHeader("Breaches").setFlexGrow(0).setWidth("7rem");
    table(breakdown);
    add(new H3("Broken down"), by, breakdown, csv("SLA figures broken down", "sla-breakdown.csv",
        () -> CsvTable.of(shown(breakdown)).column("rule", Breakdown::rule)
            .column("by", b -> by.getValue().name().toLowerCase(Locale.ROOT)).column("key", Breakdown::key)
            .column("name", Breakdown::name).column("ended", Breakdown::ended).column("met", Breakdown::met)
            .column("share_met", Breakdown::shareMet).column("p50_hours", Breakdown::p50Hours)
            .column("p90_hours", Breakdown::p90Hours).column("breaches", Breakdown::breaches)));
  }

  private void trendTable() {
    trendRule.setLabel("Rule");
    trendRule.setItemLabelGenerator(this::wordingOf);
    trendRule.addValueChangeListener(e -> showTrend());
    trend.addColumn(m -> m.month().toString()).setHeader("Month").setFlexGrow(0).setWidth("7rem");
    trend.addColumn(MonthFigures::ended).setHeader("Ended").setFlexGrow(0).setWidth("6rem");
    trend.addColumn(m -> share(m.met(), m.ended())).setHeader("Met").setFlexGrow(1);
    trend.addColumn(m -> hours(m.p50Hours())).setHeader("p50").setFlexGrow(0).setWidth("7rem");
    trend.addColumn(m -> hours(m.p90Hours())).setHeader("p90").setFlexGrow(0).setWidth("7rem");
    trend.addColumn(m -> hours(m.targetHours())).setHeader("Target").setFlexGrow(0).setWidth("7rem");
    trend.addColumn(MonthFigures::breaches).setHeader("Breaches").setFlexGrow(0).setWidth("7rem");
    table(trend);
    trendChart.setWidthFull();
    add(new H3("Month by month (12 months to the period's end)"), trendRule, trendChart, trend,
        new Paragraph(HOURLY), csv("SLA figures month by month", "sla-trend.csv",
        () -> CsvTable.of(allMonths).column("rule", MonthFigures::rule).column("month", m -> m.month().toString())
            .column("ended", MonthFigures::ended).column("met", MonthFigures::met)
            .column("share_met", MonthFigures::shareMet).column("p50_hours", MonthFigures::p50Hours)
            .column("p90_hours", MonthFigures::p90Hours).column("target_hours", MonthFigures::targetHours)
            .column("breaches", MonthFigures::breaches)));
  }

  private void breachTable() {
    breaches.addComponentColumn(b -> patient(b.referralId(), b.nhsNumber(), b.patient())).setHeader("Patient")
        .setKey("patient")
        .setWidth("14rem").setFlexGrow(0);
    breaches.addColumn(Breach::wording).setHeader("Rule").setFlexGrow(2);
    breaches.addColumn(b -> Formats.dateTime(b.dueAt())).setHeader("Due").setWidth("9.5rem").setFlexGrow(0);
    breaches.addColumn(b -> (b.open() ? "Late by " : "Ended late by ") + span(b.late())).setHeader("How late")
        .setFlexGrow(1);
    breaches.addColumn(b -> b.open() ? b.heldBy() : "Ended").setHeader("Held by now").setFlexGrow(2);
    breaches.addColumn(b -> b.escalation().words).setHeader("Escalation").setFlexGrow(1);
    table(breaches);
    add(new H3("Breaches"), noBreaches, breachesHidden, breaches, csv("SLA breaches", "sla-breaches.csv",
        () -> CsvTable.of(shown(breaches)).column("referral_id", Breach::referralId)
            .column("nhs_number", Breach::nhsNumber).column("patient", Breach::patient).column("rule", Breach::rule)
            .column("wording", Breach::wording).column("due_at", b -> b.dueAt().toString())
            .column("late_hours", b -> b.late().toMinutes() / 60.0).column("open", Breach::open)
            .column("held_by", Breach::heldBy).column("escalation", b -> b.escalation().words)));
  }

  private void predictionTable() {
    predictions.addComponentColumn(p -> patient(p.referralId(), p.nhsNumber(), p.patient())).setHeader("Patient")
        .setWidth("14rem").setFlexGrow(0);
    predictions.addColumn(Prediction::wording).setHeader("Rule").setFlexGrow(2);
    predictions.addColumn(p -> Formats.clock(p.left())).setHeader("Due in").setFlexGrow(1);
    predictions.addColumn(p -> p.step() == null ? "" : p.step()).setHeader("Waiting at").setFlexGrow(1);
    predictions.addColumn(p -> p.chance() == null ? "Not enough history"
            : Math.round(p.chance() * 100) + "% chance of breaching").setHeader("Chance of breaching").setFlexGrow(1);
    predictions.addColumn(p -> p.basis() + (p.sameStep() ? " past clocks at this step" : " past clocks of the rule"))
        .setHeader("Based on").setFlexGrow(1);
    table(predictions);
    add(new H3("Likely to breach"), new Paragraph(SlaPerformance.PREDICTION_METHOD), noPredictions,
        predictionsHidden, predictions, csv("SLA clocks likely to breach", "sla-breach-prediction.csv",
            () -> CsvTable.of(shown(predictions)).column("referral_id", Prediction::referralId)
                .column("nhs_number", Prediction::nhsNumber).column("patient", Prediction::patient)
                .column("rule", Prediction::rule).column("wording", Prediction::wording)
                .column("due_at", p -> p.dueAt().toString()).column("step", Prediction::step)
                .column("chance", Prediction::chance).column("basis", Prediction::basis)
                .column("same_step", Prediction::sameStep)));
  }

  void refresh() {
    if (from.getValue() == null || to.getValue() == null || to.getValue().isBefore(from.getValue())) {
      return;
    }
    Filter filter = new Filter(from.getValue(), to.getValue(), team.getValue(), emptyAsNull(borough.getValue()),
        emptyAsNull(hospital.getValue()));
    List<RuleFigures> figures = performance.rules(me, filter);
    rules.setItems(figures);
    if (trendRule.getValue() == null) {
      trendRule.setItems(figures.stream().map(RuleFigures::rule).toList());
      trendRule.setValue(figures.get(0).rule());
    }
    noneEnded.setVisible(figures.stream().allMatch(r -> r.ended() == 0));
    hourly.setVisible(to.getValue().toEpochDay() - from.getValue().toEpochDay() + 1 > SlaPerformance.EXACT_DAYS);
    breachChart.update(figures.stream().map(RuleFigures::wording).toList(), List.of(
        Chart.Series.of("Breached in the period", figures.stream().map(RuleFigures::breaches).toList()),
        Chart.Series.of("Open and breached now", figures.stream().map(RuleFigures::openBreached).toList())));
    breakdown.setItems(performance.breakdown(me, filter, by.getValue()));
    allMonths = performance.trend(me, filter);
    showTrend();
    ConsoleAccess.Visible<Breach> breached = performance.breaches(me, filter);
    breaches.setItems(breached.rows());
    breaches.setVisible(!breached.rows().isEmpty());
    noBreaches.setVisible(breached.rows().isEmpty() && breached.hidden() == 0);
    hidden(breachesHidden, breached.hidden(), "breach");
    ConsoleAccess.Visible<Prediction> likely = performance.predictions(me, filter);
    predictions.setItems(likely.rows());
    predictions.setVisible(!likely.rows().isEmpty());
    noPredictions.setVisible(likely.rows().isEmpty() && likely.hidden() == 0);
    hidden(predictionsHidden, likely.hidden(), "clock");
  }

  /** The chosen rule's months as a table and as p50/p90 lines against the rule's target (a new chart: its own target). */
  private void showTrend() {
    List<MonthFigures> months = allMonths.stream().filter(m -> m.rule().equals(trendRule.getValue())).toList();
    trend.setItems(months);
    trendChart.removeAll();
    if (months.isEmpty()) {
      return;
    }
    Double target = months.get(0).targetHours();
    Chart chart = Chart.lines("Time to meet: " + wordingOf(trendRule.getValue()),
            months.stream().map(m -> m.month().toString()).toList(),
            List.of(Chart.Series.of("p50 (hours)", months.stream().map(MonthFigures::p50Hours).toList()),
                Chart.Series.of("p90 (hours)", months.stream().map(MonthFigures::p90Hours).toList())), target)
        .axes("Month", "Hours").whenEmpty("No clock of this rule ended in these 12 months.");
    if (target != null) {
      chart.targetLabel("Target " + hours(target));
    }
    trendChart.add(chart);
  }

  private static void hidden(Paragraph note, int hidden, String what) {
    note.setText(hidden == 1 ? "1 more " + what + " is of a patient outside your teams."
        : hidden + " more " + what + (what.equals("breach") ? "es" : "s") + " are of patients outside your teams.");
    note.setVisible(hidden > 0);
  }

  private String wordingOf(String rule) {
    return rules.getListDataView().getItems().filter(r -> r.rule().equals(rule)).map(RuleFigures::wording)
        .findFirst().orElse(rule);
  }

  private static Component patient(UUID referralId, String nhsNumber, String name) {
    if (referralId == null) {
      return new Span("");
    }
    return new RouterLink(Formats.nhsNumber(nhsNumber) + " " + nz(name), JourneyView.class, referralId.toString());
  }

  private static void table(Grid<?> grid) {
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    grid.setAllRowsVisible(true);
  }

  /**
   * A link that downloads the table as CSV, through the console's audited export: what is shown,
   * patient lists as the member may see them.
   */
  private Anchor csv(String what, String file, Supplier<CsvTable<?>> table) {
    return csv.link(me, what, file, table);
  }

  private static <T> List<T> shown(Grid<T> grid) {
    return grid.getListDataView().getItems().toList();
  }

  static String share(int met, int ended) {
    return ended == 0 ? "" : Math.round(100.0 * met / ended) + "% (" + met + " of " + ended + ")";
  }

  static String hours(Double h) {
    if (h == null) {
      return "";
    }
    return h >= 48 ? String.format(Locale.UK, "%.1f days", h / 24) : String.format(Locale.UK, "%.1f h", h);
  }

  private static String span(Duration d) {
    long days = d.toDays();
    long hours = d.toHoursPart();
    return days > 0 ? days + " d " + hours + " h" : hours + " h " + d.toMinutesPart() + " min";
  }

  private static List<String> withAll(List<String> codes) {
    List<String> all = new ArrayList<>();
    all.add("");
    all.addAll(codes);
    return all;
  }

  private static String emptyAsNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
