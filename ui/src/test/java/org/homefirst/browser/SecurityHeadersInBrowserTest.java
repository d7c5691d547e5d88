package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Content Security Policy in a real browser: the inbox (with Push), a journey's diagram
 * (bpmn-js) and the console's charts (ECharts) run under it with nothing refused; and what it
 * refuses is seen, so the check every browser test makes (BrowserTest) can fail.
 */
class SecurityHeadersInBrowserTest extends BrowserTest {

  @Test
  void theInboxAJourneyAndTheConsoleRunUnderThePolicy() {
    UUID id = refer(validNhsNumber(), "lbh", "bhrut-queens");
    // waiting for discharge support, so the console has a chart to draw
    db.sql("update referral set admitted_at = ?, discharge_ready_at = ? where id = ?")
        .params(Timestamp.from(Instant.now().minus(Duration.ofDays(5))),
            Timestamp.from(Instant.now().minus(Duration.ofDays(2))), id)
        .update();
    signIn("manager");

    browser.get(url("/referrals/" + id));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-bpmn-viewer[data-rendered]")));
    browser.get(url("/console"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-chart[data-rendered]")));

    assertThat(policyRefusals()).isEmpty();
  }

  @Test
  void whatThePolicyRefusesIsSeen() {
    signIn("jad.coordinator");

    ((JavascriptExecutor) browser).executeScript(
        "const image = document.createElement('img'); image.src = 'https://images.example.invalid/x.png';"
            + " document.body.appendChild(image);");

    assertThat(eventually("the browser to report the refused image", () -> policyRefusals().isEmpty() ? null
        : policyRefusals())).anySatisfy(refusal -> assertThat(refusal).contains("img-src"));
    // This test's own refusal is the point of it, not a fault of a page.
    clearPolicyRefusals();
  }
}
