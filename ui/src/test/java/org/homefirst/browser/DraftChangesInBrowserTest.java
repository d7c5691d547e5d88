package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Changes section of a draft in a real browser: after a designer renames a step in the
 * modeler and saves, the change is listed in words and the draft's diagram marks the element with
 * an outline and the label "~ changed", the bpmn.io watermark uncovered. Saves the README's
 * screenshot in target/screenshots.
 */
class DraftChangesInBrowserTest extends BrowserTest {

  @Test
  void aSavedChangeIsListedAndMarkedOnTheDiagram() {
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1100));
    signIn("designer");
    browser.get(url("/designer?model=homefirst-pathway-2"));
    click("//vaadin-button[contains(., 'Start a draft')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-model-editor[data-rendered]")));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    Object id = js.executeScript("const m = document.querySelector('hf-model-editor').modeler;"
        + "const el = m.get('elementRegistry').filter(e => e.type === 'bpmn:UserTask')[0];"
        + "m.get('modeling').updateLabel(el, 'Renamed in the browser'); return el.id;");
    click("//vaadin-button[contains(., 'Save revision')]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Saved as revision 2."));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        "(" + id + "): name changed from '"));

    WebElement diagram = wait.until(ExpectedConditions.presenceOfElementLocated(
        By.cssSelector("hf-model-changes[data-rendered]")));
    assertThat(diagram.getAttribute("data-error")).isNull();
    assertThat(diagram.getAttribute("data-marked")).isEqualTo("1");
    assertThat(browser.findElements(By.cssSelector("hf-model-changes .djs-element.hf-diff-changed"))).hasSize(1);
    WebElement label = browser.findElement(By.cssSelector("hf-model-changes .hf-diff-label"));
    js.executeScript("arguments[0].scrollIntoView({block: 'center'})", diagram);
    assertThat(label.getText()).isEqualTo("~ changed");

    WebElement mark = browser.findElement(By.cssSelector("hf-model-changes .bjs-powered-by"));
    Object onTop = js.executeScript("const m = arguments[0]; const r = m.getBoundingClientRect();"
        + "const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
        + "return r.width > 0 && r.height > 0 && (top === m || m.contains(top));", mark);
    assertThat(onTop).as("nothing covers the bpmn.io watermark").isEqualTo(true);
    screenshot("designer-changes");
  }
}
