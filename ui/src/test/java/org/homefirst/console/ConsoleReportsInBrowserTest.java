package org.homefirst.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.homefirst.base.Formats;
import org.homefirst.browser.BrowserTest;
import org.homefirst.referral.Borough;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's report pages in a real browser, as a manager uses them: the SLA page's figures,
 * breaches and a chart read as a table; the delays page's rate per 100,000 adults, its CSV and a
 * drill from a chart's table by keyboard; a return computed, frozen and opened again as stored.
 * Each test works in a month of its own (and the SLA test in a team of its own), so the rows of
 * other tests never count in its figures.
 */
class ConsoleReportsInBrowserTest extends BrowserTest {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.UK);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.UK);
  private static final DateTimeFormatter RETURN_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

  @Autowired DelayCensus census;
  @Autowired Clock clock;

  @Test
  void aManagerReadsAnSlaRuleItsBreachesAndAChartAsATable() {
    String team = "test-browser-" + ThreadLocalRandom.current().nextInt(1_000_000);
    YearMonth month = randomMonth(2006, 2009);
    String family = "Sla" + ThreadLocalRandom.current().nextInt(1_000_000);
    long root = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    UUID referral = UUID.randomUUID();
    String nhs = validNhsNumber();
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
              admitted_at, status, process_instance_key, created_at, created_by)
            values (?, ?, 'Grace', ?, date '1940-12-09', 'lbr', 'barts-whipps', ?, now(), 'OPEN', ?, now(), 'test')""")
        .params(referral, nhs, family, "Ward " + family, root).update();
    // JAD's open task: the manager (in JAD) may see the patient.
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
              bpmn_process_id, definition_key, candidate_groups, state, created_at)
            values (?, ?, ?, ?, 'Task_Triage', 'homefirst-discharge-journey', -1, '{jad}', 'CREATED', now())""")
        .params(root, root, root, root).update();
    // Three triage clocks of the month, due in 24 h: ended after 2 h, 10 h and 30 h (the last breached).
    Instant started = month.atDay(10).atTime(9, 0).toInstant(ZoneOffset.UTC);
    slaClock(root - 1, referral, root, team, started, 24, 2);
    slaClock(root - 2, referral, root, team, started, 24, 10);
    slaClock(root - 3, referral, root, team, started, 24, 30);
    // And one open now, 6 h past its due time.
    slaClock(root - 4, referral, root, team, clock.instant().minus(Duration.ofHours(30)), 24, null);

    signIn("manager");
    browser.get(url("/console/slas"));
    // The period first ends, then starts: never a period of years to work out in between.
    setDate("To", month.atEndOfMonth());
    setDate("From", month.atDay(1));

    String triage = "Triage within 24 h of referral";
    String rules = "//h3[normalize-space(.)='Each rule in the period']/following-sibling::vaadin-grid[1]";
    String brokenDown = "//h3[normalize-space(.)='Broken down']/following-sibling::vaadin-grid[1]";
    List<String> byTeam = rowWith(brokenDown, team);
    assertThat(byTeam).startsWith(triage, team, "3", "67% (2 of 3)", "10.0 h", "26.0 h", "1");
    // 2, 10 and 30 h: the median 10 h, p90 10 + 0.8 x 20 = 26 h; one ended late.
    assertThat(rowWith(rules, triage)).startsWith(triage, "3", "67% (2 of 3)", "10.0 h", "26.0 h", "1");

    // The patient's breaches: the one open now and the one ended late in the month.
    String patient = Formats.nhsNumber(nhs) + " Grace " + family;
    List<List<String>> breaches = waitFor(() -> {
      List<List<String>> theirs = rows("//h3[normalize-space(.)='Breaches']/following-sibling::vaadin-grid[1]")
          .stream().filter(r -> r.get(0).equals(patient)).toList();
      return theirs.size() == 2 ? theirs : null;
    });
    assertThat(breaches).extracting(r -> r.get(1)).containsOnly(triage);
    assertThat(breaches).extracting(r -> r.get(3))
        .anySatisfy(late -> assertThat(late).startsWith("Late by 6 h"))
        .anySatisfy(late -> assertThat(late).isEqualTo("Ended late by 6 h 0 min"));

    String toggle = "//vaadin-button[@aria-label='Show Breaches by rule as a table or as a chart']";
    click(toggle);
    String table = "//vaadin-grid[@aria-label='Breaches by rule']";
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(table)));
    assertThat(rowWith(table, triage)).startsWith(triage, "1");
    assertThat(browser.findElement(By.xpath(toggle)).getDomAttribute("aria-pressed")).isEqualTo("true");
    assertThat(browser.findElement(By.xpath(toggle)).getText()).isEqualTo("Show as chart");
  }

  @Test
  void aManagerReadsABoroughsDelayedDaysPer100000DownloadsThemAndOpensAChartsPatientsByKeyboard() {
    YearMonth month = randomMonth(2001, 2003);
    Borough borough = Borough.values()[ThreadLocalRandom.current().nextInt(Borough.values().length)];
    DelayFixtures fixtures = new DelayFixtures(db);
    UUID patient = fixtures.referral(borough.code(), "bhrut-kgh", "jad", null);
    fixtures.censusDays(patient, month.atDay(1), month.atEndOfMonth(), "care-home-placement", "social-care",
        "acute");
    // 200,000 adults in force that month: the rate is half the delayed days.
    db.sql("""
            insert into population_estimate (borough, age_band, population, valid_from, valid_to, source, changed_by,
              changed_at) values (?, '18+', 200000, ?, ?, 'test: browser', 'test', now())""")
        .params(borough.code(), month.atDay(1), month.atEndOfMonth()).update();
    month.atDay(1).datesUntil(month.plusMonths(1).atDay(1)).forEach(census::rollUp);
    int days = month.lengthOfMonth();
    String rate = String.format(Locale.UK, "%.1f", days / 2.0);
    String shown = db.sql("select nhs_number || ' ' || given_name || ' ' || family_name from referral where id = ?")
        .param(patient).query(String.class).single();
    shown = Formats.nhsNumber(shown.substring(0, 10)) + shown.substring(10);

    signIn("manager");
    browser.get(url("/console/delays"));
    setDate("From", month.atDay(1));
    setDate("To", month.atEndOfMonth());
    click("//vaadin-button[normalize-space(.)='Show']");

    String rates = "//h3[normalize-space(.)='Delayed days per 100,000 adults (18+)']/following-sibling::vaadin-grid[1]";
    // The row of the month chosen (the table shows the last three months until Show is answered).
    String shownMonth = MONTH.format(month);
    assertThat(rowWith(rates, borough.label(), shownMonth)).containsExactly(borough.label(), shownMonth,
        String.valueOf(days), "200,000 (" + DAY.format(month.atDay(1)) + " to " + DAY.format(month.atEndOfMonth())
            + ")", rate);

    WebElement download = browser.findElement(By.xpath(
        "//a[@aria-label='Download the table above as CSV (delayed days per 100000 adults)']"));
    String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('failed: ' + e));""",
        download.getDomProperty("href"));
    // (the browser's text decoding drops the byte order mark; the line ends are the driver's business)
    String line = borough.label() + "," + month + "," + days + ",\"200,000 (" + DAY.format(month.atDay(1)) + " to "
        + DAY.format(month.atEndOfMonth()) + ")\"," + rate + ",";
    assertThat(csv.lines()).anySatisfy(l -> assertThat(l).startsWith(line));
    assertThat(db.sql("select count(*) from audit_event where actor = 'manager' and action = 'EXPORT' and detail = ?")
        .param("delays: delayed-days-per-100000-adults, " + month.atDay(1) + "-to-" + month.atEndOfMonth()
            + " as CSV (3 rows)")
        .query(Integer.class).single()).isEqualTo(1);

    // The monthly chart as a table, by keyboard: its toggle, then the month's cell of the group.
    String chart = "Delayed days per month by national reason group";
    WebElement toggle = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//vaadin-button[@aria-label='Show " + chart + " as a table or as a chart']")));
    scrollTo(toggle);
    toggle.sendKeys(Keys.ENTER);
    WebElement cell = wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//vaadin-grid[@aria-label='"
        + chart + "']//vaadin-button[starts-with(@aria-label, 'Open " + MONTH.format(month) + ", D ')]")));
    assertThat(cell.getText()).isEqualTo(String.valueOf(days));
    assertThat(cell.getDomAttribute("tabindex")).as("reachable by keyboard").isEqualTo("0");
    scrollTo(cell);
    cell.sendKeys(Keys.ENTER);
    String behind = "//h3[starts-with(normalize-space(.), 'Patients behind: national reason group')]";
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(behind)));
    assertThat(browser.findElement(By.xpath(behind)).getText())
        .endsWith(DAY.format(month.atDay(1)) + " to " + DAY.format(month.atEndOfMonth()));
    assertThat(rowWith(behind + "/following-sibling::vaadin-grid[1]", shown).get(2)).isEqualTo(String.valueOf(days));
  }

  @Test
  void aManagerFreezesAReturnAndOpensItAgainAsStored() {
    YearMonth month = randomMonth(2006, 2009);
    String family = "Returns" + ThreadLocalRandom.current().nextInt(1_000_000);
    UUID referral = UUID.randomUUID();
    long root = -ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
    Instant admitted = month.atDay(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
    db.sql("""
            insert into referral (id, nhs_number, given_name, family_name, date_of_birth, borough, hospital, ward,
              admitted_at, status, process_instance_key, created_at, created_by)
            values (?, ?, 'Ada', ?, date '1940-01-01', 'lbh', 'bhrut-queens', ?, ?, 'COMPLETED', ?, ?, 'test')""")
        .params(referral, validNhsNumber(), family, "Ward " + family, Timestamp.from(admitted), root,
            Timestamp.from(admitted))
        .update();
    db.sql("""
            insert into user_task (task_key, instance_key, root_instance_key, element_instance_key, element_id,
              bpmn_process_id, definition_key, candidate_groups, state, created_at)
            values (?, ?, ?, ?, 'Task_Triage', 'homefirst-discharge-journey', 1, '{jad}', 'COMPLETED', ?)""")
        .params(root, root, root, root, Timestamp.from(admitted)).update();
    // Discharged two days after the discharge ready date.
    db.sql("""
            insert into discharge (referral_id, discharged_at, discharge_ready_at, pathway, borough, hospital,
              age_at_discharge) values (?, ?, ?, 1, 'lbh', 'bhrut-queens', 72)""")
        .params(referral, Timestamp.from(admitted.plus(Duration.ofDays(11))),
            Timestamp.from(admitted.plus(Duration.ofDays(9))))
        .update();
    String period = RETURN_DAY.format(month.atDay(1)) + " to " + RETURN_DAY.format(month.atEndOfMonth());

    signIn("manager");
    browser.get(url("/console/returns"));
    setDate("From", month.atDay(1));
    setDate("To (included)", month.atEndOfMonth());
    click("//vaadin-button[normalize-space(.)='Show figures']");
    String title = "//h3[contains(., '" + period + "')]";
    assertThat(rowWith(title + "/following-sibling::vaadin-grid[1]", "Adult acute discharges in the period"))
        .startsWith("Adult acute discharges in the period", "1");

    click("//vaadin-button[starts-with(normalize-space(.), 'Freeze and submit')]");
    click("//vaadin-button[@slot='confirm-button']");
    By submitted = By.xpath("//*[@data-provenance='submitted']");
    wait.until(ExpectedConditions.presenceOfElementLocated(submitted));
    long id = db.sql("select id from return_submission where period_from = ? and submitted_by = 'manager'")
        .param(month.atDay(1)).query(Long.class).single();
    List<String> listed = rowWith("//h3[normalize-space(.)='Submitted returns']/following-sibling::vaadin-grid[1]",
        period);
    assertThat(listed).contains("manager", "Discharge ready date delay (acute, adults)", "all boroughs");

    // Computed again, then the submission opened: what was stored, not worked out anew.
    click("//vaadin-button[normalize-space(.)='Show figures']");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//*[@data-provenance='computed']")));
    click("//vaadin-button[@aria-label='Open submission " + id + " as submitted']");
    // Read as the page holds it: the line may be scrolled under the header after the click below.
    String provenance = waitFor(() -> {
      String text = browser.findElement(submitted).getDomProperty("textContent");
      return text.contains("stored") ? text : null;
    });
    assertThat(provenance).startsWith("Submission " + id + ", as submitted by manager on ")
        .endsWith("stored, not recomputed");
  }

  /** A month of the given years: each run its own, so a rerun on the same database counts only its rows. */
  private static YearMonth randomMonth(int fromYear, int toYear) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return YearMonth.of(random.nextInt(fromYear, toYear + 1), random.nextInt(1, 13));
  }

  private void slaClock(long key, UUID referral, long root, String team, Instant started, int dueHours,
      Integer endedHours) {
    Instant due = started.plus(Duration.ofHours(dueHours));
    boolean breached = endedHours == null ? due.isBefore(clock.instant()) : endedHours > dueHours;
    db.sql("""
            insert into sla_clock (timer_key, referral_id, root_instance_key, instance_key, rule, timer_element_id,
              attached_element_id, team, borough, hospital, started_at, due_at, breached_at, ended_at)
            values (?, ?, ?, ?, 'triage', 'Timer_TriageSla', 'Task_Triage', ?, 'lbr', 'barts-whipps', ?, ?, ?, ?)""")
        .params(key, referral, root, root, team, Timestamp.from(started), Timestamp.from(due),
            breached ? Timestamp.from(due) : null,
            endedHours == null ? null : Timestamp.from(started.plus(Duration.ofHours(endedHours))))
        .update();
  }

  /**
   * Sets a date field as the date picker itself does when a date is chosen (its value property,
   * which the server follows): the same on every machine, whatever the calendar overlay's timing.
   */
  private void setDate(String label, LocalDate date) {
    WebElement picker = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//vaadin-date-picker[.//label[normalize-space(.)='" + label + "']]")));
    // Only an upgraded date picker tells the server of a new value.
    wait.until(d -> ((JavascriptExecutor) d).executeScript("return arguments[0].shadowRoot != null", picker));
    ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]", picker, date.toString());
  }

  private void scrollTo(WebElement element) {
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  /** Waits for the grid's row that has cells reading each of {@code texts}, and returns its cells. */
  private List<String> rowWith(String gridXpath, String... texts) {
    return waitFor(() -> rows(gridXpath).stream().filter(r -> r.containsAll(List.of(texts))).findFirst()
        .orElse(null));
  }

  /** Waits until {@code probe} gives something (a grid redrawn meanwhile is read again). */
  private <T> T waitFor(Supplier<T> probe) {
    return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
        .until(d -> probe.get());
  }

  /**
   * The rows a grid shows, each as its cells' texts in column order: read from the grid's own
   * table, whose cells hold the slotted contents in their rendered order.
   */
  @SuppressWarnings("unchecked")
  private List<List<String>> rows(String gridXpath) {
    WebElement grid = wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath(gridXpath)));
    List<List<Object>> rows = (List<List<Object>>) ((JavascriptExecutor) browser).executeScript("""
        return [...arguments[0].shadowRoot.querySelectorAll('tbody#items > tr')]
            .filter(tr => !tr.hidden)
            .sort((a, b) => a.index - b.index)
            .map(tr => [...tr.querySelectorAll('td')].map(td => {
              const slot = td.querySelector('slot');
              return slot ? slot.assignedElements().map(e => e.innerText).join(' ').trim() : '';
            }));""", grid);
    return rows.stream().map(r -> r.stream().map(String::valueOf).toList()).toList();
  }
}
