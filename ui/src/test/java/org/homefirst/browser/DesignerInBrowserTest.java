package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The designer workspace in a real browser: the model list with the diagram (the viewer on the
 * same bpmn-js as the editor), a draft opened in the modeler with the properties panel, minimap
 * and a fully visible bpmn.io watermark, an edit saved as a new revision, a decision table in
 * dmn-js; and the editor's script kept out of the bundle every page loads. Saves the README's
 * screenshots in target/screenshots.
 */
class DesignerInBrowserTest extends BrowserTest {

  @Test
  void aDesignerEditsAndSavesADraftInTheModeler() {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1100));
    signIn("designer");
    click("//vaadin-side-nav-item[contains(., 'Designer workspace')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//vaadin-grid-cell-content[contains(., 'homefirst-pathway-1')]")));
    browser.get(url("/designer?model=homefirst-pathway-1"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-bpmn-viewer[data-rendered]")));
    screenshot("designer-models");

    click("//vaadin-button[contains(., 'Start a draft')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-model-editor[data-rendered]")));
    assertThat(browser.findElement(By.cssSelector("hf-model-editor")).getAttribute("data-error")).isNull();
    assertThat(browser.findElements(By.cssSelector("hf-model-editor .bio-properties-panel"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("hf-model-editor .djs-minimap"))).isNotEmpty();
    assertWatermarkVisible("hf-model-editor");

    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("const e = document.querySelector('hf-model-editor');"
        + "e.select('Task_ConfirmServiceStarted');"
        + "const m = e.modeler; const el = m.get('elementRegistry').get('Task_ConfirmServiceStarted');"
        + "m.get('modeling').updateLabel(el, 'Confirm reablement has started');");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("hf-model-editor .bio-properties-panel"), "Confirm reablement has started"));
    screenshot("designer-editor");
    click("//vaadin-button[contains(., 'Save revision')]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Saved as revision 2."));
    String draftId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
    assertThat(db.sql("select xml from model_draft where id = ?").param(UUID.fromString(draftId)).query(String.class)
        .single()).contains("Confirm reablement has started");

    click("//vaadin-button[contains(., 'Check')]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "The engine accepts it"));
    assertWatermarkVisible("hf-model-editor");
  }

  @Test
  void aDecisionTableOpensInDmnJs() {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1000));
    signIn("designer");
    browser.get(url("/designer?model=homefirst-triage-pathway-suggestion"));
    click("//vaadin-button[contains(., 'Start a draft')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-decision-editor[data-rendered]")));
    assertThat(browser.findElements(By.cssSelector("hf-decision-editor .tjs-table"))).isNotEmpty();
    assertWatermarkVisible("hf-decision-editor");
    screenshot("designer-decision-table");
  }

  /** The editor's script is in a chunk of the designer's routes, not in the entry every page loads. */
  @Test
  void theEditorIsNotInTheBundleEveryPageLoads() throws IOException {
    JsonNode stats;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/VAADIN/config/stats.json")) {
      Assumptions.assumeTrue(in != null, "a production build (-Pproduction) has the bundle");
      stats = new ObjectMapper().readTree(in);
    }
    long entryBytes = 0;
    for (JsonNode entry : stats.get("entryScripts")) {
      String script = read("/META-INF/VAADIN/webapp/" + entry.asText());
      entryBytes += script.length();
      assertThat(script).doesNotContain("hf-model-editor", "hf-decision-editor", "bio-properties-panel");
    }
    System.out.println("Entry bundle: " + entryBytes + " bytes");
    signIn("jad.coordinator");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("vaadin-grid")));
    Object defined = ((JavascriptExecutor) browser).executeScript(
        "return !!customElements.get('hf-model-editor') || !!customElements.get('hf-decision-editor')");
    assertThat(defined).as("the inbox loads no editor").isEqualTo(false);
  }

  private String read(String path) throws IOException {
    try (InputStream in = getClass().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The bpmn.io watermark is shown, and nothing lies over its middle (licence). */
  private void assertWatermarkVisible(String editor) {
    WebElement mark = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector(editor + " a.bjs-powered-by, " + editor + " a.dmn-powered-by, " + editor + " .bjs-powered-by")));
    Object onTop = ((JavascriptExecutor) browser).executeScript(
        "const m = arguments[0]; m.scrollIntoView({block: 'center'}); const r = m.getBoundingClientRect();"
            + "const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            + "return r.width > 0 && r.height > 0 && (top === m || m.contains(top));", mark);
    assertThat(onTop).as("nothing covers the bpmn.io watermark").isEqualTo(true);
  }
}
