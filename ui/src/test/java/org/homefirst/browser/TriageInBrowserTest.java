package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The newcomer's first journey, in a real browser: sign in, claim and triage a referral, confirm
 * the suggested pathway (an override without a reason is refused), then complete the trusted
 * assessment that pathway 1 asks for, which goes to the receiving reablement team.
 */
class TriageInBrowserTest extends BrowserTest {

  @Test
  void jadCoordinatorTriagesConfirmsThePathwayAndCompletesATrustedAssessment() {
    String nhs = validNhsNumber();
    UUID id = refer(nhs, "lbh", "bhrut-queens");
    awaitTask(id, "Task_Triage");

    signIn("jad.coordinator");
    // The shared test database holds other tests' referrals: find this patient as a coordinator would.
    click("//vaadin-tab[starts-with(normalize-space(.), 'All I can see')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.xpath("//vaadin-grid-cell-content[contains(., 'Triage referral')]")));
    screenshot("inbox");
    WebElement search = wait.until(ExpectedConditions.elementToBeClickable(
        By.xpath("//vaadin-text-field[.//label[contains(., 'Search')]]//input")));
    search.sendKeys(formatted(nhs), org.openqa.selenium.Keys.ENTER);

    open(nhs, "Triage referral");
    claim();
    click("//vaadin-checkbox[@data-field='recentFalls']");
    screenshot("triage-form");
    submit("Complete triage");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Triage completed"));

    // The next task reaches the open queue by itself (server push), with the suggestion filled in.
    open(nhs, "Confirm or override pathway");
    claim();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.xpath("//p[@data-context='suggestedPathway']"), "1"));
    click("//vaadin-select[@data-field='pathway']");
    click("//vaadin-select-item[contains(., 'community rehab bed')]");
    submit("Confirm pathway");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        "give a reason for choosing a pathway other than the suggested one"));
    click("//vaadin-select[@data-field='pathway']");
    click("//vaadin-select-item[contains(., 'home with support')]");
    submit("Confirm pathway");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Pathway confirmed"));

    open(nhs, "Complete trusted assessment");
    claim();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-select[@data-field='assessorProfession']")))
        .click();
    wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//vaadin-select-item[contains(., 'Discharge coordinator')]")))
        .click();
    // Every domain the receiving service needs, as the assessor writes them.
    for (String domain : List.of("assessmentMobility", "assessmentPersonalCare", "assessmentContinence",
        "assessmentCognition", "assessmentSkin", "assessmentMedication", "assessmentHome", "assessmentEquipment",
        "assessmentRisks", "assessmentGoals")) {
      browser.findElement(By.xpath("//vaadin-text-area[@data-field='" + domain + "']//textarea"))
          .sendKeys(domain.equals("assessmentMobility") ? "Mobile with a frame; stairs to bedroom" : "No needs");
    }
    browser.findElement(By.xpath("//vaadin-text-area[@data-field='trustedAssessment']//textarea"))
        .sendKeys("Lives alone; wants to go home; needs help washing.");
    screenshot("trusted-assessment");
    submit("Submit assessment");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Assessment sent to the receiving service"));

    String review = eventually("the assessment to reach the receiving team", () -> db.sql("""
            select array_to_string(t.candidate_groups, ',') from user_task t
            join referral r on r.process_instance_key = t.root_instance_key
            where r.id = ? and t.element_id = 'Task_ReviewAssessment' and t.state = 'CREATED'""")
        .param(id).query(String.class).optional().orElse(null));
    assertThat(review).isEqualTo("nelft-reablement");
    assertThat(db.sql("""
            select count(*) from journey_event where referral_id = ? and kind = 'TASK_COMPLETED' and actor = 'jad.coordinator'""")
        .param(id).query(Integer.class).single()).isEqualTo(3);
  }

  private void open(String nhs, String task) {
    By row = By.xpath("//vaadin-grid-cell-content[contains(., '" + formatted(nhs) + "')]");
    By panel = By.xpath("//h3[normalize-space(.)='" + task + "']");
    // The search applies shortly after typing, and rows move as the list narrows or refreshes:
    // select the patient's row until the task panel shows the task wanted. A click on the row
    // already selected would close the panel, so each click waits for the server's answer.
    wait.ignoring(org.openqa.selenium.WebDriverException.class).until(d -> {
      if (!d.findElements(panel).isEmpty()) {
        return true;
      }
      click(row);
      try {
        new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(5))
            .until(ExpectedConditions.presenceOfElementLocated(panel));
        return true;
      } catch (org.openqa.selenium.TimeoutException notYet) {
        return null;
      }
    });
  }

  private void claim() {
    click("//vaadin-button[normalize-space(.)='Claim']");
  }

  private void submit(String label) {
    click("//vaadin-button[normalize-space(.)='" + label + "']");
  }

  private long awaitTask(UUID id, String elementId) {
    return eventually(elementId + " to be exported", () -> db.sql("""
            select t.task_key from user_task t join referral r on r.process_instance_key = t.root_instance_key
            where r.id = ? and t.element_id = ? and t.state = 'CREATED'""")
        .param(id).param(elementId).query(Long.class).optional().orElse(null));
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
