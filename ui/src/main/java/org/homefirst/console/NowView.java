package org.homefirst.console;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.homefirst.base.Formats;
import org.homefirst.base.MainLayout;
import org.homefirst.inbox.TaskBoard;
import org.homefirst.inbox.TeamMember;
import org.homefirst.journey.JourneyView;
import org.homefirst.referral.Borough;
import org.homefirst.referral.Hospital;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The console's first page: the live picture of who is waiting, who is stranded, which clocks
 * are breached or about to be, and who holds each delayed patient. Every number opens the list of
 * its patients, and each patient their journey. Refreshes itself when the journeys change.
 */
@Route(value = "console", layout = MainLayout.class)
@PageTitle("Manager console: now | Home First")
@PermitAll
public class NowView extends VerticalLayout {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.UK)
      .withZone(Formats.LONDON);

  private final NowPicture now;
  private final TaskBoard board;
  private final TeamMember me;
  private NowPicture.Picture picture;
  private Registration boardRegistration;
  private Registration pollRegistration;

  final Paragraph updated = new Paragraph();
  final HorizontalLayout figures = new HorizontalLayout();
  final Figure waiting = new Figure("waiting for discharge support", new NowPicture.Selection.Waiting());
  final Figure stranded = new Figure("stranded (7+ days in hospital)", new NowPicture.Selection.Stranded());
  final Figure superStranded = new Figure("super-stranded (21+ days)", new NowPicture.Selection.SuperStranded());
  final Figure breached = new Figure("open SLA breaches", new NowPicture.Selection.Breached());
  final Figure dueSoon = new Figure("SLA clocks due within 4 hours", new NowPicture.Selection.DueSoon());
  final Figure incidents = new Figure("open incidents", new NowPicture.Selection.Incidents());
  final Chart bands = Chart.stackedBars("Waiting for discharge support, by days since the discharge ready date",
          NowPicture.BANDS, new Chart.Series[0])
      .axes("Days since the discharge ready date", "Patients")
      .whenEmpty("Nobody is waiting for discharge support: no patient in hospital has a discharge ready date.");
  final Grid<Map.Entry<String, Long>> holders = new Grid<>();
  final Paragraph noHolders = new Paragraph("No patient is past their discharge ready date.");
  final VerticalLayout drill = new VerticalLayout();
  final H3 drillTitle = new H3();
  final Paragraph drillHidden = new Paragraph();
  final Grid<NowPicture.PatientRow> patients = new Grid<>();
  final Paragraph drillEmpty = new Paragraph("No patients in this list now.");

  public NowView(NowPicture now, TaskBoard board) {
    this.now = now;
    this.board = board;
    this.me = TeamMember.of(SecurityContextHolder.getContext().getAuthentication());
    add(new ConsoleTabs("console"));
    add(new H2("Now"));
    try {
      picture = now.now(me);
    } catch (ConsoleRefused refused) {
      add(new Paragraph(refused.getMessage() + "."));
      getElement().setAttribute("data-refused", "true");
      return;
    }
    updated.getElement().setAttribute("aria-live", "polite");
    updated.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
    figures.getStyle().set("flex-wrap", "wrap");
    figures.add(waiting, stranded, superStranded, breached, dueSoon, incidents);
    figures.setWidthFull();
    Paragraph strandedHow = new Paragraph("Stranded: in hospital 7 days or more since admission (SAFER); BHR counts "
        + "more than 6 days, the same patients. Super-stranded: 21 days or more. Counted over the referred "
        + "patients still in hospital.");
    strandedHow.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
    bands.onClick(c -> show(new NowPicture.Selection.Band(c.category(), c.series())));
    holders.addComponentColumn(e -> new Span(e.getKey())).setHeader("Held by").setFlexGrow(1);
    holders.addComponentColumn(e -> figureLink(String.valueOf(e.getValue()),
            "Open the " + e.getValue() + " delayed patients held by " + e.getKey(),
            new NowPicture.Selection.HeldBy(e.getKey())))
        .setHeader("Delayed patients").setAutoWidth(true).setFlexGrow(0);
    holders.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    holders.setAllRowsVisible(true);
    holders.getElement().setAttribute("aria-label", "Who holds the delayed patients");
    Paragraph holdersHow = new Paragraph("From the workflow: the team whose task is open, else the partner whose "
        + "decision is awaited, else the step the journey is at. Delayed: past the discharge ready date.");
    holdersHow.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
    RouterLink diagram = new RouterLink("Where journeys wait: the heatmap on the diagram", DiagramView.class);
    buildDrill();
    // The list opens right under the numbers it explains.
    add(updated, figures, strandedHow, drill, bands, new H3("Who holds the delayed patients"), holdersHow, noHolders,
        holders, diagram);
    draw();
  }

  private void buildDrill() {
    drill.setPadding(false);
    drill.setVisible(false);
    drill.getElement().setAttribute("data-drill", "true");
    drillTitle.getStyle().set("margin", "0");
    patients.addComponentColumn(p -> new RouterLink(Formats.nhsNumber(p.nhsNumber()) + " " + p.patient(),
            JourneyView.class, p.referralId().toString()))
        .setHeader("Patient").setAutoWidth(true).setFlexGrow(0);
    patients.addColumn(p -> boroughAndHospital(p)).setHeader("Borough, hospital").setAutoWidth(true).setFlexGrow(0);
    patients.addColumn(NowPicture.PatientRow::detail).setHeader("Why in this list").setFlexGrow(2);
    patients.addColumn(NowPicture.PatientRow::holder).setHeader("Held by").setFlexGrow(1);
    patients.addColumn(NowPicture.PatientRow::step).setHeader("Journey step").setFlexGrow(1);
    patients.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
    patients.setAllRowsVisible(true);
    Button close = new Button("Close the list", e -> drill.setVisible(false));
    close.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    HorizontalLayout top = new HorizontalLayout(drillTitle, close);
    top.setAlignItems(FlexComponent.Alignment.BASELINE);
    drill.add(top, drillHidden, drillEmpty, patients);
  }

  private static String boroughAndHospital(NowPicture.PatientRow p) {
    return Borough.ofCode(p.borough()).map(Borough::label).orElse(p.borough()) + ", "
        + Hospital.ofCode(p.hospital()).map(Hospital::label).orElse(p.hospital());
  }

  /** Shows the patients behind a number, as this member may see them. */
  void show(NowPicture.Selection selection) {
    ConsoleAccess.Visible<NowPicture.PatientRow> visible = now.patients(me, picture, selection);
    String label = selection.label();
    drillTitle.setText(Character.toUpperCase(label.charAt(0)) + label.substring(1) + " (as of "
        + TIME.format(picture.at()) + ")");
    drillHidden.setText(visible.hidden() == 0 ? ""
        : visible.hidden() + (visible.hidden() == 1 ? " more patient" : " more patients") + " outside your teams.");
    drillHidden.setVisible(visible.hidden() > 0);
    patients.setItems(visible.rows());
    patients.setVisible(!visible.rows().isEmpty());
    drillEmpty.setVisible(visible.rows().isEmpty() && visible.hidden() == 0);
    drill.setVisible(true);
    drill.getElement().setAttribute("data-selection", label);
    drillTitle.getElement().executeJs("this.scrollIntoView({block: 'start'})");
  }

  void refresh() {
    picture = now.now(me);
    draw();
  }

  private void draw() {
    updated.setText("Last updated " + TIME.format(picture.at()) + ". Updates itself as journeys change.");
    waiting.set(picture.waiting().size());
    stranded.set(picture.stranded());
    superStranded.set(picture.superStranded());
    breached.set(picture.breached());
    dueSoon.set(picture.dueSoon());
    incidents.set(picture.incidents().size());
    Map<String, int[]> byPathway = picture.byBandAndPathway();
    List<Chart.Series> series = new ArrayList<>();
    byPathway.forEach((pathway, counts) -> series.add(Chart.Series.of(pathway,
        java.util.Arrays.stream(counts).boxed().toList())));
    bands.update(NowPicture.BANDS, series);
    Map<String, Long> held = picture.delayedByHolder();
    holders.setItems(new ArrayList<>(held.entrySet()));
    holders.setVisible(!held.isEmpty());
    noHolders.setVisible(held.isEmpty());
  }

  /**
   * A number on the page that opens its patients. Updated in place on refresh, so a keyboard
   * user's focus stays where it was and the page does not flicker.
   */
  final class Figure extends Button {
    private final Div number = new Div();
    private final String label;

    Figure(String label, NowPicture.Selection selection) {
      this.label = label;
      number.getStyle().set("font-size", "var(--lumo-font-size-xxxl)").set("font-weight", "700")
          .set("line-height", "1");
      Div words = new Div(label);
      words.getStyle().set("font-size", "var(--lumo-font-size-s)").set("white-space", "normal");
      getElement().appendChild(new Div(number, words).getElement());
      getStyle().set("height", "auto").set("min-width", "10rem").set("max-width", "12rem")
          .set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("text-align", "left");
      getElement().setAttribute("data-figure", selection.getClass().getSimpleName());
      addClickListener(e -> show(selection));
    }

    void set(long count) {
      number.setText(String.valueOf(count));
      getElement().setAttribute("aria-label", count + " " + label + ": open the list");
    }
  }

  private Button figureLink(String text, String ariaLabel, NowPicture.Selection selection) {
    Button b = new Button(text, e -> show(selection));
    b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
    b.getElement().setAttribute("aria-label", ariaLabel);
    return b;
  }

  @Override
  protected void onAttach(AttachEvent event) {
    if (picture == null) {
      return;
    }
    UI ui = event.getUI();
    boardRegistration = board.onChange(() -> ui.access(this::refresh));
    // Clocks fall due with time alone, without any journey changing.
    ui.setPollInterval(60_000);
    pollRegistration = ui.addPollListener(e -> refresh());
  }

  @Override
  protected void onDetach(DetachEvent event) {
    if (boardRegistration != null) {
      boardRegistration.remove();
      pollRegistration.remove();
    }
    event.getUI().setPollInterval(-1);
  }
}
