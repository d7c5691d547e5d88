package org.homefirst.workers.partners;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.process.test.assertions.BpmnAssert;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.intent.MessageIntent;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * The shape every partner request has in the journey models (processes/README.md), built small
 * for the workers' engine tests: the request job (refusal in the answer: error boundary to
 * {@code End_Refused}), then a receive task waiting for {@value PartnerDecisions#MESSAGE}
 * correlated by the request key the job returned, then accepted ({@code End_Accepted}) or
 * rejected ({@code End_Rejected}).
 */
public final class RequestThenWait {

  public static final String TASK = "Task_Request";
  public static final String WAIT = "Task_AwaitDecision";

  private RequestThenWait() {}

  /** Deploys it as process {@code processId} for that job type and key variable. */
  public static void deploy(ZeebeClient client, String processId, String jobType, String keyVariable) {
    BpmnModelInstance model = Bpmn.createExecutableProcess(processId)
        .startEvent("Start")
        .serviceTask(TASK, t -> t.zeebeJobType(jobType).zeebeJobRetries("3"))
        .boundaryEvent("Error_Refused", b -> b.error(PartnerRejection.ERROR_CODE))
        .endEvent("End_Refused")
        .moveToActivity(TASK)
        .receiveTask(WAIT)
        .message(m -> m.name(PartnerDecisions.MESSAGE).zeebeCorrelationKeyExpression(keyVariable))
        .exclusiveGateway("Gateway_Decision")
        .conditionExpression("partnerDecision = \"accepted\"")
        .endEvent("End_Accepted")
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .endEvent("End_Rejected")
        .done();
    client.newDeployResourceCommand().addProcessModel(model, processId + ".bpmn").send().join();
  }

  /** The variables of every {@value PartnerDecisions#MESSAGE} the engine took for that request key. */
  public static List<Map<String, Object>> published(String requestKey) {
    return StreamSupport.stream(BpmnAssert.getRecordStream().messageRecords().spliterator(), false)
        .filter(r -> r.getRecordType() == RecordType.EVENT && r.getIntent() == MessageIntent.PUBLISHED)
        .filter(r -> r.getValue().getName().equals(PartnerDecisions.MESSAGE))
        .filter(r -> r.getValue().getCorrelationKey().equals(requestKey))
        .map(r -> r.getValue().getVariables())
        .toList();
  }
}
