package org.homefirst.workers.journey;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.response.ActivatedJob;
import io.camunda.zeebe.spring.client.annotation.JobWorker;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code homefirst.journey.publish-patient-discharged}: when the discharge sub-process confirms the
 * patient has left, the main journey hears it as the message {@code homefirst.patient-discharged}
 * (the same message an ADT A03 feed sends), which stops its delay prompts. Publishing twice after
 * a retry is harmless: the journey only records the discharge time again.
 */
@Component
public class DischargeAnnouncement {

  private final ZeebeClient engine;

  DischargeAnnouncement(ZeebeClient engine) {
    this.engine = engine;
  }

  @JobWorker(type = "homefirst.journey.publish-patient-discharged")
  public void announce(ActivatedJob job) {
    Map<String, Object> vars = job.getVariablesAsMap();
    Object referralId = vars.get("referralId");
    Object dischargedAt = vars.get("dischargedAt");
    if (referralId == null || dischargedAt == null) {
      throw new IllegalArgumentException("publish-patient-discharged needs referralId and dischargedAt");
    }
    engine
        .newPublishMessageCommand()
        .messageName("homefirst.patient-discharged")
        .correlationKey(referralId.toString())
        .variables(Map.of("dischargedAt", dischargedAt))
        .timeToLive(Duration.ZERO)
        .send()
        .join();
  }
}
