package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's editing part in a real browser: {@code designer} drafts pathway 1 and, with the
 * modeler, adds a step after the start and changes the reablement start clock; Check lists what
 * Home First's rules find (the modeler's generated ids, a task with no team or form) and marks it;
 * once the step has a readable id, the JAD as its team and a form the inbox has, Check finds
 * nothing and the engine accepts it; saved, it goes for review. Saves the README's screenshots of
 * the draft with findings and of the review.
 */
class DesignerReviewInBrowserTest extends BrowserTest {

  @Test
  void aDesignerAddsAStepChecksItAndSubmitsItForReview() {
    browser.manage().window().setSize(new Dimension(1500, 1300));
    signIn("designer");
    browser.get(url("/designer?model=homefirst-pathway-1"));
    click("//vaadin-button[contains(., 'Start a draft')]");
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("hf-model-editor[data-rendered]")));
    JavascriptExecutor js = (JavascriptExecutor) browser;
    // the first check starts the scratch engine and its database, slow on a busy machine
    WebDriverWait checked = new WebDriverWait(browser, Duration.ofMinutes(3));

    // a new step after the start, as a designer appends one: the modeler gives it generated ids
    js.executeScript("const m = document.querySelector('hf-model-editor').modeler;"
        + "const registry = m.get('elementRegistry'); const modeling = m.get('modeling');"
        + "const start = registry.get('StartEvent_Pathway1');"
        + "modeling.removeElements([registry.get('Flow_Pathway1ToFindReablementService')]);"
        + "const task = modeling.appendShape(start, {type: 'bpmn:UserTask'}, {x: 200, y: 260});"
        + "modeling.connect(task, registry.get('Task_FindReablementService'));"
        + "window.hfNewStep = task.id;");
    String generated = (String) js.executeScript("return window.hfNewStep;");
    click("//vaadin-button[contains(., 'Check')]");
    checked.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "listed below"));
    String problems = browser.findElement(By.tagName("vaadin-grid")).getText()
        + js.executeScript("return Array.from(document.querySelectorAll('vaadin-grid-cell-content'))"
            + ".map(c => c.textContent).join(' | ');");
    assertThat(problems).contains(generated, "readable id");
    // the new step and the problems under the editor in view
    js.executeScript("const e = document.querySelector('hf-model-editor'); e.select(window.hfNewStep);"
        + "window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY + 200);");
    screenshot("designer-draft-findings");

    // the step named and given to the JAD with a form the inbox has; reablement to start within a day
    js.executeScript("const m = document.querySelector('hf-model-editor').modeler;"
        + "const registry = m.get('elementRegistry'); const modeling = m.get('modeling');"
        + "const moddle = m.get('moddle'); const task = registry.get(window.hfNewStep);"
        + "modeling.updateProperties(task, {id: 'Task_ConfirmHomeReady', name: 'Confirm the home is ready',"
        + "  'camunda:candidateGroups': 'jad', 'camunda:formKey': 'homefirst:home-check'});"
        + "modeling.updateProperties(task.incoming[0], {id: 'Flow_Pathway1ToConfirmHomeReady'});"
        + "modeling.updateProperties(task.outgoing[0], {id: 'Flow_ConfirmHomeReadyToFindReablementService'});"
        + "const timer = registry.get('Timer_ReablementStartSla');"
        + "const definition = timer.businessObject.eventDefinitions[0];"
        + "modeling.updateModdleProperties(timer, definition, {timeDate: undefined,"
        + "  timeDuration: moddle.create('bpmn:FormalExpression', {body: 'P1D'})});");
    click("//vaadin-button[contains(., 'Save revision')]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Saved as revision 2."));
    click("//vaadin-button[contains(., 'Check')]");
    checked.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "The engine accepts it"));
    assertThat(browser.findElement(By.tagName("body")).getText()).contains("no problems.");
    String draftId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
    String saved = db.sql("select xml from model_draft where id = ?").param(UUID.fromString(draftId))
        .query(String.class).single();
    assertThat(saved).contains("id=\"Task_ConfirmHomeReady\"", "camunda:candidateGroups=\"jad\"",
        "targetRef=\"Task_ConfirmHomeReady\"", ">P1D</bpmn:timeDuration>")
        .doesNotContain("id=\"" + generated + "\"");

    click("//vaadin-button[contains(., 'Submit for review')]");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "Submitted for review."));
    assertThat(db.sql("select state from model_draft where id = ?").param(UUID.fromString(draftId))
        .query(String.class).single()).isEqualTo("in-review");
    screenshot("designer-review");
  }
}
