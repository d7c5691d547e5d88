package org.homefirst.console;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.homefirst.console.DelayMeasures.By;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The delays page on the server (Karibu-Testing) with the real services: Havering's delayed days
 * per 100,000 as a manager reads them ({@link DelayFixtures#havering}), the patients behind a
 * figure, the population form's errors in words, and the page refused to others.
 */
class DelaysViewTest extends ConsoleViewTest {

  static List<UUID> havering;

  @Autowired DelayMeasures measures;
  @Autowired PopulationEstimates estimates;
  @Autowired ConsoleAccess access;
  @Autowired CsvDownload csv;
  @Autowired Clock clock;

  @BeforeAll
  static void fixtures(@Autowired JdbcClient db, @Autowired DelayCensus census) {
    havering = DelayFixtures.havering(db, census);
  }

  @Test
  void aManagerReadsHaveringsDelayedDaysPer100000ForAMonthWithThePopulationUsed() {
    DelaysView view = open("manager", "managers", "jad", "lbr-hospital-sw");
    showHavering(view, LocalDate.of(2017, 12, 1), LocalDate.of(2018, 1, 31));

    assertThat(rows(view.rates)).containsExactly(
        List.of("Havering", "Dec 2017", "42", "198,408 (01/12/2017 to 31/12/2017)", "21.2"),
        List.of("Havering", "Jan 2018", "22", "200,246 (01/01/2018 to 31/01/2018)", "11.0"));
    assertThat(view.rateTotals.getChildren().map(c -> ((Paragraph) c).getText()).toList())
        .containsExactly("Havering, Dec 2017 to Jan 2018: 32.2 delayed days per 100,000 adults "
            + "(the sum of the monthly rates)");
    assertThat(GridKt._size(view.groups)).isEqualTo(5);
    // The charts have the same months, also as tables.
    assertThat(view.monthly.isEmpty()).isFalse();
    assertThat(GridKt._size(view.monthly.table)).isEqualTo(2);
    assertThat(GridKt._size(view.trend.table)).isEqualTo(2);
    assertThat(GridKt._getFormattedRow(view.groups, 0)).startsWith("B Public funding", "5", "0", "0", "0", "5");

    view.showBehind(By.PROVIDER, "nelft", "NELFT (non-acute)");
    assertThat(view.behindSection.isVisible()).isTrue();
    assertThat(GridKt._size(view.behind)).isEqualTo(1);
    assertThat(GridKt._get(view.behind, 0).referralId()).isEqualTo(havering.get(2));
  }

  @Test
  void aLeadOfOneTeamSeesTheFiguresButOnlyTheirOwnPatients() {
    DelaysView view = open("jad.lead", "managers", "jad");
    showHavering(view, LocalDate.of(2017, 12, 1), LocalDate.of(2017, 12, 31));
    assertThat(GridKt._getFormattedRow(view.rates, 0)).contains("21.2");
    view.showBehind(By.REASON_GROUP, "F", "F Awaiting community equipment and adaptations");
    assertThat(GridKt._size(view.behind)).isZero();
    assertThat(view.behindHidden.getText()).contains("1 more outside your teams");
  }

  @Test
  void thePopulationFormShowsEachProblemAtItsFieldInWords() {
    DelaysView view = open("manager", "managers");
    view.estimateForm.estimateBorough.setValue("lbbd");
    view.estimateForm.people.setValue(0);
    view.estimateForm.validFrom.setValue(LocalDate.of(1990, 1, 1));
    view.estimateForm.save();
    assertThat(view.estimateForm.people.isInvalid()).isTrue();
    assertThat(view.estimateForm.people.getErrorMessage()).isEqualTo("Enter the number of people, more than 0");
    assertThat(view.estimateForm.validFrom.getErrorMessage()).startsWith("The date must be between 2000-01-01");
    assertThat(view.estimateForm.source.getErrorMessage()).startsWith("Say where the figure comes from");
    assertThat(view.estimateForm.estimateBorough.isInvalid()).isFalse();
  }

  @Test
  void theConsoleIsRefusedToStaffWhoAreNotLeads() {
    DelaysView view = open("jad.coordinator", "jad");
    assertThat(view.getElement().getAttribute("data-refused")).isEqualTo("true");
    assertThat(view.rates.isAttached()).isFalse();
  }

  @Test
  void aTableDownloadsAsCsvAndTheDownloadIsAuditedWithItsPeriod() {
    DelaysView view = open("manager", "managers", "jad", "lbr-hospital-sw");
    showHavering(view, LocalDate.of(2017, 12, 1), LocalDate.of(2017, 12, 31));
    Anchor link = _find(view, Anchor.class).stream()
        .filter(a -> String.valueOf(a.getElement().getAttribute("aria-label")).contains("per 100000 adults"))
        .findFirst().orElseThrow();

    String file = new String(DownloadKt._download(link), StandardCharsets.UTF_8);

    assertThat(file).startsWith("\uFEFFBorough,Month,Delayed days,Population used,\"Per 100,000 adults\",")
        .contains("\r\nHavering,2017-12,42,\"198,408 (01/12/2017 to 31/12/2017)\",21.2,21.168501270110");
    assertThat(db.sql("select count(*) from audit_event where actor = 'manager' and action = 'EXPORT' and detail = ?")
        .param("delays: delayed-days-per-100000-adults, 2017-12-01-to-2017-12-31-lbh as CSV (1 rows)")
        .query(Integer.class).single()).isPositive();
  }

  private DelaysView open(String user, String... teams) {
    signIn(user, teams);
    DelaysView view = new DelaysView(measures, estimates, access, csv, clock);
    UI.getCurrent().add(view);
    return view;
  }

  /** Shows Havering's figures for the period, as a manager choosing it and pressing Show. */
  private static void showHavering(DelaysView view, LocalDate from, LocalDate to) {
    view.from.setValue(from);
    view.to.setValue(to);
    view.borough.setValue("lbh");
    view.refresh();
  }

  private static <T> List<List<String>> rows(Grid<T> grid) {
    return IntStream.range(0, GridKt._size(grid)).mapToObj(i -> GridKt._getFormattedRow(grid, i)).toList();
  }
}
