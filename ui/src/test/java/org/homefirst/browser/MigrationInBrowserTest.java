package org.homefirst.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Moving running journeys in a real browser: the model page's migration panel lists which journeys
 * can move, a designer confirms, and the report arrives over the page's push connection when the
 * batches are done (the move runs in the background). Saves the README's screenshot.
 */
class MigrationInBrowserTest extends BrowserTest {

  private static final String TRIAL = "homefirst-migration-browser";

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  private final List<String> deployments = new ArrayList<>();

  @AfterEach
  void removeTheTrialModel() {
    deployments.forEach(id -> repository.deleteDeployment(id, true));
  }

  @Test
  void aDesignerMovesTheEligibleJourneyAndReadsTheReport() {
    ProcessDefinition v1 = deploy("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Check"/>
        <userTask id="Task_Check" name="Check the referral" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F2" sourceRef="Task_Check" targetRef="Task_Arrange"/>
        <userTask id="Task_Arrange" name="Arrange support" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F3" sourceRef="Task_Arrange" targetRef="End"/><endEvent id="End"/>""");
    String atCheck = start("Task_Check");
    String atArrange = start("Task_Arrange");
    ProcessDefinition v2 = deploy("""
        <startEvent id="Start"/><sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Arrange"/>
        <userTask id="Task_Arrange" name="Arrange support" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F2" sourceRef="Task_Arrange" targetRef="Task_Review"/>
        <userTask id="Task_Review" name="Review after a week" camunda:candidateGroups="designers"/>
        <sequenceFlow id="F3" sourceRef="Task_Review" targetRef="End"/><endEvent id="End"/>""");

    browser.manage().window().setSize(new org.openqa.selenium.Dimension(1500, 1100));
    signIn("designer");
    browser.get(url("/designer?model=" + TRIAL + "&migrateFrom="
        + URLEncoder.encode(v1.getId(), StandardCharsets.UTF_8)));
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        "1 of 2 journeys on version " + v1.getVersion() + " can move to version " + v2.getVersion()));
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("[...document.querySelectorAll('h3')]"
        + ".find(h => h.textContent.startsWith('Move running journeys')).scrollIntoView()");
    screenshot("designer-migration");

    click("//vaadin-button[contains(., 'Migrate 1 eligible journey')]");
    click("//vaadin-button[@slot='confirm-button']");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
        "Done in 1 batch: 1 moved, 0 refused, 0 failed"));
    screenshot("designer-migration-done");
    assertThat(definitionOf(atArrange)).isEqualTo(v2.getId());
    assertThat(definitionOf(atCheck)).isEqualTo(v1.getId());
  }

  private ProcessDefinition deploy(String body) {
    String xml = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="https://homefirst.test">
          <process id="%s" name="Short-term support (trial)" isExecutable="true" camunda:historyTimeToLive="P1D">
            %s
          </process>
        </definitions>""".formatted(TRIAL, body);
    var deployed = repository.createDeployment().name("homefirst-migration-test").addString("trial.bpmn", xml)
        .deployWithResult();
    deployments.add(deployed.getId());
    return deployed.getDeployedProcessDefinitions().getFirst();
  }

  private String start(String at) {
    return runtime.createProcessInstanceByKey(TRIAL).businessKey(UUID.randomUUID().toString())
        .startBeforeActivity(at).execute().getId();
  }

  private String definitionOf(String processInstanceId) {
    return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult()
        .getProcessDefinitionId();
  }
}
