package org.homefirst.designer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The review diff in words, without the stack: each kind of change a designer makes to pathway 1
 * or a decision table, read from the XML as the engine would see it.
 */
class ModelDiffTest {

  static final String PATHWAY_1 = model("pathway-1.bpmn");
  static final String VOLUNTARY = model("voluntary-service.dmn");

  @Test
  void theSameModelHasNoChanges() {
    assertThat(ModelDiff.between(PATHWAY_1, PATHWAY_1, ModelCatalog.Kind.PROCESS)).isEmpty();
    assertThat(ModelDiff.between(VOLUNTARY, VOLUNTARY, ModelCatalog.Kind.DECISION)).isEmpty();
  }

  @Test
  void aTimerChangedFromADateToADuration() {
    String draft = PATHWAY_1.replace("<bpmn:timerEventDefinition id=\"Timer_ReablementStartSla_Def\"><bpmn:timeDate"
        + " xsi:type=\"bpmn:tFormalExpression\">${reablementStartDueAt}</bpmn:timeDate>",
        "<bpmn:timerEventDefinition id=\"Timer_ReablementStartSla_Def\"><bpmn:timeDuration"
            + " xsi:type=\"bpmn:tFormalExpression\">PT72H</bpmn:timeDuration>");
    assertThat(draft).isNotEqualTo(PATHWAY_1);
    assertThat(sentences(PATHWAY_1, draft)).containsExactly("Timer 'reablement start due' (Timer_ReablementStartSla):"
        + " timer changed from date ${reablementStartDueAt} to duration PT72H.");
  }

  @Test
  void topicFormKeyAndCandidateGroupsInWords() {
    String draft = PATHWAY_1.replace("camunda:topic=\"homefirst.equipment.order-equipment\"",
            "camunda:topic=\"homefirst.equipment.order-kit\"")
        .replace("camunda:candidateGroups=\"${reablementTeam}\" camunda:formKey=\"homefirst:support-started\"",
            "camunda:candidateGroups=\"${reablementTeam},discharge-lbr\" camunda:formKey=\"homefirst:home-check\"");
    List<ModelDiff.Change> changes = ModelDiff.between(PATHWAY_1, draft, ModelCatalog.Kind.PROCESS);
    assertThat(changes).extracting(ModelDiff.Change::kind).containsOnly(ModelDiff.Kind.CHANGED);
    assertThat(changes).extracting(ModelDiff.Change::sentence).containsExactlyInAnyOrder(
        "Service task 'Order equipment' (Task_OrderEquipment): external task topic changed from"
            + " homefirst.equipment.order-equipment to homefirst.equipment.order-kit.",
        "User task 'Confirm support has started at home' (Task_ConfirmServiceStarted): candidate groups changed"
            + " from ${reablementTeam} to ${reablementTeam},discharge-lbr; form key changed from"
            + " homefirst:support-started to homefirst:home-check.");
  }

  @Test
  void anAddedTaskWithItsProperties() {
    String draft = PATHWAY_1.replace("<bpmn:boundaryEvent id=\"Timer_ReablementStartSla\"",
        "<bpmn:userTask id=\"Task_CheckKeySafe\" name=\"Check the key safe\" camunda:candidateGroups=\"reablement-lbr\""
            + " camunda:formKey=\"homefirst:home-check\" />\n    <bpmn:boundaryEvent id=\"Timer_ReablementStartSla\"");
    assertThat(ModelDiff.between(PATHWAY_1, draft, ModelCatalog.Kind.PROCESS)).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ModelDiff.Kind.ADDED);
      assertThat(c.elementId()).isEqualTo("Task_CheckKeySafe");
      assertThat(c.sentence()).isEqualTo("User task 'Check the key safe' (Task_CheckKeySafe) added: candidate groups"
          + " reablement-lbr; form key homefirst:home-check.");
    });
  }

  @Test
  void aRemovedTaskAndItsFlows() {
    String draft = PATHWAY_1.replaceAll("(?s)<bpmn:serviceTask id=\"Task_OrderEquipment\".*?</bpmn:serviceTask>", "");
    List<ModelDiff.Change> changes = ModelDiff.between(PATHWAY_1, draft, ModelCatalog.Kind.PROCESS);
    assertThat(changes).singleElement().satisfies(c -> {
      assertThat(c.kind()).isEqualTo(ModelDiff.Kind.REMOVED);
      assertThat(c.sentence()).isEqualTo("Service task 'Order equipment' (Task_OrderEquipment) removed.");
    });
  }

  @Test
  void aNewIdForTheSameTaskIsARename() {
    String draft = PATHWAY_1.replace("Task_ConfirmServiceStarted", "Task_ConfirmSupportStarted");
    List<ModelDiff.Change> changes = ModelDiff.between(PATHWAY_1, draft, ModelCatalog.Kind.PROCESS);
    assertThat(changes).as("the boundary timer and flows follow the rename: no change of theirs listed")
        .singleElement().satisfies(c -> {
          assertThat(c.kind()).isEqualTo(ModelDiff.Kind.RENAMED);
          assertThat(c.previousId()).isEqualTo("Task_ConfirmServiceStarted");
          assertThat(c.elementId()).isEqualTo("Task_ConfirmSupportStarted");
          assertThat(c.sentence()).isEqualTo("User task 'Confirm support has started at home': renamed"
              + " Task_ConfirmServiceStarted to Task_ConfirmSupportStarted.");
        });
  }

  @Test
  void aFlowToAnotherTargetAndItsCondition() {
    String draft = PATHWAY_1.replace("<bpmn:sequenceFlow id=\"Flow_SupportStartsToConfirmServiceStarted\""
        + " sourceRef=\"Gateway_SupportStarts\" targetRef=\"Task_ConfirmServiceStarted\" />",
        "<bpmn:sequenceFlow id=\"Flow_SupportStartsToConfirmServiceStarted\" sourceRef=\"Gateway_SupportStarts\""
            + " targetRef=\"Task_AssessAtHome\"><bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">"
            + "${supportStarted}</bpmn:conditionExpression></bpmn:sequenceFlow>");
    assertThat(sentences(PATHWAY_1, draft)).containsExactly("Sequence flow (Flow_SupportStartsToConfirmServiceStarted):"
        + " target changed from Task_ConfirmServiceStarted to Task_AssessAtHome; condition ${supportStarted} added.");
  }

  @Test
  void asyncMultiInstanceMappingAndMessageInWords() {
    String draft = PATHWAY_1.replace("<bpmn:serviceTask id=\"Task_OrderEquipment\" name=\"Order equipment\"",
            "<bpmn:serviceTask id=\"Task_OrderEquipment\" name=\"Order equipment\" camunda:asyncBefore=\"true\"")
        .replace("<bpmn:incoming>Flow_EquipmentNeededToOrderEquipment</bpmn:incoming>",
            "<bpmn:incoming>Flow_EquipmentNeededToOrderEquipment</bpmn:incoming><bpmn:multiInstanceLoopCharacteristics"
                + " camunda:collection=\"${items}\" camunda:elementVariable=\"item\" />")
        .replace("<camunda:inputParameter name=\"slaName\">reablement-start</camunda:inputParameter>",
            "<camunda:inputParameter name=\"slaName\">reablement-begin</camunda:inputParameter>")
        .replace("messageRef=\"Message_CarePackageDecided\"", "messageRef=\"Message_LongTermCareDecided\"");
    assertThat(sentences(PATHWAY_1, draft)).containsExactlyInAnyOrder(
        "Service task 'Order equipment' (Task_OrderEquipment): asynchronous before true added; multi-instance"
            + " parallel, collection ${items}, element variable item added.",
        "Call activity 'Escalate reablement start breach' (Call_EscalateReablementStartSla): input mapping slaName"
            + " changed from reablement-start to reablement-begin.",
        "Receive task 'Wait for the council to accept or reject' (Task_AwaitCarePackageDecision): message changed"
            + " from Message_CarePackageDecided (homefirst.partner-decided) to Message_LongTermCareDecided"
            + " (homefirst.partner-decided).");
  }

  @Test
  void decisionRulesByIdWithTheirRows() {
    String draft = VOLUNTARY.replace("<outputEntry id=\"Out_Lbbd\"><text>\"redcross-hnh\"</text>",
            "<outputEntry id=\"Out_Lbbd\"><text>\"ageuk-escort\"</text>")
        .replaceAll("(?s)<rule id=\"Rule_Lbh\">.*?</rule>", "")
        .replace("<decisionTable id=\"DecisionTable_VoluntaryService\" hitPolicy=\"FIRST\">",
            "<decisionTable id=\"DecisionTable_VoluntaryService\" hitPolicy=\"UNIQUE\">");
    assertThat(sentences(VOLUNTARY, draft)).containsExactly(
        "Decision 'Voluntary sector discharge support for borough' (homefirst-voluntary-service): hit policy changed"
            + " from FIRST to UNIQUE.",
        "Rule Rule_Lbh of Decision 'Voluntary sector discharge support for borough' (homefirst-voluntary-service)"
            + " removed: when Borough of residence is \"lbh\" then Voluntary service team = \"redcross-hnh\""
            + " ('Havering: British Red Cross Help Not Hospital').",
        "Rule Rule_Lbbd (row 1) of Decision 'Voluntary sector discharge support for borough'"
            + " (homefirst-voluntary-service): Voluntary service team changed from \"redcross-hnh\" to"
            + " \"ageuk-escort\".");
  }

  @Test
  void anAddedRule() {
    String draft = VOLUNTARY.replace("<rule id=\"Rule_Other\">", "<rule id=\"Rule_Newham\"><inputEntry id=\"E_N\">"
        + "<text>\"newham\"</text></inputEntry><outputEntry id=\"O_N\"><text>\"none\"</text></outputEntry></rule>"
        + "<rule id=\"Rule_Other\">");
    assertThat(sentences(VOLUNTARY, draft)).containsExactly("Rule Rule_Newham (row 4) of Decision 'Voluntary sector"
        + " discharge support for borough' (homefirst-voluntary-service) added: when Borough of residence is"
        + " \"newham\" then Voluntary service team = \"none\".");
  }

  private static List<String> sentences(String before, String after) {
    ModelCatalog.Kind kind = before.contains("<bpmn:") ? ModelCatalog.Kind.PROCESS : ModelCatalog.Kind.DECISION;
    return ModelDiff.between(before, after, kind).stream().map(ModelDiff.Change::sentence).toList();
  }

  static String model(String file) {
    try (InputStream in = ModelDiffTest.class.getResourceAsStream("/homefirst/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
