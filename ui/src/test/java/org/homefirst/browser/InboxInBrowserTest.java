package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The coordinator's day in a real browser: search, delays, bulk reassign, journey, refusals, live updates. */
class InboxInBrowserTest extends BrowserTest {

  @org.springframework.beans.factory.annotation.Autowired org.homefirst.inbox.TaskInbox inbox;

  @Test
  void coordinatorFindsAPatientByNhsNumberAndRecordsADelay() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbh", "bhrut-queens");
    awaitTask(id);

    signIn("jad.coordinator");
    search(nhs);
    By row = By.xpath("//vaadin-grid-cell-content[contains(., '" + formatted(nhs) + "')]");
    wait.ignoring(org.openqa.selenium.WebDriverException.class).until(d -> {
      click(row);
      return true;
    });
    click("//vaadin-details-summary[contains(., 'Record a delay')]");
    choose("Reason", "Awaiting package of care");
    choose("Attribution", "Social care");
    choose("Setting", "Non-acute");
    click("//vaadin-button[normalize-space(.)='Record delay']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Delay recorded on the journey"));
    screenshot("inbox-delay");

    assertThat(db.sql("select reason || '/' || attribution || '/' || setting from delay where referral_id = ?")
        .param(id).query(String.class).single()).isEqualTo("package-of-care/social-care/non-acute");
  }

  @Test
  void managerReassignsSeveralTasksToACoordinatorAtOnce() {
    String first = validNhsNumber();
    String second = validNhsNumber();
    UUID a = refer(first, "lbh", "bhrut-kgh");
    UUID b = refer(second, "lbbd", "bhrut-kgh");
    awaitTask(a);
    awaitTask(b);

    signIn("manager");
    for (UUID id : List.of(a, b)) {
      String nhs = id.equals(a) ? first : second;
      search(nhs);
      row(nhs);
      select("//vaadin-checkbox[@data-task='" + awaitTask(id) + "']", id.equals(a) ? "1 task selected" : "2 tasks selected");
    }
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "2 tasks selected"));
    WebElement to = browser.findElement(By.xpath("//vaadin-combo-box[.//label[contains(., 'Reassign to')]]//input"));
    to.sendKeys("jad.coord");
    click("//vaadin-combo-box-item[normalize-space(.)='jad.coordinator']");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("vaadin-combo-box-overlay[opened]")));
    click("//vaadin-button[normalize-space(.)='Reassign selected']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "2 reassigned to jad.coordinator"));

    for (UUID id : List.of(a, b)) {
      assertThat(db.sql("select t.assignee from user_task t join referral r on r.process_instance_key = t.root_instance_key where r.id = ? and t.state = 'CREATED'")
          .param(id).query(String.class).single()).isEqualTo("jad.coordinator");
    }
  }

  @Test
  void anotherTeamsTaskOrPatientOpenedByUrlIsRefused() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbbd", "bhrut-kgh");
    long task = awaitTask(id);

    signIn("lbr.socialworker");
    browser.get(url("/tasks/" + task));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "You cannot open this task"));
    browser.get(url("/referrals/" + id));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "You cannot see this patient's journey"));
    screenshot("refused");
    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(formatted(nhs));
    assertThat(db.sql("select count(*) from audit_event where actor = 'lbr.socialworker'"
        + " and action in ('REFUSED', 'REFUSED_ACCESS') and (task_key = ? or referral_id = ?)")
        .params(task, id).query(Integer.class).single()).isEqualTo(2);
  }

  @Test
  void journeyPageShowsWhereThePatientIsOnTheDiagramAndTheViewIsAudited() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbh", "bhrut-queens");
    awaitTask(id);

    signIn("jad.coordinator");
    browser.get(url("/referrals/" + id));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-bpmn-viewer[data-rendered] .djs-element.hf-active")));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("Discharge journey: now at Triage referral", "Current tasks", "Referral received", "Record what happened");
    screenshot("journey");

    // Live: a claim made elsewhere appears on the open journey page without reload.
    inbox.claim(JAD, awaitTask(id));
    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(5))
        .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Task claimed: Triage referral"));

    signIn("manager");
    browser.get(url("/audit"));
    WebElement patient = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//vaadin-text-field[.//label[contains(., 'Patient')]]//input")));
    patient.sendKeys(nhs);
    click("//vaadin-button[normalize-space(.)='Search']");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-grid-cell-content[normalize-space(.)='Viewed patient']")));
  }

  @Test
  void aNewReferralAppearsInAnOpenInboxWithoutReload() {
    String nhs = validNhsNumber();
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1024, 768)); // a tablet, landscape
    signIn("jad.coordinator");
    search(nhs);
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "No tasks match"));

    UUID id = refer(nhs, "lbh", "bhrut-kgh");
    awaitTask(id);
    long seen = System.nanoTime();
    new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(5))
        .until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-grid-cell-content[contains(., '" + formatted(nhs) + "')]")));
    assertThat((System.nanoTime() - seen) / 1_000_000).isLessThan(5_000);
    screenshot("inbox-tablet");
  }

  private long awaitTask(UUID id) {
    return eventually("the task to be exported", () -> db.sql(
            "select t.task_key from user_task t join referral r on r.process_instance_key = t.root_instance_key where r.id = ? and t.state = 'CREATED'")
        .param(id).query(Long.class).optional().orElse(null));
  }

  private void search(String nhs) {
    click("//vaadin-tab[starts-with(normalize-space(.), 'All I can see')]");
    WebElement field = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//vaadin-text-field[.//label[contains(., 'Search')]]//input")));
    field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    field.sendKeys(formatted(nhs));
    field.sendKeys(Keys.ENTER);
  }

  /**
   * Ticks a task's checkbox until the page counts it: a live refresh of the grid can swallow a click
   * on a row that is being re-rendered. Clicks again only when the count did not move.
   */
  private void select(String xpath, String counted) {
    for (int attempt = 1; ; attempt++) {
      click(xpath);
      try {
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
            .until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), counted));
        return;
      } catch (org.openqa.selenium.TimeoutException notCounted) {
        if (attempt == 3) {
          throw notCounted;
        }
      }
    }
  }

  private WebElement row(String nhs) {
    return wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//vaadin-grid-cell-content[contains(., '" + formatted(nhs) + "')]")));
  }

  private void choose(String label, String option) {
    click("//vaadin-select[.//label[contains(., '" + label + "')]]");
    click("//vaadin-select-item[contains(., '" + option + "')]");
  }

  private static String formatted(String nhs) {
    return nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
  }
}
