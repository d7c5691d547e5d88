package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A system lead's first look at the console in a real browser: the live figures and the chart,
 * a drill from "super-stranded" to the patient, and on to their journey with the BPMN step they
 * are at. Saves the README's console screenshots in target/screenshots.
 */
class ConsoleInBrowserTest extends BrowserTest {

  @Test
  void aManagerDrillsFromSuperStrandedToThePatientsJourneyStep() {
    String nhs = validNhsNumber();
    Instant admitted = Instant.now().minus(Duration.ofDays(30));
    var response = postReferral("""
        {"nhsNumber":"%s","givenName":"Stella","familyName":"Stranded","dateOfBirth":"1938-05-14",
         "borough":"lbh","hospital":"bhrut-queens","ward":"Ward 3","admittedAt":"%s"}"""
        .formatted(nhs, admitted), "ward.nurse");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String location = response.headers().firstValue("Location").orElseThrow();
    UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    // Ready for discharge 25 days ago (a ward round's review, as the fact capture records it).
    db.sql("insert into discharge_ready_change (referral_id, discharge_ready_at, changed_at) values (?, ?, ?)")
        .params(id, Timestamp.from(Instant.now().minus(Duration.ofDays(25))),
            Timestamp.from(Instant.now().minus(Duration.ofDays(25))))
        .update();
    eventually("the triage task of the new journey", () -> db.sql(
            "select count(*) from user_task t join referral r on r.process_instance_key = t.root_instance_key"
                + " where r.id = ? and t.state = 'CREATED'")
        .param(id).query(Integer.class).single() > 0);

    // A few more patients waiting, so the picture has something to compare (and the README's
    // screenshot shows more than one bar).
    for (int days : new int[] {1, 3, 9}) {
      UUID other = refer(validNhsNumber(), "lbbd", "bhrut-kgh");
      db.sql("update referral set admitted_at = ?, discharge_ready_at = ? where id = ?")
          .params(Timestamp.from(Instant.now().minus(Duration.ofDays(days + 2))),
              Timestamp.from(Instant.now().minus(Duration.ofDays(days))), other)
          .update();
    }

    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1300));
    signIn("manager");
    click("//vaadin-side-nav-item[contains(., 'Manager console')]");
    WebElement superStranded = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("vaadin-button[data-figure=SuperStranded]")));
    assertThat(Integer.parseInt(superStranded.getText().trim().split("\\s+")[0])).isPositive();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-chart[data-rendered]")));
    assertThat(browser.findElement(By.tagName("body")).getText())
        .contains("Last updated", "waiting for discharge support", "Who holds the delayed patients");
    screenshot("console-now");

    click("//vaadin-button[@data-figure='SuperStranded']");
    String shown = nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
    By patient = By.xpath("//vaadin-grid-cell-content//a[contains(., '" + shown + "')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(patient));
    assertThat(browser.findElement(By.cssSelector("[data-drill]")).getText())
        .contains("Super-stranded", "Stella Stranded");
    screenshot("console-drill");

    click("//vaadin-grid-cell-content//a[contains(., '" + shown + "')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("hf-bpmn-viewer[data-rendered] .djs-element.hf-active")));
    assertThat(browser.getCurrentUrl()).endsWith("/referrals/" + id);
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("now at Triage referral");
    screenshot("console-journey");
    assertThat(db.sql("select count(*) from audit_event where actor = 'manager' and action = 'CONSOLE_PATIENT_LIST'"
        + " and detail like 'now: super-stranded%'").query(Integer.class).single()).isPositive();

    browser.get(url("/console/diagram"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-bpmn-viewer[data-rendered]")));
    screenshot("console-diagram");
  }
}
