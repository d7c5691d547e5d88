package org.homefirst.console;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import jakarta.annotation.security.PermitAll;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyView;
import org.homefirst.referral.Borough;
import org.homefirst.referral.Hospital;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Returns and outcome measures: choose a return and a period, read the figures with their
 * definitions and the patients behind them, freeze and submit, and later open or re-run what
 * was submitted to see what has changed. Console users only.
 */
@Route(value = "console/returns", layout = MainLayout.class)
@PageTitle("Returns | Home First")
@PermitAll
public class ReturnsView extends VerticalLayout {

  private static final String ANY = "";

  final Select<ReturnKind> kind = new Select<>();
  final DatePicker from = new DatePicker("From");
  final DatePicker to = new DatePicker("To (included)");
  final Select<String> borough = new Select<>();
  final Select<String> hospital = new Select<>();
  final Select<String> pathway = new Select<>();
  final Button show = new Button("Show figures", e -> showComputed());
  final Button submit = new Button("Freeze and submit\u2026", e -> confirmSubmit());
  final VerticalLayout result = new VerticalLayout();
  final VerticalLayout difference = new VerticalLayout();
  final Grid<Returns.Submission> submissions = new Grid<>();
  final Paragraph noSubmissions = new Paragraph("No return has been submitted yet.");

  private final Returns returns;
  private final CsvDownload csv;
  private final TeamMember me;
  private Returns.ReturnReport shown;
  ConfirmDialog dialog;

  public ReturnsView(Returns returns, CsvDownload csv, ConsoleAccess access) {
    this.returns = returns;
    this.csv = csv;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new ConsoleTabs("console/returns"), new H2("Returns"));
    if (!access.mayOpen(me)) {
      try {
        access.checkMayOpen(me, "returns");
      } catch (ConsoleRefused refused) {
        add(new Paragraph(refused.getMessage() + "."));
      }
      getElement().setAttribute("data-refused", "true");
      return;
    }
    add(new Paragraph("Figures for a period from the same records as the live console. Freezing a return stores "
        + "its figures and the patients behind them, with who and when; nobody can change it afterwards. "
        + "Re-run a submitted return to see what has changed since."));
    add(controls(), result);
    result.setPadding(false);
    difference.setPadding(false);
    submissions.addColumn(s -> Formats.dateTime(s.submittedAt())).setHeader("Submitted").setWidth("9.5rem")
        .setFlexGrow(0);
    submissions.addColumn(Returns.Submission::submittedBy).setHeader("By").setWidth("9rem").setFlexGrow(0);
    submissions.addColumn(s -> s.kind().label()).setHeader("Return").setFlexGrow(1);
    submissions.addColumn(s -> s.period().words()).setHeader("Period").setWidth("13rem").setFlexGrow(0);
    submissions.addColumn(s -> s.scope().words()).setHeader("Scope").setWidth("12rem").setFlexGrow(0);
    submissions.addComponentColumn(s -> {
      Button open = new Button("Open", e -> showSubmitted(s.id()));
      open.addThemeVariants(ButtonVariant.LUMO_SMALL);
      open.getElement().setAttribute("aria-label", "Open submission " + s.id() + " as submitted");
      Button rerun = new Button("Re-run", e -> showDifference(s.id()));
      rerun.addThemeVariants(ButtonVariant.LUMO_SMALL);
      rerun.getElement().setAttribute("aria-label", "Re-run submission " + s.id() + " now and compare");
      return new HorizontalLayout(open, rerun);
    }).setHeader("").setWidth("11rem").setFlexGrow(0);
    submissions.setAllRowsVisible(true);
    submissions.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
    add(new H3("Submitted returns"), noSubmissions, submissions, difference);
    refreshSubmissions();
    showComputed();
  }

  private Component controls() {
    kind.setLabel("Return");
    kind.setItems(ReturnKind.values());
    kind.setItemLabelGenerator(ReturnKind::label);
    kind.setValue(ReturnKind.DRD_DELAY);
    kind.setWidth("26rem");
    kind.addValueChangeListener(e -> {
      if (e.isFromClient()) {
        defaultPeriod();
      }
      pathway.setEnabled(e.getValue().byPathway());
    });
    borough.setLabel("Borough");
    borough.setItems(prepend(Arrays.stream(Borough.values()).map(Borough::code).toList()));
    borough.setItemLabelGenerator(c -> c.isEmpty() ? "All boroughs"
        : Borough.ofCode(c).map(Borough::label).orElse(c));
    borough.setValue(ANY);
    hospital.setLabel("Hospital");
    hospital.setItems(prepend(Arrays.stream(Hospital.values()).map(Hospital::code).toList()));
    hospital.setItemLabelGenerator(c -> c.isEmpty() ? "All hospitals"
        : Hospital.ofCode(c).map(Hospital::label).orElse(c));
    hospital.setValue(ANY);
    pathway.setLabel("Pathway");
    pathway.setItems(ANY, "0", "1", "2", "3");
    pathway.setItemLabelGenerator(c -> c.isEmpty() ? "All pathways" : "Pathway " + c);
    pathway.setValue(ANY);
    from.setLocale(java.util.Locale.UK);
    to.setLocale(java.util.Locale.UK);
    defaultPeriod();
    show.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    HorizontalLayout row = new HorizontalLayout(kind, from, to, borough, hospital, pathway, show);
    row.setAlignItems(FlexComponent.Alignment.BASELINE);
    row.getStyle().set("flex-wrap", "wrap");
    return row;
  }

  private static List<String> prepend(List<String> codes) {
    List<String> all = new ArrayList<>();
    all.add(ANY);
    all.addAll(codes);
    return all;
  }

  void defaultPeriod() {
    ReturnPeriod p = kind.getValue().defaultPeriod(returns.today());
    from.setValue(p.from());
    to.setValue(p.to());
  }

  ReturnScope scope() {
    return new ReturnScope(blankToNull(borough.getValue()), blankToNull(hospital.getValue()),
        kind.getValue().byPathway() && !pathway.getValue().isEmpty() ? Integer.valueOf(pathway.getValue()) : null);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  void showComputed() {
    ReturnPeriod period;
    try {
      period = new ReturnPeriod(from.getValue(), to.getValue());
    } catch (IllegalArgumentException e) {
      Notification.show(e.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
      return;
    }
    Returns.ReturnReport report = returns.compute(me, kind.getValue(), period, scope());
    difference.removeAll();
    render(report, "Computed now from the current records, " + Formats.dateTime(returns.now()), true);
  }

  void showSubmitted(long id) {
    Returns.Submitted s = returns.open(me, id);
    difference.removeAll();
    render(s.report(), "Submission " + id + ", as submitted by " + s.submission().submittedBy() + " on "
        + Formats.dateTime(s.submission().submittedAt()) + ": stored, not recomputed", false);
  }

  private void render(Returns.ReturnReport report, String provenance, boolean submittable) {
    shown = report;
    result.removeAll();
    result.add(new H3(report.title()));
    Paragraph where = new Paragraph(provenance);
    where.getElement().setAttribute("data-provenance", submittable ? "computed" : "submitted");
    result.add(where);
    Grid<Figure> figures = figureGrid(report.figures());
    Anchor excel = new Anchor(workbook(report, provenance), "Download Excel workbook");
    excel.getElement().setAttribute("download", "return.xlsx");
    HorizontalLayout actions = new HorizontalLayout(
        csv.link(me, "figures: " + report.title(), "return-figures.csv", () -> CsvTable.of(report.figures())
            .column("Figure", Figure::label).column("Value", Figure::value).column("Unit", Figure::unit)
            .column("Numerator", Figure::numerator).column("Denominator", Figure::denominator)
            .column("Target", Figure::target).column("Against target", Figure::judged)
            .column("Definition", Figure::definition).column("Source", Figure::source)),
        excel);
    actions.setAlignItems(FlexComponent.Alignment.BASELINE);
    if (submittable) {
      submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
      actions.add(submit);
    }
    result.add(figures, actions);
    charts(report).forEach(result::add);
    for (Basis basis : report.bases()) {
      result.add(basisSection(report, basis));
    }
  }

  /** The pathway mix against the expected split, and the DRD delay bands: each also a table. */
  static List<Chart> charts(Returns.ReturnReport report) {
    Map<String, Figure> byCode = new java.util.HashMap<>();
    report.figures().forEach(f -> byCode.put(f.code(), f));
    return switch (report.kind()) {
      case FLOW -> List.of(Chart.bars("Pathway mix against the expected split",
              List.of("Pathway 0", "Pathway 1", "Pathway 2", "Pathway 3"),
              Chart.Series.of("Discharges (%)", java.util.stream.IntStream.rangeClosed(0, 3)
                  .mapToObj(p -> byCode.get("flow.pathway." + p).value()).toList()),
              // The national expectation as numbers: at least 50, about 45, at most 4, at most 1.
              Chart.Series.of("Expected (%)", 50, 45, 4, 1))
          .axes("Pathway", "% of discharges with a pathway"));
      case DRD_DELAY -> List.of(Chart.bars("Discharges by days from the discharge ready date",
              ReturnMeasures.DELAY_BANDS, Chart.Series.of("Discharges", ReturnMeasures.DELAY_BANDS.stream()
                  .map(b -> byCode.get("drd.band." + b).numerator()).toList()))
          .axes("Days from the DRD to discharge", "Discharges"));
      default -> List.of();
    };
  }

  private DownloadHandler workbook(Returns.ReturnReport report, String provenance) {
    return event -> {
      byte[] bytes = returns.workbook(me, report, provenance);
      event.setFileName(report.kind().name().toLowerCase().replace('_', '-') + "-" + report.period().from() + ".xlsx");
      event.setContentType(ReturnWorkbook.CONTENT_TYPE);
      event.setContentLength(bytes.length);
      event.getOutputStream().write(bytes);
    };
  }

  static Grid<Figure> figureGrid(List<Figure> items) {
    Grid<Figure> grid = new Grid<>();
    grid.addColumn(Figure::label).setHeader("Figure").setWidth("18rem").setFlexGrow(0);
    grid.addColumn(Figure::shown).setHeader("Value").setWidth("11rem").setFlexGrow(0);
    grid.addColumn(f -> f.target() == null ? "" : f.target() + (f.met() == null ? "" : ": " + f.judged()))
        .setHeader("Target").setWidth("10rem").setFlexGrow(0);
    grid.addColumn(f -> f.definition() + " Source: " + f.source() + ".").setHeader("Definition and source")
        .setFlexGrow(1);
    grid.setItems(items);
    grid.setAllRowsVisible(true);
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
    return grid;
  }

  private Component basisSection(Returns.ReturnReport report, Basis basis) {
    ConsoleAccess.Visible<BasisRow> visible = returns.visible(me, report, basis);
    Map<UUID, Returns.Patient> patients = returns.patients(visible.rows().stream().map(BasisRow::referralId).toList());
    VerticalLayout section = new VerticalLayout();
    section.setPadding(false);
    section.add(new H4(basis.name() + " (" + basis.rows().size() + ")"), new Paragraph(basis.description()
        + (visible.hidden() > 0 ? " " + visible.hidden() + " of these patients are outside your teams and not listed."
            : "")));
    if (visible.rows().isEmpty()) {
      return section;
    }
    Grid<BasisRow> grid = new Grid<>();
    grid.addComponentColumn(r -> patientLink(r.referralId(), patients)).setHeader("Patient").setKey("patient")
        .setWidth("15rem").setFlexGrow(0);
    for (String column : basis.columns()) {
      grid.addColumn(r -> r.values().getOrDefault(column, "")).setHeader(column).setAutoWidth(true);
    }
    grid.setItems(visible.rows());
    grid.setHeight("20rem");
    grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
    CsvTable<BasisRow> table = CsvTable.of(visible.rows()).column("Referral", BasisRow::referralId)
        .column("NHS number", r -> Optional.ofNullable(patients.get(r.referralId())).map(Returns.Patient::nhsNumber)
            .orElse(""));
    for (String column : basis.columns()) {
      table.column(column, r -> r.values().getOrDefault(column, ""));
    }
    section.add(grid, csv.link(me, basis.name() + ": " + report.title(), "return-basis.csv", () -> table));
    return section;
  }

  private static Component patientLink(UUID referralId, Map<UUID, Returns.Patient> patients) {
    Returns.Patient p = patients.get(referralId);
    String text = p == null ? referralId.toString() : Formats.nhsNumber(p.nhsNumber()) + " " + p.name();
    return new RouterLink(text, JourneyView.class, referralId.toString());
  }

  void confirmSubmit() {
    Returns.ReturnReport report = shown;
    dialog = new ConfirmDialog();
    dialog.setHeader("Freeze and submit this return?");
    dialog.setText(report.title() + ": " + report.figures().size() + " figures and " + report.patientRows()
        + " patient rows will be stored as submitted by " + me.username()
        + ". Nobody can change a submitted return afterwards.");
    dialog.setCancelable(true);
    dialog.setCancelText("Cancel");
    dialog.setConfirmText("Freeze and submit");
    dialog.addConfirmListener(e -> submitShown());
    dialog.open();
  }

  void submitShown() {
    Returns.ReturnReport report = shown;
    long id = returns.submit(me, report.kind(), report.period(), report.scope());
    Notification.show("Submitted and frozen: " + report.title() + " (submission " + id + ")")
        .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    refreshSubmissions();
    showSubmitted(id);
  }

  void showDifference(long id) {
    Returns.Difference d = returns.rerun(me, id);
    difference.removeAll();
    Returns.Submission s = d.submitted().submission();
    difference.add(new H3("Submission " + id + " re-run now"), new Paragraph(d.submitted().report().title()
        + ", submitted by " + s.submittedBy() + " on " + Formats.dateTime(s.submittedAt()) + ". "
        + (d.none() ? "Nothing has changed since it was submitted."
            : "Differences between what was submitted and the same return computed now:")));
    Grid<Returns.FigureChange> figures = new Grid<>();
    figures.addColumn(Returns.FigureChange::label).setHeader("Figure").setFlexGrow(1);
    figures.addColumn(Returns.FigureChange::submitted).setHeader("Submitted").setWidth("12rem").setFlexGrow(0);
    figures.addColumn(Returns.FigureChange::now).setHeader("Now").setWidth("12rem").setFlexGrow(0);
    figures.addColumn(c -> c.changed() ? "changed" : "same").setHeader("").setWidth("7rem").setFlexGrow(0);
    figures.setItems(d.figures());
    figures.setAllRowsVisible(true);
    figures.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
    difference.add(figures, csv.link(me, "figure differences of submission " + id, "return-differences.csv",
        () -> CsvTable.of(d.figures()).column("Figure", Returns.FigureChange::label)
            .column("Submitted", Returns.FigureChange::submitted).column("Now", Returns.FigureChange::now)
            .column("Changed", c -> c.changed() ? "yes" : "no")));
    ConsoleAccess.Visible<Returns.BasisChange> changes = returns.visibleChanges(me, d);
    Map<UUID, Returns.Patient> patients = returns.patients(
        changes.rows().stream().map(Returns.BasisChange::referralId).toList());
    difference.add(new H4("Patients added, removed or changed (" + d.patients().size() + ")"));
    if (changes.hidden() > 0) {
      difference.add(new Paragraph(changes.hidden() + " of these changes concern patients outside your teams and "
          + "are not listed."));
    }
    if (!changes.rows().isEmpty()) {
      Grid<Returns.BasisChange> grid = new Grid<>();
      grid.addComponentColumn(c -> patientLink(c.referralId(), patients)).setHeader("Patient").setWidth("15rem")
          .setFlexGrow(0);
      grid.addColumn(Returns.BasisChange::basis).setHeader("In").setWidth("14rem").setFlexGrow(0);
      grid.addColumn(Returns.BasisChange::change).setHeader("Change").setWidth("7rem").setFlexGrow(0);
      grid.addColumn(Returns.BasisChange::detail).setHeader("What changed").setFlexGrow(1);
      grid.setItems(changes.rows());
      grid.setAllRowsVisible(changes.rows().size() <= 20);
      grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
      difference.add(grid);
    }
    difference.scrollIntoView();
  }

  void refreshSubmissions() {
    List<Returns.Submission> all = returns.submissions(me);
    submissions.setItems(all);
    submissions.setVisible(!all.isEmpty());
    noSubmissions.setVisible(all.isEmpty());
  }

  /** The return on screen now. */
  Returns.ReturnReport shown() {
    return shown;
  }
}
