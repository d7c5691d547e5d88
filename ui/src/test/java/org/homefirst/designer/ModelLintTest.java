package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.homefirst.inbox.Teams;
import org.homefirst.processes.Forms;
import org.homefirst.processes.SlaTimers;
import org.homefirst.processes.Topics;
import org.junit.jupiter.api.Test;

/**
 * Home First's lint rules, one test per rule, on pathway 1 as shipped and changed the way a
 * designer might. The forms, timers with rules and served topics here are the contract's constants
 * (the application's own catalogs are checked against every deployed model in DesignerViewTest).
 */
class ModelLintTest {

  private final ModelLint lint = new ModelLint(Forms.ALL::contains, Teams.ids()::contains,
      SlaTimers.BY_TIMER::containsKey, Topics.ALL);

  private static String model(String file) {
    try (InputStream in = ModelLintTest.class.getResourceAsStream("/homefirst/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String PATHWAY_1 = model("pathway-1.bpmn");

  @Test
  void theShippedModelPassesEveryRule() {
    assertThat(lint.check(PATHWAY_1)).isEmpty();
    assertThat(lint.check(model("chc.bpmn"))).isEmpty();
  }

  @Test
  void aGeneratedIdIsFlagged() {
    List<ModelLint.Problem> problems = lint.check(PATHWAY_1.replace("Task_OrderEquipment", "Activity_0k3j2x9"));
    assertThat(problems).extracting(ModelLint.Problem::rule, ModelLint.Problem::elementId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("readable-id", "Activity_0k3j2x9"));
    assertThat(problems.getFirst().message()).contains("readable id");
  }

  @Test
  void aTopicNotNamedHomefirstPartnerActionIsFlagged() {
    assertThat(lint.check(PATHWAY_1.replace("\"homefirst.equipment.order-equipment\"", "\"orderEquipment\"")))
        .containsExactly(new ModelLint.Problem("topic-name", "Task_OrderEquipment",
            "Topic \"orderEquipment\" should read homefirst.<partner>.<action>, in lower case with hyphens,"
                + " e.g. homefirst.transport.book-transport."));
  }

  @Test
  void aTopicNoWorkerServesIsFlagged() {
    assertThat(lint.check(PATHWAY_1.replace("homefirst.equipment.order-equipment", "homefirst.equipment.lend-drone")))
        .extracting(ModelLint.Problem::rule, ModelLint.Problem::elementId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("topic-worker", "Task_OrderEquipment"));
  }

  @Test
  void aServiceTaskThatIsNotAnExternalTaskIsFlagged() {
    assertThat(lint.check(PATHWAY_1.replace("camunda:type=\"external\" camunda:topic=\"homefirst.equipment."
        + "order-equipment\"", "camunda:class=\"org.example.Equipment\"")))
        .extracting(ModelLint.Problem::rule, ModelLint.Problem::elementId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("external-task", "Task_OrderEquipment"));
  }

  @Test
  void aFormTheInboxDoesNotHaveIsFlagged() {
    assertThat(lint.check(PATHWAY_1.replace("homefirst:support-started", "homefirst:support-begun")))
        .containsExactly(new ModelLint.Problem("form", "Task_ConfirmServiceStarted",
            "The inbox has no form homefirst:support-begun: staff could not complete the task."));
    assertThat(lint.check(PATHWAY_1.replace(" camunda:formKey=\"homefirst:support-started\"", "")))
        .extracting(ModelLint.Problem::rule).containsExactly("form");
  }

  @Test
  void aTeamNobodyKnowsIsFlagged() {
    String chc = model("chc.bpmn");
    assertThat(chc).contains("candidateGroups=\"chc\"");
    List<ModelLint.Problem> problems =
        lint.check(chc.replace("candidateGroups=\"chc\"", "candidateGroups=\"chc-nurses\""));
    assertThat(problems).isNotEmpty().allSatisfy(p -> {
      assertThat(p.rule()).isEqualTo("candidate-team");
      assertThat(p.message()).isEqualTo("No team \"chc-nurses\" is known: the task would reach nobody's work queue.");
    });
    assertThat(lint.check(PATHWAY_1.replace(" camunda:candidateGroups=\"${reablementTeam}\" camunda:formKey=\""
        + "homefirst:support-started\"", " camunda:formKey=\"homefirst:support-started\"")))
        .extracting(ModelLint.Problem::rule, ModelLint.Problem::elementId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("candidate-team", "Task_ConfirmServiceStarted"));
  }

  @Test
  void anSlaTimerWithoutARuleIsFlagged() {
    assertThat(lint.check(PATHWAY_1.replace("Timer_ReablementStartSla\"", "Timer_ReablementBeginSla\"")))
        .extracting(ModelLint.Problem::rule, ModelLint.Problem::elementId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sla-rule", "Timer_ReablementBeginSla"));
  }

  @Test
  void xmlThatIsNotBpmnIsOneProblem() {
    assertThat(lint.check("<bpmn:definitions")).extracting(ModelLint.Problem::rule).containsExactly("readable-xml");
  }
}
