package org.homefirst.workers.partners;

import org.homefirst.workers.TestEngine;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/**
 * The shape every partner request has in the journey models (processes/README.md), built small
 * for the workers' engine tests: the request as an external task (refusal in the answer: error
 * boundary to {@code End_Refused}), then a receive task waiting for {@value PartnerDecisions#MESSAGE}
 * with the local variable {@code partnerRequestKey} mapped from the request key the job returned,
 * then accepted ({@code End_Accepted}) or rejected ({@code End_Rejected}).
 */
public final class RequestThenWait {

  public static final String TASK = "Task_Request";
  public static final String WAIT = "Task_AwaitDecision";

  private RequestThenWait() {}

  /** Deploys it as process {@code processId} for that topic and key variable. */
  public static void deploy(String processId, String topic, String keyVariable) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(processId)
        .operatonHistoryTimeToLive(1)
        .startEvent("Start")
        .serviceTask(TASK).operatonType("external").operatonTopic(topic)
        .boundaryEvent("Error_Refused").error(PartnerRejection.ERROR_CODE)
        .endEvent("End_Refused")
        .moveToActivity(TASK)
        .receiveTask(WAIT).message(PartnerDecisions.MESSAGE)
        .operatonInputParameter(PartnerDecisions.WAIT_VARIABLE, "${" + keyVariable + "}")
        .exclusiveGateway("Gateway_Decision")
        .condition("accepted", "${partnerDecision == 'accepted'}")
        .endEvent("End_Accepted")
        .moveToLastGateway()
        .condition("rejected", "${partnerDecision != 'accepted'}")
        .endEvent("End_Rejected")
        .done();
    TestEngine.deploy(model, processId + ".bpmn");
  }
}
