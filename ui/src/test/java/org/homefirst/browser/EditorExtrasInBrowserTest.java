package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The designer's editor extras in a real browser: Camunda's lint rules as one edits (listed
 * beside Home First's and selecting their element), the form key picked from the inbox's forms
 * with an unknown key called out, token simulation behind "Simulate paths" with the modeler
 * editable again after it, the bpmn.io watermark visible with all of it open, and the live counts
 * on the deployed diagram of a model with a waiting journey.
 */
class EditorExtrasInBrowserTest extends BrowserTest {

  @Test
  void theModelPageShowsJourneysWaitingOnTheDeployedDiagram() {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1100));
    refer(validNhsNumber(), "lbr", "bhrut-queens");
    signIn("designer");
    browser.get(url("/designer?model=homefirst-discharge-journey"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-bpmn-viewer[data-rendered]")));
    WebElement label = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("hf-bpmn-viewer .djs-overlays[data-container-id='Task_Triage'] .hf-heat-label")));
    assertThat(label.getText()).matches("[1-9][0-9]* waiting · avg .*");
    assertThat(browser.findElement(By.cssSelector(".hf-live-legend")).getText())
        .contains("waiting there now", "average time journeys spent there");
    assertWatermarkVisible("hf-bpmn-viewer");
    screenshot("designer-live-counts");
  }

  @Test
  void theEditorLintsOffersFormsSimulatesAndKeepsTheWatermark() {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1100));
    signIn("designer");
    browser.get(url("/designer?model=homefirst-pathway-1"));
    click("//vaadin-button[contains(., 'Start a draft')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-model-editor[data-rendered]")));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-model-editor[data-lint]")));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    assertThat(js.executeScript("return document.querySelector('hf-model-editor').getAttribute('data-lint')"))
        .as("the deployed pathway passes Camunda's rules").isEqualTo("0");

    // Camunda's rules: a second blank start event in the process; bpmnlint's: it is not connected
    String added = (String) js.executeScript("const m = document.querySelector('hf-model-editor').modeler;"
        + "const shape = m.get('elementFactory').createShape({ type: 'bpmn:StartEvent' });"
        + "m.get('modeling').createShape(shape, { x: 160, y: 40 }, m.get('canvas').getRootElement());"
        + "return shape.id;");
    wait.until(ExpectedConditions.presenceOfElementLocated(
        By.xpath("//vaadin-grid-cell-content[contains(., 'Camunda rule single-blank-start-event')]")));
    assertThat(browser.findElements(By.xpath("//vaadin-grid-cell-content[contains(., 'multiple blank start events')]")))
        .isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("hf-model-editor .djs-overlay-linting"))).as("marked on the diagram")
        .isNotEmpty();
    click("//vaadin-grid-cell-content[contains(., 'bpmnlint rule no-disconnected')]");
    wait.until(d -> added.equals(js.executeScript("return document.querySelector('hf-model-editor').modeler"
        + ".get('selection').get().map(e => e.id).join(',')")));

    // the form key: the forms the inbox knows, and an unknown key called out
    js.executeScript("document.querySelector('hf-model-editor').select('Task_ConfirmServiceStarted')");
    click(By.cssSelector("hf-model-editor [data-group-id='group-CamundaPlatform__Form'] "
        + ".bio-properties-panel-group-header"));
    WebElement formKey = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("hf-model-editor select#bio-properties-panel-formKey")));
    @SuppressWarnings("unchecked")
    List<String> options = (List<String>) js.executeScript(
        "return Array.from(arguments[0].options).map(o => o.text)", formKey);
    assertThat(options).contains("Support has started at home (homefirst:support-started)",
        "Assess needs at home (homefirst:assessment-at-home)");
    assertThat(js.executeScript("return arguments[0].value", formKey)).isEqualTo("homefirst:support-started");
    screenshot("designer-form-key");
    js.executeScript("const m = document.querySelector('hf-model-editor').modeler;"
        + "m.get('modeling').updateProperties(m.get('elementRegistry').get('Task_ConfirmServiceStarted'),"
        + " { 'camunda:formKey': 'homefirst:no-such-form' });");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("hf-model-editor .bio-properties-panel"), "Unknown form"));

    // token simulation: a walk-through aid, then back to editing
    click(By.cssSelector("hf-model-editor .hf-simulate"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-model-editor[data-simulating]")));
    assertThat(browser.findElement(By.cssSelector("hf-model-editor .hf-simulate")).getAttribute("aria-pressed"))
        .isEqualTo("true");
    assertThat(browser.findElements(By.cssSelector("hf-model-editor .bts-palette:not(.hidden)"))).isNotEmpty();
    js.executeScript("document.querySelector('hf-model-editor').modeler.get('minimap').open()");
    assertWatermarkVisible("hf-model-editor");
    screenshot("designer-simulation");
    // back to editing from the keyboard (the button is a plain button, so Space presses it)
    WebElement toggle = browser.findElement(By.cssSelector("hf-model-editor .hf-simulate"));
    System.out.println("At the toggle's centre: " + js.executeScript("const b = arguments[0];"
        + "b.scrollIntoView({block: 'center'}); const r = b.getBoundingClientRect();"
        + "const h = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
        + "return h ? h.outerHTML.slice(0, 160) : 'nothing';", toggle));
    toggle.sendKeys(Keys.SPACE);
    wait.until(ExpectedConditions.attributeToBe(By.cssSelector("hf-model-editor .hf-simulate"), "aria-pressed",
        "false"));
    js.executeScript("const m = document.querySelector('hf-model-editor').modeler;"
        + "m.get('modeling').updateLabel(m.get('elementRegistry').get('Task_ConfirmServiceStarted'), 'Edited after');");
    assertThat(js.executeScript("return document.querySelector('hf-model-editor').modeler.get('elementRegistry')"
        + ".get('Task_ConfirmServiceStarted').businessObject.name")).isEqualTo("Edited after");
    assertWatermarkVisible("hf-model-editor");
  }

  /** The bpmn.io watermark is shown, and nothing lies over its middle (licence). */
  private void assertWatermarkVisible(String in) {
    WebElement mark = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(in + " .bjs-powered-by")));
    Object onTop = ((JavascriptExecutor) browser).executeScript(
        "const m = arguments[0]; m.scrollIntoView({block: 'center'}); const r = m.getBoundingClientRect();"
            + "const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
            + "return r.width > 0 && r.height > 0 && (top === m || m.contains(top));", mark);
    assertThat(onTop).as("nothing covers the bpmn.io watermark").isEqualTo(true);
  }
}
