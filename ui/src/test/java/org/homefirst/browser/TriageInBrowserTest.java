package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The newcomer's first journey, in a real browser: sign in, claim, triage, journey completes. */
class TriageInBrowserTest extends BrowserTest {

  @Test
  void jadCoordinatorClaimsAndTriagesAReferralInTheInbox() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbh", "bhrut-queens");
    eventually("the task to be exported", () -> db.sql("select count(*) from user_task t join referral r on r.process_instance_key = t.root_instance_key where r.id = ?").param(id).query(Integer.class).single() > 0);

    signIn("jad.coordinator");
    // The shared test database holds other tests' referrals: find this patient as a coordinator would.
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-tab[starts-with(normalize-space(.), 'All I can see')]"))).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-grid-cell-content[contains(., 'Triage referral')]")));
    screenshot("inbox");
    WebElement search = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//vaadin-text-field[.//label[contains(., 'Search')]]//input")));
    search.sendKeys(formatted(nhs), org.openqa.selenium.Keys.ENTER);
    By row = By.xpath("//vaadin-grid-cell-content[contains(., '" + formatted(nhs) + "')]");
    // The search applies shortly after typing; the row may move while the list narrows.
    wait.ignoring(org.openqa.selenium.WebDriverException.class).until(d -> {
      d.findElement(row).click();
      return true;
    });
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-button[normalize-space(.)='Claim']"))).click();
    WebElement complete =
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-button[normalize-space(.)='Complete triage']")));

    complete.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "choose a pathway from 0 to 3"));

    // The task form's pathway (the filter bar has a "Pathway" select too).
    browser.findElement(By.xpath("//vaadin-select[@data-field='triagePathway']")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-select-item[contains(., 'home with support')]"))).click();
    screenshot("triage-form");
    complete.click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Triage completed"));

    String status = eventually("the journey to complete", () ->
        db.sql("select status from referral where id = ? and status = 'COMPLETED'").param(id).query(String.class).optional().orElse(null));
    assertThat(status).isEqualTo("COMPLETED");
  }

  @Test
  void redbridgeSocialWorkerSeesTheirTeamsTasksButNotJads() {
    String jadPatient = validNhsNumber();
    String redbridgePatient = validNhsNumber();
    UUID jad = refer(jadPatient, "lbbd", "bhrut-kgh");
    UUID redbridge = refer(redbridgePatient, "lbr", "bhrut-kgh");
    for (UUID id : new UUID[] {jad, redbridge}) {
      eventually("the task to be exported", () -> db.sql("select count(*) from user_task t join referral r on r.process_instance_key = t.root_instance_key where r.id = ?").param(id).query(Integer.class).single() > 0);
    }

    signIn("lbr.socialworker");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//vaadin-grid-cell-content[contains(., '" + formatted(redbridgePatient) + "')]")));

    assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(formatted(jadPatient));
  }

  private static String formatted(String nhs) {
    return nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
  }
}
