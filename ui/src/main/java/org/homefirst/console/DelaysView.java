package org.homefirst.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.console.DelayMeasures.By;
import org.homefirst.console.DelayMeasures.Figure;
import org.homefirst.console.DelayMeasures.GroupByAttribution;
import org.homefirst.console.DelayMeasures.MonthRate;
import org.homefirst.console.DelayMeasures.PatientDays;
import org.homefirst.console.DelayMeasures.Scope;
import org.homefirst.console.PopulationEstimates.Draft;
import org.homefirst.console.PopulationEstimates.Estimate;
import org.homefirst.console.PopulationEstimates.InvalidEstimate;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyView;
import org.homefirst.referral.Borough;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Delays for managers: delayed days from the daily census by reason group and attribution,
 * setting, provider, local reason and borough, each figure opening the patients behind it; delayed
 * days per 100,000 adults per borough and month with the population estimates used; who is
 * delayed now; and the population estimates, which managers add and correct here. Every table
 * downloads as CSV.
 */
@Route(value = "console/delays", layout = MainLayout.class)
@PageTitle("Delays | Home First")
@PermitAll
public class DelaysView extends VerticalLayout {

  static final String ALL = "all";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.UK);
  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);

  final DatePicker from = new DatePicker("From");
  final DatePicker to = new DatePicker("To");
  final Select<String> borough = new Select<>();
  final Paragraph coverage = new Paragraph();
  final Chart monthly = Chart.stackedBars("Delayed days per month by national reason group", List.of())
      .axes("Month", "Delayed days").whenEmpty("No delayed days in this period.");
  final Chart trend = Chart.lines("Delayed days per 100,000 adults, by borough and month", List.of(), List.of(),
      null).axes("Month", "Delayed days per 100,000 adults").whenEmpty("No months in this period.");
  final Grid<GroupByAttribution> groups = new Grid<>();
  final Map<By, Grid<Figure>> breakdowns = new LinkedHashMap<>();
  final Grid<MonthRate> rates = new Grid<>();
  final VerticalLayout rateTotals = new VerticalLayout();
  final Grid<DelayCensus.Delayed> now = new Grid<>();
  final Paragraph nowHidden = new Paragraph();
  final H3 behindTitle = new H3();
  final Grid<PatientDays> behind = new Grid<>();
  final Paragraph behindHidden = new Paragraph();
  final VerticalLayout behindSection = new VerticalLayout();
  final Grid<Estimate> estimates = new Grid<>();
  final EstimateForm estimateForm = new EstimateForm();

  private final DelayMeasures measures;
  private final PopulationEstimates population;
  private final CsvDownload csv;
  private final TeamMember me;
  private Scope scope;
  private List<YearMonth> monthKeys = List.of();
  private List<String> groupKeys = List.of();

  public DelaysView(DelayMeasures measures, PopulationEstimates population, ConsoleAccess access, CsvDownload csv,
      Clock clock) {
    this.measures = measures;
    this.population = population;
    this.csv = csv;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new ConsoleTabs("console/delays"), new H2("Delays"));
    try {
      access.checkMayOpen(me, "delays");
    } catch (ConsoleRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    add(new Paragraph("Each patient delayed at midnight (ready for discharge, not yet discharged) counts one "
        + "delayed day, with the reason, attribution and setting recorded by then. Choose a figure's "
        + "\u201cPatients\u201d to see who is behind it."));

    LocalDate yesterday = LocalDate.now(clock.withZone(DelayCensus.LONDON)).minusDays(1);
    from.setValue(yesterday.withDayOfMonth(1).minusMonths(2));
    to.setValue(yesterday);
    from.setLocale(Locale.UK);
    to.setLocale(Locale.UK);
    borough.setLabel("Borough");
    List<String> boroughs = new ArrayList<>(List.of(ALL));
    for (Borough b : Borough.values()) {
      boroughs.add(b.code());
    }
    borough.setItems(boroughs);
    borough.setItemLabelGenerator(c -> ALL.equals(c) ? "All boroughs" : DelayMeasures.boroughLabel(c));
    borough.setValue(ALL);
    Button show = new Button("Show", e -> refresh());
    show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout filters = new HorizontalLayout(from, to, borough, show);
    filters.setAlignItems(FlexComponent.Alignment.BASELINE);
    filters.getStyle().set("flex-wrap", "wrap");
    add(filters, coverage, monthly, trend);
    // A bar opens the patients behind that reason group in that month.
    monthly.onClick(click -> {
      if (click.series() != null) {
        YearMonth month = monthKeys.get(click.categoryIndex());
        showBehind(clip(month), By.REASON_GROUP, groupKeys.get(click.seriesIndex()), click.series());
      }
    });

    buildGroups();
    for (By by : List.of(By.SETTING, By.PROVIDER, By.REASON, By.BOROUGH)) {
      buildBreakdown(by);
    }
    buildBehind();
    buildRates();
    buildNow();
    buildEstimates();
    refresh();
  }

  /** Reads the filters and shows every table again. */
  void refresh() {
    LocalDate f = from.getValue();
    LocalDate t = to.getValue();
    if (f == null || t == null || t.isBefore(f)) {
      to.setInvalid(true);
      to.setErrorMessage("Choose a period whose end is on or after its start");
      return;
    }
    to.setInvalid(false);
    scope = new Scope(f, t, ALL.equals(borough.getValue()) ? null : borough.getValue());
    DelayMeasures.Coverage c = measures.coverage(me, scope);
    coverage.setText("Census taken for " + c.daysTaken() + " of the " + c.daysInPeriod() + " days in the period"
        + (c.lastTaken() == null ? "." : "; the latest census is of " + DAY.format(c.lastTaken()) + "."));
    groups.setItems(measures.byReasonGroupAndAttribution(me, scope));
    showMonthly(measures.perMonth(me, scope, By.REASON_GROUP));
    breakdowns.forEach((by, grid) -> grid.setItems(measures.by(me, scope, by)));
    List<MonthRate> monthRates = measures.perHundredThousandAdults(me, scope);
    rates.setItems(monthRates);
    showTrend(monthRates);
    rateTotals.removeAll();
    monthRates.stream().collect(Collectors.groupingBy(MonthRate::borough, LinkedHashMap::new, Collectors.toList()))
        .forEach((code, months) -> rateTotals.add(new Paragraph(DelayMeasures.boroughLabel(code) + ", "
            + MONTH.format(months.getFirst().month()) + " to " + MONTH.format(months.getLast().month()) + ": "
            + rate(DelayMeasures.sumOfMonthlyRates(months)) + " delayed days per 100,000 adults "
            + "(the sum of the monthly rates)")));
    ConsoleAccess.Visible<DelayCensus.Delayed> delayed = measures.delayedNow(me, scope.borough());
    now.setItems(delayed.rows());
    nowHidden.setText(hiddenWords(delayed.rows().size(), delayed.hidden()));
    behindSection.setVisible(false);
    estimates.setItems(population.list(me));
  }

  private void showMonthly(List<DelayMeasures.MonthFigure> figures) {
    monthKeys = months();
    // Groups in code order, "not recorded" last, so the stack reads the same every month.
    Map<String, String> labels = new TreeMap<>(Comparator.nullsLast(String::compareTo));
    figures.forEach(f -> labels.put(f.key(), f.label()));
    groupKeys = new ArrayList<>(labels.keySet());
    List<Chart.Series> series = new ArrayList<>();
    for (String key : groupKeys) {
      List<Number> days = new ArrayList<>();
      for (YearMonth m : monthKeys) {
        days.add(figures.stream().filter(f -> f.month().equals(m) && Objects.equals(f.key(), key))
            .mapToLong(DelayMeasures.MonthFigure::days).sum());
      }
      series.add(Chart.Series.of(labels.get(key), days));
    }
    monthly.update(monthKeys.stream().map(MONTH::format).toList(), series);
  }

  private void showTrend(List<MonthRate> monthRates) {
    List<YearMonth> months = months();
    List<Chart.Series> series = new ArrayList<>();
    monthRates.stream().collect(Collectors.groupingBy(MonthRate::borough, LinkedHashMap::new, Collectors.toList()))
        .forEach((code, rows) -> series.add(Chart.Series.of(DelayMeasures.boroughLabel(code), months.stream()
            .map(m -> rows.stream().filter(r -> r.month().equals(m)).findFirst()
                .map(r -> (Number) DelayMeasures.rounded(r.rate())).orElse(null))
            .toList())));
    trend.update(months.stream().map(MONTH::format).toList(), series);
  }

  private List<YearMonth> months() {
    List<YearMonth> months = new ArrayList<>();
    for (YearMonth m = YearMonth.from(scope.from()); !m.isAfter(YearMonth.from(scope.to())); m = m.plusMonths(1)) {
      months.add(m);
    }
    return months;
  }

  /** The scope narrowed to one month. */
  private Scope clip(YearMonth month) {
    LocalDate first = month.atDay(1).isBefore(scope.from()) ? scope.from() : month.atDay(1);
    LocalDate last = month.atEndOfMonth().isAfter(scope.to()) ? scope.to() : month.atEndOfMonth();
    return new Scope(first, last, scope.borough());
  }

  private void buildGroups() {
    add(new H3("Delayed days by national reason group and attribution"));
    groups.addColumn(GroupByAttribution::label).setHeader("Reason group").setFlexGrow(1);
    groups.addColumn(GroupByAttribution::nhs).setHeader("NHS").setWidth("7rem").setFlexGrow(0);
    groups.addColumn(GroupByAttribution::socialCare).setHeader("Social care").setWidth("8rem").setFlexGrow(0);
    groups.addColumn(GroupByAttribution::both).setHeader("Both").setWidth("7rem").setFlexGrow(0);
    groups.addColumn(GroupByAttribution::notRecorded).setHeader("Not recorded").setWidth("8rem").setFlexGrow(0);
    groups.addColumn(GroupByAttribution::total).setHeader("Total").setWidth("7rem").setFlexGrow(0);
    groups.addComponentColumn(g -> patientsButton(By.REASON_GROUP, g.code(), g.label(), g.total()))
        .setHeader("").setWidth("8rem").setFlexGrow(0);
    table(groups);
    add(groups, csv("delayed-days-by-reason-group", () -> CsvTable.of(measures.byReasonGroupAndAttribution(me, scope))
        .column("National code", GroupByAttribution::code).column("Reason group", GroupByAttribution::label)
        .column("NHS", GroupByAttribution::nhs).column("Social care", GroupByAttribution::socialCare)
        .column("Both", GroupByAttribution::both).column("Not recorded", GroupByAttribution::notRecorded)
        .column("Total", GroupByAttribution::total)));
  }

  private void buildBreakdown(By by) {
    Grid<Figure> grid = new Grid<>();
    add(new H3("Delayed days by " + by.label().toLowerCase()));
    grid.addColumn(Figure::label).setHeader(by.label()).setFlexGrow(1);
    grid.addColumn(Figure::days).setHeader("Delayed days").setWidth("9rem").setFlexGrow(0);
    grid.addComponentColumn(fig -> patientsButton(by, fig.key(), fig.label(), fig.days()))
        .setHeader("").setWidth("8rem").setFlexGrow(0);
    table(grid);
    breakdowns.put(by, grid);
    add(grid, csv("delayed-days-by-" + by.name().toLowerCase().replace('_', '-'), () -> CsvTable.of(
        measures.by(me, scope, by)).column(by.label(), Figure::label).column("Delayed days", Figure::days)));
  }

  private Button patientsButton(By by, String key, String label, long days) {
    Button button = new Button("Patients", e -> showBehind(by, key, label));
    button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    button.getElement().setAttribute("aria-label", "Patients behind " + days + " delayed days: " + label);
    return button;
  }

  private void buildBehind() {
    behind.addComponentColumn(p -> new RouterLink(Formats.nhsNumber(p.nhsNumber()) + " " + p.patient(),
        JourneyView.class, p.referralId().toString())).setHeader("Patient").setWidth("16rem").setFlexGrow(0);
    behind.addColumn(p -> DelayMeasures.boroughLabel(p.borough())).setHeader("Borough").setWidth("11rem")
        .setFlexGrow(0);
    behind.addColumn(PatientDays::days).setHeader("Delayed days").setWidth("8rem").setFlexGrow(0);
    behind.addColumn(p -> DAY.format(p.lastDay())).setHeader("Last delayed").setWidth("8rem").setFlexGrow(0);
    behind.addColumn(PatientDays::reason).setHeader("Reason then").setFlexGrow(1);
    behind.addColumn(PatientDays::attribution).setHeader("Attribution then").setWidth("11rem").setFlexGrow(0);
    table(behind);
    Button close = new Button("Close the list", e -> behindSection.setVisible(false));
    close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    behindSection.add(behindTitle, behindHidden, behind, close);
    behindSection.setPadding(false);
    behindSection.setVisible(false);
    add(behindSection);
  }

  void showBehind(By by, String key, String label) {
    showBehind(scope, by, key, label);
  }

  void showBehind(Scope within, By by, String key, String label) {
    ConsoleAccess.Visible<PatientDays> visible = measures.patientsBehind(me, within, by, key);
    behindTitle.setText("Patients behind: " + by.label().toLowerCase() + " \u201c" + label + "\u201d, "
        + DAY.format(within.from()) + " to " + DAY.format(within.to()));
    behind.setItems(visible.rows());
    behindHidden.setText(hiddenWords(visible.rows().size(), visible.hidden()));
    behindSection.setVisible(true);
    behindTitle.getElement().executeJs("this.scrollIntoView()");
  }

  private void buildRates() {
    add(new H3("Delayed days per 100,000 adults (18+)"));
    add(new Paragraph("Each day's delayed days are divided by the borough's adult population estimate in force "
        + "that day and multiplied by 100,000; a month is the sum of its days, a period the sum of its months."));
    rates.addColumn(r -> DelayMeasures.boroughLabel(r.borough())).setHeader("Borough").setWidth("12rem")
        .setFlexGrow(0);
    rates.addColumn(r -> MONTH.format(r.month())).setHeader("Month").setWidth("8rem").setFlexGrow(0);
    rates.addColumn(MonthRate::days).setHeader("Delayed days").setWidth("8rem").setFlexGrow(0);
    rates.addColumn(DelaysView::denominators).setHeader("Population used").setFlexGrow(1);
    rates.addColumn(r -> r.rate() == null ? "no estimate for " + r.daysWithoutEstimate() + " delayed days"
        : rate(r.rate())).setHeader("Per 100,000 adults").setWidth("11rem").setFlexGrow(0);
    table(rates);
    rateTotals.setPadding(false);
    rateTotals.setSpacing(false);
    add(rates, rateTotals, csv("delayed-days-per-100000-adults", () -> CsvTable.of(
            measures.perHundredThousandAdults(me, scope))
        .column("Borough", r -> DelayMeasures.boroughLabel(r.borough())).column("Month", r -> r.month().toString())
        .column("Delayed days", MonthRate::days).column("Population used", DelaysView::denominators)
        .column("Per 100,000 adults", r -> r.rate() == null ? null : rate(r.rate()))
        .column("Per 100,000 adults (full precision)", r -> r.rate() == null ? null : r.rate().toPlainString())));
  }

  static String denominators(MonthRate r) {
    if (r.denominators().isEmpty()) {
      return "no estimate";
    }
    return r.denominators().stream().map(d -> NumberFormat.getIntegerInstance(Locale.UK).format(d.population())
        + " (" + DAY.format(d.from()) + " to " + DAY.format(d.to()) + ")").collect(Collectors.joining("; "));
  }

  private void buildNow() {
    add(new H3("Delayed now"));
    now.addComponentColumn(d -> new RouterLink(Formats.nhsNumber(d.nhsNumber()) + " " + d.patient(),
        JourneyView.class, d.referralId().toString())).setHeader("Patient").setWidth("16rem").setFlexGrow(0);
    now.addColumn(d -> DelayMeasures.boroughLabel(d.borough())).setHeader("Borough").setWidth("11rem")
        .setFlexGrow(0);
    now.addColumn(DelayCensus.Delayed::daysSinceReady).setHeader("Days since ready").setWidth("9rem")
        .setFlexGrow(0);
    now.addColumn(d -> measures.reasonLabel(d.reason())).setHeader("Reason").setFlexGrow(1);
    now.addColumn(d -> d.nationalCode() == null ? "" : d.nationalCode()).setHeader("Group").setWidth("6rem")
        .setFlexGrow(0);
    now.addColumn(d -> measures.attributionLabel(d.attribution())).setHeader("Attribution").setWidth("11rem")
        .setFlexGrow(0);
    now.addColumn(d -> measures.label(By.SETTING, d.setting())).setHeader("Setting").setWidth("8rem")
        .setFlexGrow(0);
    now.addColumn(d -> DelayMeasures.providerLabel(d.provider())).setHeader("Provider").setWidth("13rem")
        .setFlexGrow(0);
    table(now);
    add(nowHidden, now, csv("delayed-now", () -> CsvTable.of(measures.delayedNow(me, scope.borough()).rows())
        .column("NHS number", DelayCensus.Delayed::nhsNumber).column("Patient", DelayCensus.Delayed::patient)
        .column("Borough", d -> DelayMeasures.boroughLabel(d.borough()))
        .column("Days since ready", DelayCensus.Delayed::daysSinceReady)
        .column("Reason", d -> measures.reasonLabel(d.reason()))
        .column("Group", DelayCensus.Delayed::nationalCode)
        .column("Attribution", d -> measures.attributionLabel(d.attribution()))
        .column("Setting", d -> measures.label(By.SETTING, d.setting()))
        .column("Provider", d -> DelayMeasures.providerLabel(d.provider()))));
  }

  private void buildEstimates() {
    add(new H3("Population estimates"));
    add(new Paragraph("The adult population (18+) of each borough divides the delayed days. A new estimate closes "
        + "the one in force the day before it starts; correct an estimate to fix a typo in its figure, dates or "
        + "source."));
    estimates.addColumn(e -> DelayMeasures.boroughLabel(e.borough())).setHeader("Borough").setWidth("12rem")
        .setFlexGrow(0);
    estimates.addColumn(Estimate::ageBand).setHeader("Ages").setWidth("5rem").setFlexGrow(0);
    estimates.addColumn(e -> NumberFormat.getIntegerInstance(Locale.UK).format(e.population())).setHeader("People")
        .setWidth("8rem").setFlexGrow(0);
    estimates.addColumn(e -> DAY.format(e.validFrom())).setHeader("From").setWidth("8rem").setFlexGrow(0);
    estimates.addColumn(e -> e.validTo() == null ? "until the next" : DAY.format(e.validTo())).setHeader("To")
        .setWidth("8rem").setFlexGrow(0);
    estimates.addColumn(Estimate::source).setHeader("Source").setFlexGrow(1);
    estimates.addColumn(e -> e.changedBy() + ", " + Formats.dateTime(e.changedAt())).setHeader("Changed by")
        .setWidth("13rem").setFlexGrow(0);
    estimates.addComponentColumn(e -> {
      Button correct = new Button("Correct", click -> estimateForm.correct(e));
      correct.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
      correct.getElement().setAttribute("aria-label", "Correct the estimate of "
          + DelayMeasures.boroughLabel(e.borough()) + " from " + DAY.format(e.validFrom()));
      return correct;
    }).setHeader("").setWidth("7rem").setFlexGrow(0);
    table(estimates);
    add(estimates, csv("population-estimates", () -> CsvTable.of(population.list(me))
        .column("Borough", e -> DelayMeasures.boroughLabel(e.borough())).column("Ages", Estimate::ageBand)
        .column("People", Estimate::population).column("From", e -> e.validFrom().toString())
        .column("To", e -> e.validTo() == null ? null : e.validTo().toString()).column("Source", Estimate::source)
        .column("Changed by", Estimate::changedBy).column("Changed at", e -> e.changedAt().toString())));
    add(estimateForm);
  }

  /** Adds an estimate, or corrects the one chosen in the table; problems shown at their fields. */
  class EstimateForm extends VerticalLayout {
    final H3 title = new H3("Add an estimate");
    final Select<String> estimateBorough = new Select<>();
    final TextField band = new TextField("Ages");
    final IntegerField people = new IntegerField("People");
    final DatePicker validFrom = new DatePicker("From");
    final DatePicker validTo = new DatePicker("To (empty: until the next estimate)");
    final TextField source = new TextField("Source");
    final Button save = new Button("Add estimate", e -> save());
    final Button cancel = new Button("Cancel correction", e -> reset());
    private Estimate correcting;

    EstimateForm() {
      setPadding(false);
      estimateBorough.setLabel("Borough");
      estimateBorough.setItems(List.of(Borough.values()).stream().map(Borough::code).toList());
      estimateBorough.setItemLabelGenerator(DelayMeasures::boroughLabel);
      band.setValue(DelayMeasures.ADULTS);
      band.setWidth("6rem");
      people.setMin(1);
      validFrom.setLocale(Locale.UK);
      validTo.setLocale(Locale.UK);
      source.setPlaceholder("e.g. ONS mid-year estimate 2024");
      source.setWidth("24rem");
      save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
      HorizontalLayout fields = new HorizontalLayout(estimateBorough, band, people, validFrom, validTo, source);
      fields.getStyle().set("flex-wrap", "wrap");
      fields.setAlignItems(FlexComponent.Alignment.BASELINE);
      add(title, fields, new HorizontalLayout(save, cancel));
      reset();
    }

    void correct(Estimate e) {
      correcting = e;
      title.setText("Correct the estimate of " + DelayMeasures.boroughLabel(e.borough()) + " (" + e.ageBand()
          + ") from " + DAY.format(e.validFrom()));
      estimateBorough.setValue(e.borough());
      band.setValue(e.ageBand());
      people.setValue(e.population());
      validFrom.setValue(e.validFrom());
      validTo.setValue(e.validTo());
      source.setValue(e.source() == null ? "" : e.source());
      estimateBorough.setReadOnly(true);
      band.setReadOnly(true);
      validTo.setVisible(true);
      save.setText("Save correction");
      cancel.setVisible(true);
      clearErrors();
      people.focus();
    }

    void reset() {
      correcting = null;
      title.setText("Add an estimate");
      estimateBorough.setReadOnly(false);
      band.setReadOnly(false);
      estimateBorough.clear();
      band.setValue(DelayMeasures.ADULTS);
      people.clear();
      validFrom.clear();
      validTo.clear();
      validTo.setVisible(false);
      source.clear();
      save.setText("Add estimate");
      cancel.setVisible(false);
      clearErrors();
    }

    void save() {
      clearErrors();
      Draft draft = new Draft(estimateBorough.getValue(), band.getValue(), people.getValue(), validFrom.getValue(),
          validTo.getValue(), source.getValue());
      try {
        Estimate saved = correcting == null ? population.add(me, draft)
            : population.correct(me, correcting.id(), draft);
        Notification.show((correcting == null ? "Added: " : "Corrected: ")
                + DelayMeasures.boroughLabel(saved.borough()) + " " + NumberFormat.getIntegerInstance(Locale.UK)
                .format(saved.population()) + " from " + DAY.format(saved.validFrom()))
            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        reset();
        refresh();
      } catch (InvalidEstimate invalid) {
        invalid.problems().forEach((field, words) -> {
          HasValidation f = field(field);
          f.setErrorMessage(capitalised(words));
          f.setInvalid(true);
        });
        Notification.show("Not saved: " + invalid.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
      }
    }

    private HasValidation field(String name) {
      return switch (name) {
        case "borough" -> estimateBorough;
        case "ageBand" -> band;
        case "population" -> people;
        case "validTo" -> validTo;
        case "source" -> source;
        default -> validFrom;
      };
    }

    private void clearErrors() {
      for (HasValidation f : List.<HasValidation>of(estimateBorough, band, people, validFrom, validTo, source)) {
        f.setInvalid(false);
        f.setErrorMessage(null);
      }
    }
  }

  private static void table(Grid<?> grid) {
    grid.setAllRowsVisible(true);
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
  }

  /**
   * A CSV download of a table as shown, through the console's audited export; its name in the
   * audit log and its file name carry the period and borough chosen when it is asked for.
   */
  private Component csv(String name, Supplier<CsvTable<?>> table) {
    return new Span(csv.link(me, () -> "delays: " + name + ", " + scopeName(),
        () -> name + "-" + scopeName() + ".csv",
        "Download the table above as CSV (" + name.replace('-', ' ') + ")", table));
  }

  private String scopeName() {
    return scope == null ? "" : scope.from() + "-to-" + scope.to() + (scope.borough() == null ? "" : "-"
        + scope.borough());
  }

  static String rate(BigDecimal rate) {
    return rate == null ? "not known (a month without an estimate)" : DelayMeasures.rounded(rate).toPlainString();
  }

  private static String hiddenWords(int shown, int hidden) {
    return (shown == 0 ? "No patients you may see." : shown + (shown == 1 ? " patient." : " patients."))
        + (hidden == 0 ? "" : " " + hidden + " more outside your teams (counted in the figures).");
  }

  private static String capitalised(String words) {
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
