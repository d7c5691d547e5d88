package org.homefirst.console;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.ButtonKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.RouterLink;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The returns page on the server (Karibu-Testing) on the real services. */
class ReturnsViewTest extends ConsoleViewTest {

  @Autowired Returns returns;
  @Autowired CsvDownload csv;
  @Autowired ConsoleAccess access;

  @Test
  void aManagerReadsTheFiguresAndThePatientsBehindThemThenFreezesTheReturn() {
    // May 2012: one discharge two days after its DRD, from a journey JAD worked on.
    UUID referral = UUID.randomUUID();
    long root = -Math.abs(referral.getMostSignificantBits() >>> 1);
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
              admitted_at, status, process_instance_key, created_at, created_by)
            values (?, ?, 'Ada', 'Returns', date '1940-01-01', 'lbh', 'bhrut-queens', 'Ward 1', ?, 'COMPLETED', ?, ?,
              'test')""")
        .params(referral, validNhsNumber(), ts("2012-05-01T09:00:00Z"), root, ts("2012-05-01T09:00:00Z")).update();
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
              bpmn_process_id, definition_key, candidate_groups, state, created_at)
            values (?, ?, ?, ?, 'Task_Triage', 'homefirst-discharge-journey', 1, '{jad}', 'COMPLETED', ?)""")
        .params(root, root, root, root, ts("2012-05-01T09:00:00Z")).update();
    db.sql("""
            insert into discharge (referral_id, discharged_at, discharge_ready_at, pathway, borough, hospital,
              age_at_discharge) values (?, ?, ?, 1, 'lbh', 'bhrut-queens', 72)""")
        .params(referral, ts("2012-05-12T11:00:00Z"), ts("2012-05-10T11:00:00Z")).update();
    signIn("manager", "managers", "jad");

    ReturnsView view = new ReturnsView(returns, csv, access);
    UI.getCurrent().add(view);
    view.kind.setValue(ReturnKind.DRD_DELAY);
    view.from.setValue(LocalDate.of(2012, 5, 1));
    view.to.setValue(LocalDate.of(2012, 5, 31));
    view.borough.setValue("lbh");
    ButtonKt._click(view.show);

    @SuppressWarnings("unchecked")
    Grid<Figure> figures = _find(view.result, Grid.class).getFirst();
    assertThat(GridKt._getFormattedRow(figures, 0)).startsWith("Adult acute discharges in the period", "1");
    assertThat(view.shown().figures()).filteredOn(f -> f.code().equals("drd.bcf-average"))
        .extracting(Figure::shown).containsExactly("2.0 days");
    assertThat(_find(view.result, Chart.class)).extracting(Chart::title)
        .containsExactly("Discharges by days from the discharge ready date");
    @SuppressWarnings("unchecked")
    Grid<BasisRow> basis = _find(view.result, Grid.class).getLast(); // after the figures and the chart's table
    assertThat(GridKt._size(basis)).isEqualTo(1);
    RouterLink link = (RouterLink) GridKt._getCellComponent(basis, 0, "patient");
    assertThat(link.getHref()).isEqualTo("referrals/" + referral); // the journey page
    assertThat(link.getText()).endsWith("Ada Returns");

    ButtonKt._click(view.submit);
    ConfirmDialog dialog = view.dialog;
    assertThat(dialog.isOpened()).isTrue();
    assertThat(dialog.getElement().getProperty("message", "") + dialog.getElement().getTextRecursively())
        .contains("Discharge ready date delay (acute, adults), 1 May 2012 to 31 May 2012, Havering")
        .contains("1 patient rows").contains("Nobody can change");
    view.submitShown();
    dialog.close();

    assertThat(GridKt._get(view.submissions, 0).period().from()).isEqualTo(LocalDate.of(2012, 5, 1));
    assertThat(_find(view.result, Paragraph.class)).anySatisfy(p ->
        assertThat(p.getText()).contains("as submitted by manager").endsWith("stored, not recomputed"));
    assertThat(_find(view.result, Button.class)).noneMatch(b -> b.getText().startsWith("Freeze"));

    view.showDifference(GridKt._get(view.submissions, 0).id());
    assertThat(_find(view.difference, Paragraph.class)).anySatisfy(p ->
        assertThat(p.getText()).endsWith("Nothing has changed since it was submitted."));
  }

  @Test
  void someoneOutsideTheConsoleIsRefused() {
    signIn("jad.coordinator", "jad");
    ReturnsView view = new ReturnsView(returns, csv, access);
    assertThat(view.getElement().getAttribute("data-refused")).isEqualTo("true");
    assertThat(_find(view, Paragraph.class)).anySatisfy(p -> assertThat(p.getText()).contains("system leads"));
    assertThat(_find(view, Grid.class)).isEmpty();
  }

  private static Timestamp ts(String at) {
    return Timestamp.from(Instant.parse(at));
  }
}
