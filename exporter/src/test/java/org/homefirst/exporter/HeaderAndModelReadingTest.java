package org.homefirst.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderAndModelReadingTest {

  @Test
  void readsCandidateGroupsAsTheEngineWritesThem() {
    assertThat(JsonList.parse("[\"jad\",\"lbr-hospital-sw\"]")).containsExactly("jad", "lbr-hospital-sw");
    assertThat(JsonList.parse("[ \"a\\\"b\" ]")).containsExactly("a\"b");
    assertThat(JsonList.parse("[]")).isEmpty();
    assertThat(JsonList.parse(null)).isEmpty();
  }

  @Test
  void readsCommaSeparatedGroupsFromOlderEngines() {
    assertThat(JsonList.parse("jad, chc")).containsExactly("jad", "chc");
  }

  @Test
  void readsElementNamesOfTheDeployedProcessOnly() {
    String xml =
        """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="Start" name="Referral&#10;received"/>
            <bpmn:userTask id="Task_Triage" name="Triage referral"/>
            <bpmn:subProcess id="Sub">
              <bpmn:serviceTask id="Inner" name="Inner task"/>
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="Flow" sourceRef="Start" targetRef="Task_Triage"/>
          </bpmn:process>
          <bpmn:process id="other"><bpmn:userTask id="Elsewhere" name="Not ours"/></bpmn:process>
        </bpmn:definitions>""";

    assertThat(BpmnElements.of(xml, "p"))
        .extracting(BpmnElements.Element::id, BpmnElements.Element::name, BpmnElements.Element::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Start", "Referral received", "startEvent"),
            org.assertj.core.groups.Tuple.tuple("Task_Triage", "Triage referral", "userTask"),
            org.assertj.core.groups.Tuple.tuple("Sub", null, "subProcess"),
            org.assertj.core.groups.Tuple.tuple("Inner", "Inner task", "serviceTask"));
  }

  @Test
  void anUnreadableModelGivesNoNamesRatherThanFailingTheExport() {
    assertThat(BpmnElements.of("<not-xml", "p")).isEmpty();
  }
}
