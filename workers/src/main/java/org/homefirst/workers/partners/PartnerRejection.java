package org.homefirst.workers.partners;

import io.camunda.zeebe.spring.common.exception.ZeebeBpmnError;
import java.util.Map;

/**
 * The partner decided against the request (no capacity, not eligible): a business outcome the
 * models handle with an error boundary event. Error code {@value #ERROR_CODE}, variable
 * {@code rejectionReason}.
 */
public final class PartnerRejection {

  public static final String ERROR_CODE = "homefirst.rejected";

  private PartnerRejection() {}

  public static ZeebeBpmnError of(String system, String reason) {
    String text = reason == null || reason.isBlank() ? system + " rejected the request" : reason;
    return new ZeebeBpmnError(ERROR_CODE, system + " rejected the request: " + text,
        Map.of("rejectionReason", text, "rejectedBy", system));
  }
}
