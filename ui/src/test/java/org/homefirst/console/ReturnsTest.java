package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.homefirst.StackTest;
import org.homefirst.inbox.TeamMember;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/**
 * Each return against fixtures whose figures are worked out by hand in the comments. Every test
 * uses its own month of 2011-2012, a time no demo or other test writes facts for.
 */
class ReturnsTest extends StackTest {

  private static final TeamMember MANAGER = new TeamMember("manager", Set.of("managers"));

  @Autowired Returns returns;
  @Autowired CsvDownload csv;

  @Test
  void drdDelayCountsLondonCalendarDaysAcrossTheClockChangeAndKeepsDischargesWithoutADrdApart() {
    // March 2011; clocks went forward at 01:00 UTC on Sunday 27 March.
    // a: DRD Sat 26 Mar 23:30 GMT, left 27 Mar 23:30 UTC = Mon 28 Mar 00:30 BST -> 2 days (UTC dates say 1)
    UUID a = referral("lbh", "bhrut-queens");
    discharge(a, "2011-03-27T23:30:00Z", "2011-03-26T23:30:00Z", 1, null, 80, false, null);
    // b: left on the DRD -> 0; c: 21 days -> band 21+; d: 1 day
    UUID b = referral("lbh", "bhrut-queens");
    discharge(b, "2011-03-10T16:00:00Z", "2011-03-10T10:00:00Z", 0, null, 70, false, null);
    UUID c = referral("lbbd", "bhrut-kgh");
    discharge(c, "2011-03-22T12:00:00Z", "2011-03-01T09:00:00Z", 2, null, 55, false, null);
    UUID d = referral("lbr", "barts-whipps");
    discharge(d, "2011-03-15T09:00:00Z", "2011-03-14T09:00:00Z", 0, null, 18, false, null);
    // e: no DRD in force: counted apart; f: 17 at discharge: not an adult; g: left 1 April 00:30 BST
    UUID e = referral("lbh", "bhrut-queens");
    discharge(e, "2011-03-16T12:00:00Z", null, 0, null, 60, false, null);
    UUID f = referral("lbh", "bhrut-queens");
    discharge(f, "2011-03-20T12:00:00Z", "2011-03-15T12:00:00Z", 0, null, 17, false, null);
    UUID g = referral("lbh", "bhrut-queens");
    discharge(g, "2011-03-31T23:30:00Z", "2011-03-30T12:00:00Z", 0, null, 50, false, null);

    Returns.ReturnReport r = returns.compute(MANAGER, ReturnKind.DRD_DELAY, month(2011, 3), ReturnScope.ALL);

    Map<String, Figure> fig = byCode(r);
    assertThat(fig.get("drd.discharges").value()).isEqualTo(5.0); // a b c d e
    assertThat(fig.get("drd.without-drd").value()).isEqualTo(1.0); // e
    assertThat(fig.get("drd.on-drd").shown()).isEqualTo("25.0% (1 of 4)"); // b of a b c d
    assertThat(fig.get("drd.band.0").numerator()).isEqualTo(1);
    assertThat(fig.get("drd.band.1").numerator()).isEqualTo(1);
    assertThat(fig.get("drd.band.2-3").numerator()).isEqualTo(1);
    assertThat(fig.get("drd.band.4-6").numerator()).isZero();
    assertThat(fig.get("drd.band.21+").numerator()).isEqualTo(1);
    // delayed: 2 + 21 + 1 = 24 days over 3 patients = 8.0; BCF: 24 / 4 = 6.0 = 75% x 8.0
    assertThat(fig.get("drd.mean-delayed").value()).isEqualTo(8.0);
    assertThat(fig.get("drd.bcf-average").value()).isEqualTo(6.0);
    Basis basis = r.bases().getFirst();
    assertThat(basis.rows()).extracting(BasisRow::referralId).containsExactly(b, d, e, c, a);
    assertThat(row(basis, a).values()).containsEntry("Delay (days)", "2").containsEntry("Band", "2-3")
        .containsEntry("Discharged", "2011-03-28 00:30").containsEntry("Discharge ready date", "2011-03-26");
    assertThat(row(basis, e).values()).containsEntry("Band", "no DRD");

    // The same return for Havering only: a, b, e
    Returns.ReturnReport lbh = returns.compute(MANAGER, ReturnKind.DRD_DELAY, month(2011, 3),
        new ReturnScope("lbh", null, null));
    assertThat(byCode(lbh).get("drd.discharges").value()).isEqualTo(3.0);
    assertThat(byCode(lbh).get("drd.bcf-average").value()).isEqualTo(1.0); // (2 + 0) / 2
  }

  @Test
  void chcDecisionOnDay28CountsAsWithinAndDay29DoesNot() {
    // Quarter April-June 2011 (BST throughout).
    // s1: referred Fri 1 Apr 23:30 BST, decided Fri 29 Apr 09:00 BST: day 28 by the calendar -> within
    //     (only 27 days 9.5 hours by the clock: the rule counts dates)
    UUID s1 = chc("lbh", false, "2011-04-01T22:30:00Z", "acute", "2011-04-20T10:00:00Z", "2011-04-29T08:00:00Z");
    // s2: referred 1 Apr 11:00 BST, decided Sat 30 Apr 10:00 BST: day 29 -> not within
    UUID s2 = chc("lbh", false, "2011-04-01T10:00:00Z", "acute", "2011-04-25T10:00:00Z", "2011-04-30T09:00:00Z");
    // s3: 2 May -> 20 May: day 18 -> within; DST in the community
    chc("lbr", false, "2011-05-02T10:00:00Z", "community", "2011-05-15T10:00:00Z", "2011-05-20T10:00:00Z");
    // Fast Track: exactly 48 hours -> within; 48 hours and a minute -> not
    chc("lbbd", true, "2011-05-10T10:00:00Z", null, null, "2011-05-12T10:00:00Z");
    chc("lbbd", true, "2011-05-10T10:00:00Z", null, null, "2011-05-12T10:01:00Z");
    // Incomplete at 30 June: s6 referred 25 May (36 days), s8 referred 20 May and decided in July (41 days)
    UUID s6 = chc("lbh", false, "2011-05-25T10:00:00Z", null, "2011-06-01T10:00:00Z", null);
    UUID s8 = chc("lbh", false, "2011-05-20T10:00:00Z", "community", "2011-06-10T10:00:00Z", "2011-07-10T10:00:00Z");
    // Not incomplete: referred 2 June, 28 days at 30 June (not over 28); referred 5 June, 25 days
    UUID s9 = chc("lbh", false, "2011-06-02T10:00:00Z", null, null, null);
    chc("lbh", false, "2011-06-05T10:00:00Z", null, null, null);

    Returns.ReturnReport r = returns.compute(MANAGER, ReturnKind.CHC,
        new ReturnPeriod(LocalDate.of(2011, 4, 1), LocalDate.of(2011, 6, 30)), ReturnScope.ALL);

    Map<String, Figure> fig = byCode(r);
    assertThat(fig.get("chc.standard-completed").value()).isEqualTo(3.0);
    assertThat(fig.get("chc.within-28").shown()).isEqualTo("66.7% (2 of 3)"); // s1, s3 of s1 s2 s3
    assertThat(fig.get("chc.within-28").met()).isFalse(); // target > 80%
    assertThat(fig.get("chc.incomplete-over-28").value()).isEqualTo(2.0);
    // DSTs with a setting in the quarter: s1 acute, s2 acute, s3 community, s8 community -> 2 of 4
    assertThat(fig.get("chc.dst-acute").shown()).isEqualTo("50.0% (2 of 4)");
    assertThat(fig.get("chc.dst-acute").met()).isFalse(); // quality premium < 15%
    assertThat(fig.get("chc.dst-no-setting").value()).isEqualTo(1.0); // s6
    assertThat(fig.get("chc.fast-track-48h").shown()).isEqualTo("50.0% (1 of 2)");
    Basis done = basis(r, "Standard referrals completed");
    assertThat(row(done, s1).values()).containsEntry("Days to decision", "28").containsEntry("Within 28 days", "yes");
    assertThat(row(done, s2).values()).containsEntry("Days to decision", "29").containsEntry("Within 28 days", "no");
    assertThat(basis(r, "Incomplete over 28 days").rows()).extracting(BasisRow::referralId)
        .containsExactlyInAnyOrder(s6, s8).doesNotContain(s9);
  }

  @Test
  void stillAtHomeCountsPeople65AndOverIntoReablementAndKeepsUnknownOutcomesApart() {
    // July-September 2011.
    UUID a = referral("lbh", "bhrut-queens");
    discharge(a, "2011-07-05T12:00:00Z", null, 1, null, 65, true, true); // 65 at discharge: in, at home
    UUID b = referral("lbh", "bhrut-queens");
    discharge(b, "2011-07-06T12:00:00Z", null, 1, null, 64, true, true); // 64: out
    UUID c = referral("lbh", "bhrut-queens");
    discharge(c, "2011-08-06T12:00:00Z", null, 1, null, 80, true, false); // not at home
    UUID d = referral("lbh", "bhrut-queens");
    discharge(d, "2011-08-07T12:00:00Z", null, 0, null, 90, false, true); // not into reablement: out
    UUID e = referral("lbh", "bhrut-queens");
    discharge(e, "2011-09-07T12:00:00Z", null, 1, null, 70, true, null); // check not done: apart
    UUID f = referral("lbh", "bhrut-queens");
    discharge(f, "2011-09-08T12:00:00Z", null, 2, null, 66, true, true); // at home

    Returns.ReturnReport r = returns.compute(MANAGER, ReturnKind.STILL_AT_HOME_91,
        new ReturnPeriod(LocalDate.of(2011, 7, 1), LocalDate.of(2011, 9, 30)), ReturnScope.ALL);

    Map<String, Figure> fig = byCode(r);
    assertThat(fig.get("home91.discharges").value()).isEqualTo(4.0); // a c e f
    assertThat(fig.get("home91.at-home").shown()).isEqualTo("66.7% (2 of 3)"); // a f of a c f
    assertThat(fig.get("home91.unknown").value()).isEqualTo(1.0); // e
    assertThat(r.bases().getFirst().rows()).extracting(BasisRow::referralId).containsExactly(a, c, e, f);
  }

  @Test
  void flowCountsPathwayMixReadmissionsOnDay30Not31AndTimingInLondonTime() {
    // October 2011; clocks went back at 01:00 UTC on Sunday 30 October.
    UUID f1 = referral("lbh", "bhrut-queens"); // Mon 3 Oct 11:00 BST: before midday; readmitted on day 30
    discharge(f1, "2011-10-03T10:00:00Z", null, 0, null, 70, false, null);
    readmission(f1, "2011-11-02T10:00:00Z");
    UUID f2 = referral("lbh", "bhrut-queens"); // Tue 4 Oct 12:30 BST; readmitted on day 31
    discharge(f2, "2011-10-04T11:30:00Z", null, 1, null, 70, false, null);
    readmission(f2, "2011-11-04T09:00:00Z");
    UUID f3 = referral("lbh", "bhrut-queens"); // Sat 8 Oct 20:30 BST: weekend, out of hours by the clock
    discharge(f3, "2011-10-08T19:30:00Z", null, 0, null, 70, false, null);
    UUID f4 = referral("lbh", "bhrut-queens"); // Mon 10 Oct 07:30 BST, recorded as in hours: the record wins
    discharge(f4, "2011-10-10T06:30:00Z", null, 2, false, 70, false, null);
    UUID f5 = referral("lbh", "bhrut-queens"); // Sun 30 Oct 07:30 GMT (08:30 if BST were wrongly kept): OOH
    discharge(f5, "2011-10-30T07:30:00Z", null, null, null, 70, false, null);
    UUID f6 = referral("lbh", "bhrut-queens"); // Wed 12 Oct 15:00 BST, recorded out of hours
    discharge(f6, "2011-10-12T14:00:00Z", null, 3, true, 70, false, null);

    Returns.ReturnReport r = returns.compute(MANAGER, ReturnKind.FLOW, month(2011, 10), ReturnScope.ALL);

    Map<String, Figure> fig = byCode(r);
    assertThat(fig.get("flow.discharges").value()).isEqualTo(6.0);
    // with a pathway: f1 f2 f3 f4 f6 -> 0: 2, 1: 1, 2: 1, 3: 1 of 5
    assertThat(fig.get("flow.pathway.0").shown()).isEqualTo("40.0% (2 of 5)");
    assertThat(fig.get("flow.pathway.0").met()).isFalse(); // expected >= 50%
    assertThat(fig.get("flow.pathway.1").shown()).isEqualTo("20.0% (1 of 5)");
    assertThat(fig.get("flow.pathway.3").met()).isFalse(); // expected <= 1%
    assertThat(fig.get("flow.pathway.none").value()).isEqualTo(1.0); // f5
    assertThat(fig.get("flow.readmitted-30").shown()).isEqualTo("16.7% (1 of 6)"); // f1 only
    assertThat(fig.get("flow.before-midday").shown()).isEqualTo("50.0% (3 of 6)"); // f1 f4 f5
    assertThat(fig.get("flow.weekend").shown()).isEqualTo("33.3% (2 of 6)"); // f3 f5
    assertThat(fig.get("flow.out-of-hours").shown()).isEqualTo("50.0% (3 of 6)"); // f3 f5 f6
    Basis basis = r.bases().getFirst();
    assertThat(row(basis, f1).values()).containsEntry("Within 30 days", "yes")
        .containsEntry("Readmitted", "2011-11-02 10:00 (day 30)");
    assertThat(row(basis, f2).values()).containsEntry("Within 30 days", "no");
    assertThat(row(basis, f5).values()).containsEntry("Out of hours", "yes (by the clock)")
        .containsEntry("Discharged", "2011-10-30 07:30");
  }

  @Test
  void aSubmittedReturnStaysAsSubmittedWhileARerunShowsWhatChanged() {
    // January 2012: delays 0 and 3 days, one without a DRD.
    UUID kept = referral("lbr", "barts-whipps");
    discharge(kept, "2012-01-10T12:00:00Z", "2012-01-10T09:00:00Z", 0, null, 70, false, null);
    UUID changed = referral("lbr", "barts-whipps");
    long changedId = discharge(changed, "2012-01-13T12:00:00Z", "2012-01-10T09:00:00Z", 1, null, 70, false, null);
    UUID removed = referral("lbr", "barts-whipps");
    long removedId = discharge(removed, "2012-01-14T12:00:00Z", null, 1, null, 70, false, null);
    ReturnScope scope = new ReturnScope("lbr", null, null);

    long id = returns.submit(MANAGER, ReturnKind.DRD_DELAY, month(2012, 1), scope);
    Returns.Submitted before = returns.open(MANAGER, id);
    assertThat(byCode(before.report()).get("drd.bcf-average").value()).isEqualTo(1.5); // (0 + 3) / 2

    // Facts change after the submission: a later discharge, one discharge withdrawn, one added.
    db.sql("update discharge set discharged_at = ? where id = ?")
        .params(Timestamp.from(Instant.parse("2012-01-15T12:00:00Z")), changedId).update();
    db.sql("delete from discharge where id = ?").param(removedId).update();
    UUID added = referral("lbr", "barts-whipps");
    discharge(added, "2012-01-20T12:00:00Z", "2012-01-19T12:00:00Z", 0, null, 70, false, null);

    Returns.Submitted after = returns.open(MANAGER, id);
    assertThat(after.report()).isEqualTo(before.report());
    assertThat(after.submission().submittedBy()).isEqualTo("manager");
    assertThat(after.submission().scope()).isEqualTo(scope);
    assertThatThrownBy(() -> db.sql("update return_submission set figures = '[]' where id = ?").param(id).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("frozen");
    assertThatThrownBy(() -> db.sql("delete from return_submission where id = ?").param(id).update())
        .isInstanceOf(DataAccessException.class).hasMessageContaining("frozen");

    Returns.Difference diff = returns.rerun(MANAGER, id);
    Map<String, Returns.FigureChange> figures = diff.figures().stream()
        .collect(Collectors.toMap(Returns.FigureChange::label, Function.identity()));
    // now: delays 0, 5, 1 -> (0 + 5 + 1) / 3 = 2.0
    assertThat(figures.get("Average length of discharge delay (BCF)"))
        .isEqualTo(new Returns.FigureChange("Average length of discharge delay (BCF)", "1.5 days", "2.0 days", true));
    assertThat(figures.get("Adult acute discharges in the period").changed()).isFalse(); // 3 then, 3 now
    assertThat(diff.patients()).extracting(Returns.BasisChange::referralId, Returns.BasisChange::change)
        .containsExactlyInAnyOrder(
            tuple(changed, "changed"),
            tuple(removed, "removed"),
            tuple(added, "added"));
    assertThat(diff.patients()).filteredOn(c -> c.referralId().equals(changed)).first()
        .extracting(Returns.BasisChange::detail).asString()
        .contains("Delay (days): 3 \u2192 5").contains("Band: 2-3 \u2192 4-6");
    assertThat(diff.patients()).extracting(Returns.BasisChange::referralId).doesNotContain(kept);
    assertThat(count("select count(*) from audit_event where actor = 'manager' and action = 'SUBMIT_RETURN'"
        + " and detail like ?", "submission " + id + ":%")).isEqualTo(1);
  }

  @Test
  void onlyConsoleUsersComputeSubmitOrReadReturnsAndARefusalIsAudited() {
    int before = count("select count(*) from audit_event where actor = ? and action = 'REFUSED'", JAD.username());
    assertThatThrownBy(() -> returns.compute(JAD, ReturnKind.FLOW, month(2012, 2), ReturnScope.ALL))
        .isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> returns.submit(JAD, ReturnKind.FLOW, month(2012, 2), ReturnScope.ALL))
        .isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> returns.submissions(JAD)).isInstanceOf(ConsoleRefused.class);
    assertThatThrownBy(() -> csv.export(JAD, "figures", CsvTable.of(List.of("x")).column("x", s -> s)))
        .isInstanceOf(ConsoleRefused.class);
    assertThat(count("select count(*) from audit_event where actor = ? and action = 'REFUSED'", JAD.username()))
        .isEqualTo(before + 4);
    assertThat(count("select count(*) from return_submission where submitted_by = ?", JAD.username())).isZero();
  }

  @Test
  void aManagerSeesEveryFigureButOnlyTheBasisRowsOfPatientsTheirTeamsWorkedWith() {
    // March 2012: two discharges; the journey of one had a JAD task, the other a Redbridge task.
    UUID jads = referral("lbh", "bhrut-queens");
    task(jads, "jad");
    discharge(jads, "2012-03-05T12:00:00Z", "2012-03-05T09:00:00Z", 0, null, 70, false, null);
    UUID redbridge = referral("lbr", "barts-whipps");
    task(redbridge, "lbr-hospital-sw");
    discharge(redbridge, "2012-03-06T12:00:00Z", "2012-03-05T09:00:00Z", 0, null, 70, false, null);
    TeamMember jadLead = new TeamMember("jad.lead", Set.of("managers", "jad"));

    Returns.ReturnReport r = returns.compute(jadLead, ReturnKind.DRD_DELAY, month(2012, 3), ReturnScope.ALL);
    ConsoleAccess.Visible<BasisRow> visible = returns.visible(jadLead, r, r.bases().getFirst());

    assertThat(byCode(r).get("drd.discharges").value()).isEqualTo(2.0);
    assertThat(visible.rows()).extracting(BasisRow::referralId).containsExactly(jads);
    assertThat(visible.hidden()).isEqualTo(1);
    assertThat(count("select count(*) from audit_event where actor = 'jad.lead' and action = 'CONSOLE_PATIENT_LIST'"
        + " and detail like ?", "return basis: Adult acute discharges%1 shown, 1 outside%")).isEqualTo(1);

    // The workbook holds every figure but only the patient the lead may see.
    byte[] xlsx = returns.workbook(jadLead, r, "computed now");
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet figures = book.getSheet("Figures");
      Row bcf = findRow(figures, "Average length of discharge delay (BCF)");
      assertThat(bcf.getCell(1).getNumericCellValue()).isEqualTo(0.5); // (0 + 1) / 2
      assertThat(figures.getRow(1).getCell(1).getStringCellValue()).isEqualTo("2012-03-01");
      Sheet basis = book.getSheet("Adult acute discharges");
      assertThat(basis.getRow(2).getCell(0).getStringCellValue()).contains("1 patients outside your teams");
      assertThat(findRow(basis, "discharge-" + discharges(jads))).isNotNull();
      assertThat(basis.getLastRowNum()).isEqualTo(5); // title, description, counts, blank, header, one row
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    assertThat(count("select count(*) from audit_event where actor = 'jad.lead' and action = 'EXPORT'"
        + " and detail like '%Excel workbook%'")).isEqualTo(1);
  }

  @Test
  void csvCellsAreQuotedAndFormulasDefused() {
    String out = CsvDownload.write(List.of("Name", "Note"), List.of(
        List.of("=HYPERLINK(\"x\")", "+44 20"),
        List.of("-cmd", "@SUM(A1)"),
        List.of("a, b", "line\nbreak"),
        Arrays.asList(-3, "-2.5"),
        Arrays.asList(null, "plain")));
    assertThat(out).isEqualTo("\uFEFFName,Note\r\n"
        + "\"'=HYPERLINK(\"\"x\"\")\",'+44 20\r\n"
        + "'-cmd,'@SUM(A1)\r\n"
        + "\"a, b\",\"line\nbreak\"\r\n"
        + "-3,-2.5\r\n"
        + "\"\",plain\r\n"); // an empty first cell is quoted, so a line is never read as empty
  }

  @Test
  void aCsvExportIsAudited() {
    byte[] bytes = csv.export(MANAGER, "test table 7f3a", CsvTable.of(List.of(1, 2)).column("n", n -> n));
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFFn\r\n1\r\n2\r\n");
    assertThat(count("select count(*) from audit_event where actor = 'manager' and action = 'EXPORT'"
        + " and detail = 'test table 7f3a as CSV (2 rows)'")).isEqualTo(1);
  }

  @Test
  void defaultPeriodsAreTheLastFullMonthOrQuarterAndForDay91TheLatestQuarterWhoseChecksAreDue() {
    LocalDate today = LocalDate.of(2026, 11, 30);
    assertThat(ReturnKind.DRD_DELAY.defaultPeriod(today))
        .isEqualTo(new ReturnPeriod(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));
    assertThat(ReturnKind.CHC.defaultPeriod(today))
        .isEqualTo(new ReturnPeriod(LocalDate.of(2026, 7, 1), LocalDate.of(2026, 9, 30)));
    // July-September: 30 September + 91 days = 30 December, not yet; April-June: 29 September, due
    assertThat(ReturnKind.STILL_AT_HOME_91.defaultPeriod(today))
        .isEqualTo(new ReturnPeriod(LocalDate.of(2026, 4, 1), LocalDate.of(2026, 6, 30)));
  }

  // ---------------------------------------------------------------- fixtures

  private static ReturnPeriod month(int year, int month) {
    LocalDate first = LocalDate.of(year, month, 1);
    return new ReturnPeriod(first, first.plusMonths(1).minusDays(1));
  }

  private static Map<String, Figure> byCode(Returns.ReturnReport r) {
    return r.figures().stream().collect(Collectors.toMap(Figure::code, Function.identity()));
  }

  private static Basis basis(Returns.ReturnReport r, String name) {
    return r.bases().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
  }

  private static BasisRow row(Basis basis, UUID referral) {
    return basis.rows().stream().filter(r -> r.referralId().equals(referral)).findFirst().orElseThrow();
  }

  private static Row findRow(Sheet sheet, String first) {
    for (Row row : sheet) {
      if (row.getCell(0) != null && first.equals(row.getCell(0).getStringCellValue())) {
        return row;
      }
    }
    return null;
  }

  private int count(String sql, Object... params) {
    return db.sql(sql).params(params).query(Integer.class).single();
  }

  private long discharges(UUID referral) {
    return db.sql("select id from discharge where referral_id = ?").param(referral).query(Long.class).single();
  }

  private UUID referral(String borough, String hospital) {
    UUID id = UUID.randomUUID();
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
              admitted_at, status, process_instance_key, created_at, created_by)
            values (?, ?, 'Test', 'Returns', date '1940-01-01', ?, ?, 'Ward 1', ?, 'COMPLETED', ?, ?, 'test')""")
        .params(id, validNhsNumber(), borough, hospital, Timestamp.from(Instant.parse("2010-01-01T00:00:00Z")),
            -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), Timestamp.from(Instant.now()))
        .update();
    return id;
  }

  private long discharge(UUID referral, String at, String readyAt, Integer pathway, Boolean outOfHours, int age,
      boolean reablement, Boolean atHomeDay91) {
    return db.sql("""
            insert into discharge (referral_id, discharged_at, discharge_ready_at, pathway, out_of_hours, borough,
              hospital, age_at_discharge, reablement, still_at_home_day_91)
            select id, ?, ?, ?, ?, borough, hospital, ?, ?, ? from referral where id = ? returning id""")
        .params(ts(at), ts(readyAt), pathway, outOfHours, age, reablement, atHomeDay91, referral)
        .query(Long.class).single();
  }

  private void readmission(UUID referral, String at) {
    db.sql("insert into readmission (referral_id, readmitted_at) values (?, ?)").params(referral, ts(at)).update();
  }

  private UUID chc(String borough, boolean fastTrack, String referredAt, String dstSetting, String dstAt,
      String decidedAt) {
    UUID referral = referral(borough, "bhrut-queens");
    db.sql("""
            insert into chc_case (referral_id, fast_track, referred_at, dst_setting, dst_at, decided_at, borough)
            values (?, ?, ?, ?, ?, ?, ?)""")
        .params(referral, fastTrack, ts(referredAt), dstSetting, ts(dstAt), ts(decidedAt), borough).update();
    return referral;
  }

  /** A task of the team in the patient's journey: what lets the team's members see the patient. */
  private void task(UUID referral, String team) {
    long root = db.sql("select process_instance_key from referral where id = ?").param(referral)
        .query(Long.class).single();
    long key = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
              bpmn_process_id, definition_key, candidate_groups, state, created_at)
            values (?, ?, ?, ?, 'Task_Triage', 'homefirst-discharge-journey', 1, ?, 'COMPLETED', ?)""")
        .params(key, root, root, key, new String[] {team}, Timestamp.from(Instant.now())).update();
  }

  private static Timestamp ts(String at) {
    return at == null ? null : Timestamp.from(Instant.parse(at));
  }
}
